using Wangge.Core.Common;
using Wangge.Data.Audit;

namespace Wangge.Data.Common;

/// <summary>Refuses, before anything is written, any change to a scoped row outside the caller's subtree.</summary>
internal static class ScopeGuard
{
    public static void Check(Caller caller, IEnumerable<TrackedChange> changes)
    {
        if (caller.SeesAll) return;
        foreach (var change in changes)
        {
            if (change.Entry is not { Entity: IScoped } entry) continue;
            var path = entry.Property(nameof(IScoped.ScopePathValue));
            var original = (string?)path.OriginalValue ?? "";
            var current = (string?)path.CurrentValue ?? "";
            if (change.Action != "added" && !caller.Covers(original) || change.Action != "deleted" && !caller.Covers(current))
                throw RuleViolation.Forbidden($"{change.EntityType} {change.EntityKey} lies outside your part of the grid.");
        }
    }
}
