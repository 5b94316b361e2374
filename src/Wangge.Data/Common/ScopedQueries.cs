using Microsoft.EntityFrameworkCore;
using Wangge.Core.Common;

namespace Wangge.Data.Common;

/// <summary>
/// The one place that decides how an out-of-scope record answers: reads see nothing (404, no existence
/// leak); writes are refused (403).
/// </summary>
public static class ScopedQueries
{
    public static async Task<T> FindForReadAsync<T>(this IQueryable<T> set, Guid id, string what, CancellationToken ct) where T : class, IScoped =>
        await set.FirstOrDefaultAsync(e => EF.Property<Guid>(e, "Id") == id, ct) ?? throw RuleViolation.NotFound(what);

    public static async Task<T> FindForWriteAsync<T>(this DbSet<T> set, Guid id, string what, CancellationToken ct) where T : class, IScoped
    {
        var found = await set.FirstOrDefaultAsync(e => EF.Property<Guid>(e, "Id") == id, ct);
        if (found is not null) return found;
        var exists = await set.Unscoped(UnscopedReason.WriteRefusal).AnyAsync(e => EF.Property<Guid>(e, "Id") == id, ct);
        throw exists ? RuleViolation.Forbidden($"{what} lies outside your part of the grid.") : RuleViolation.NotFound(what);
    }
}
