using Microsoft.EntityFrameworkCore;

namespace Wangge.Data.Common;

/// <summary>
/// Why a read may see past the caller's place in the grid hierarchy. Each is a rule of the domain that needs the whole
/// jurisdiction, never a shortcut; a new one is a decision to write down here.
/// </summary>
public enum UnscopedReason
{
    /// <summary>A business belongs to whichever bottom grid holds its point, wherever the caller stands.</summary>
    Placement,

    /// <summary>Borders are checked as a family: they tile their parent and overlap no grid, seen by the caller or not.</summary>
    Topology,

    /// <summary>A ledger key (credit code, grid code) is unique across the jurisdiction, not only within a scope.</summary>
    UniqueKey,

    /// <summary>A write on a record outside the caller's scope is refused (403), where a read says it is not there (404).</summary>
    WriteRefusal,

    /// <summary>The name and code of a record that one of the caller's records points at (the grid a business came from).</summary>
    ReferencedLabels,

    /// <summary>A record's own history, including versions written while it lay in another grid.</summary>
    History,

    /// <summary>The audit chain is recorded, verified and reconciled over every row.</summary>
    AuditChain,
}

/// <summary>
/// The one door to reads outside the caller's scope (every other read goes through the scope query filter). The SQL
/// carries the reason as a tag, so a database log shows each unscoped read and why; an architecture test fails on
/// <c>IgnoreQueryFilters</c> anywhere else.
/// </summary>
public static class UnscopedReads
{
    public static IQueryable<T> Unscoped<T>(this DbSet<T> set, UnscopedReason reason) where T : class
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.IgnoreQueryFilters().TagWith($"unscoped: {reason}");
    }
}
