using Wangge.Core.Common;
using Wangge.Core.People;

namespace Wangge.Core.Tests.People;

/// <summary>An assignment changes once, when it ends; a second end (a stale page, two editors) cannot move the date.</summary>
public sealed class GridAssignmentTests
{
    private static GridAssignment Current() =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ScopePath.Root("440111"), AssignmentRole.Supervisor, new DateOnly(2025, 1, 1));

    [Fact]
    public void End_Current_SetsTheEnd()
    {
        var a = Current();
        a.End(new DateOnly(2026, 1, 1));
        Assert.Equal(new DateOnly(2026, 1, 1), a.To);
    }

    [Fact]
    public void End_AlreadyEnded_IsAConflictAndKeepsTheFirstEnd()
    {
        var a = Current();
        a.End(new DateOnly(2026, 1, 1));
        var ex = Assert.Throws<RuleViolation>(() => a.End(new DateOnly(2026, 2, 1)));
        Assert.Equal(("assignment_already_ended", "to", ViolationKind.Conflict), (ex.Code, ex.Field, ex.Kind));
        Assert.Equal(new DateOnly(2026, 1, 1), a.To);
    }
}
