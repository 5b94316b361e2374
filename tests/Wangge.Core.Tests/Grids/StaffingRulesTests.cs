using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Core.People;

namespace Wangge.Core.Tests.Grids;

/// <summary>[004-1]: a named leader, at least two supervisors including the leader, nobody more than three years.</summary>
public sealed class StaffingRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly Guid GridId = Guid.NewGuid();
    private static readonly ScopePath GridScope = ScopePath.Root("440111").Child("44011100701");

    private static GridAssignment Assign(AssignmentRole role, DateOnly from, Guid? personId = null) =>
        new(Guid.NewGuid(), personId ?? Guid.NewGuid(), GridId, GridScope, role, from);

    private static GridAssignment Recent(AssignmentRole role) => Assign(role, Today.AddMonths(-6));

    private static List<StaffingProblem> Check(params GridAssignment[] current) =>
        StaffingRules.Check(GridId, current, Today).ToList();

    [Theory]
    [InlineData("2023-10-24", "2026-11-24", 37, Label = "the documented example: 37 whole months")]
    [InlineData("2024-01-24", "2024-02-23", 0, Label = "one day short of the day-of-month is not a month")]
    [InlineData("2024-01-24", "2024-02-24", 1, Label = "reaching the same day-of-month completes the month")]
    [InlineData("2024-01-24", "2024-02-25", 1, Label = "days past the boundary do not round up")]
    [InlineData("2023-12-15", "2024-01-15", 1, Label = "counting crosses the year end")]
    [InlineData("2024-01-31", "2024-02-29", 0, Label = "day 31 is not reached in February, so the month is not complete")]
    [InlineData("2024-01-31", "2024-03-01", 1, Label = "the month completes the day after a short month ends")]
    [InlineData("2024-05-10", "2024-05-10", 0, Label = "the first day counts nothing")]
    [InlineData("2023-11-24", "2026-11-24", 36, Label = "three years to the day is 36")]
    public void MonthsBetween_TwoDates_CountsWholeMonths(string from, string to, int expected)
    {
        Assert.Equal(expected, StaffingRules.MonthsBetween(DateOnly.Parse(from), DateOnly.Parse(to)));
    }

    [Fact]
    public void Check_LeaderAndSupervisor_FindsNothing()
    {
        Assert.Empty(Check(Recent(AssignmentRole.Leader), Recent(AssignmentRole.Supervisor)));
    }

    [Fact]
    public void Check_OnlyTheLeader_IsTooFewStaff()
    {
        var problem = Assert.Single(Check(Recent(AssignmentRole.Leader)));

        Assert.Equal(StaffingProblemKind.TooFewStaff, problem.Kind);
        Assert.Equal(GridId, problem.GridId);
        Assert.Equal(1, problem.Months); // carries the head count for the report
    }

    [Fact]
    public void Check_OneSupervisorWithoutLeader_IsNoLeaderAndTooFewStaff()
    {
        var kinds = Check(Recent(AssignmentRole.Supervisor)).Select(p => p.Kind);

        Assert.Equal([StaffingProblemKind.NoLeader, StaffingProblemKind.TooFewStaff], kinds);
    }

    [Fact]
    public void Check_NobodyAssigned_IsNoLeaderAndTooFewStaff()
    {
        var kinds = Check().Select(p => p.Kind);

        Assert.Equal([StaffingProblemKind.NoLeader, StaffingProblemKind.TooFewStaff], kinds);
    }

    [Fact]
    public void Check_CoordinatorsInformantsAndChief_DoNotCountAsSupervisors()
    {
        // Village coordinators and informants help the grid but are not its supervisors ([004-1], [004-2]).
        var problems = Check(Recent(AssignmentRole.Leader), Recent(AssignmentRole.Coordinator),
            Recent(AssignmentRole.Informant), Recent(AssignmentRole.StationChief));

        var problem = Assert.Single(problems);
        Assert.Equal(StaffingProblemKind.TooFewStaff, problem.Kind);
        Assert.Equal(1, problem.Months);
    }

    [Theory]
    [InlineData(32, null, Label = "32 months: no warning yet")]
    [InlineData(33, StaffingProblemKind.RotationDue, Label = "33 months: warn three months ahead")]
    [InlineData(36, StaffingProblemKind.RotationDue, Label = "36 months: at the limit, still only due")]
    [InlineData(37, StaffingProblemKind.RotationOverdue, Label = "37 months: more than three years is overdue")]
    public void Check_MonthsServed_FlagsRotation(int months, StaffingProblemKind? expected)
    {
        var personId = Guid.NewGuid();
        var veteran = Assign(AssignmentRole.Supervisor, Today.AddMonths(-months), personId);

        var rotation = Check(Recent(AssignmentRole.Leader), veteran).SingleOrDefault();

        Assert.Equal(expected, rotation?.Kind);
        if (rotation is null) return;
        Assert.Equal(personId, rotation.PersonId);
        Assert.Equal(months, rotation.Months);
    }

    [Fact]
    public void Check_LongServingCoordinator_IsNotRotated()
    {
        // The three-year rule is about supervisors; coordinators live in their village.
        Assert.Empty(Check(Recent(AssignmentRole.Leader), Recent(AssignmentRole.Supervisor),
            Assign(AssignmentRole.Coordinator, Today.AddYears(-10))));
    }

    [Fact]
    public void Check_EndedAssignmentPassedIn_StillCounts()
    {
        // Check works on "current" assignments and does not look at To: filtering ended ones is the caller's job.
        var formerLeader = Recent(AssignmentRole.Leader);
        formerLeader.End(Today.AddDays(-1));

        Assert.Empty(Check(formerLeader, Recent(AssignmentRole.Supervisor)));
    }

    [Fact]
    public void Check_OnePersonHoldingLeaderAndSupervisor_IsTooFewStaff()
    {
        // [004-1] asks for at least two supervisors including the leader: two people, not two rows.
        var personId = Guid.NewGuid();

        var problems = Check(Assign(AssignmentRole.Leader, Today.AddMonths(-6), personId),
            Assign(AssignmentRole.Supervisor, Today.AddMonths(-6), personId));

        Assert.Contains(problems, p => p.Kind == StaffingProblemKind.TooFewStaff);
    }
}
