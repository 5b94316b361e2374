using Wangge.Core.People;

namespace Wangge.Core.Grids;

public enum StaffingProblemKind
{
    NoLeader,
    TooFewStaff,
    RotationDue,
    RotationOverdue,
}

public sealed record StaffingProblem(StaffingProblemKind Kind, Guid GridId, Guid? PersonId, int Months);

/// <summary>The staffing rules of the sources, checked against a grid's current assignments.</summary>
public static class StaffingRules
{
    /// <summary>Every bottom grid has at least two supervisors including the leader ([004-1]).</summary>
    public const int MinimumStaffPerGrid = 2;
    /// <summary>Nobody supervises the same grid for more than three years ([004-1]).</summary>
    public const int RotationLimitMonths = 36;
    /// <summary>Warn three months before the limit, so a replacement can be planned.</summary>
    public const int RotationWarningMonths = 33;

    public static IEnumerable<StaffingProblem> Check(Guid gridId, IReadOnlyCollection<GridAssignment> current, DateOnly today)
    {
        var staff = current.Where(a => a.Role is AssignmentRole.Leader or AssignmentRole.Supervisor).ToList();
        if (!staff.Any(a => a.Role == AssignmentRole.Leader))
            yield return new StaffingProblem(StaffingProblemKind.NoLeader, gridId, null, 0);
        // People, not assignments: one person holding two duties is still one person on the grid.
        var people = staff.Select(a => a.PersonId).Distinct().Count();
        if (people < MinimumStaffPerGrid)
            yield return new StaffingProblem(StaffingProblemKind.TooFewStaff, gridId, null, people);
        foreach (var a in staff.GroupBy(a => a.PersonId).Select(g => g.MinBy(a => a.From)!))
        {
            var months = MonthsBetween(a.From, today);
            if (months > RotationLimitMonths)
                yield return new StaffingProblem(StaffingProblemKind.RotationOverdue, gridId, a.PersonId, months);
            else if (months >= RotationWarningMonths)
                yield return new StaffingProblem(StaffingProblemKind.RotationDue, gridId, a.PersonId, months);
        }
    }

    /// <summary>Whole months served: 2023-10-24 to 2026-11-24 is 37.</summary>
    public static int MonthsBetween(DateOnly from, DateOnly to)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        return to.Day < from.Day ? months - 1 : months;
    }
}
