using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Wangge.Core.Businesses;
using Wangge.Core.Common;

namespace Wangge.Data.Common;

/// <summary>
/// Optimistic concurrency for every <see cref="IVersioned"/> aggregate, the same on SQLite and PostgreSQL: the
/// version is a concurrency token, so each UPDATE says <c>WHERE version = @read</c>; a save advances the version of
/// each aggregate it changes; and a write that finds its row moved on is refused with the version it is at now.
/// </summary>
internal static class Versioning
{
    /// <summary>The one convention: an aggregate that is <see cref="IVersioned"/> is written only over the version it was read at.</summary>
    public static void Configure(ModelBuilder model)
    {
        foreach (var type in model.Model.GetEntityTypes().Where(t => !t.IsOwned() && typeof(IVersioned).IsAssignableFrom(t.ClrType)).ToList())
            model.Entity(type.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
    }

    /// <summary>
    /// Advances by one the version of each changed aggregate whose version nothing else has set. A business's versions
    /// are numbered by <see cref="Businesses.VersionRecorder"/> with its history, which risk-only writes do not grow.
    /// </summary>
    public static void Advance(DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State != EntityState.Modified || entry.Entity is Business) continue;
            var version = entry.Property(nameof(IVersioned.Version));
            if (!version.IsModified) version.CurrentValue = (int)version.OriginalValue! + 1;
        }
    }

    /// <summary>
    /// The refusal for a save whose rows another writer changed first. Asked after the failed transaction has ended,
    /// so the version it reports is the one committed now.
    /// </summary>
    public static async Task<RuleViolation> RefusalAsync(DbContext db, DbUpdateConcurrencyException failure, CancellationToken ct)
    {
        // The failing row may be the aggregate's own or one of its owned rows (a licence deleted twice): either way the
        // aggregate this save changed is the one to reload.
        var aggregate = failure.Entries.FirstOrDefault(e => e.Entity is IVersioned)
                        ?? db.ChangeTracker.Entries<IVersioned>().FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted);
        if (aggregate is null)
        {
            // A record guarded by a token of its own (an assignment's end): the refusal names that field.
            var entry = failure.Entries.FirstOrDefault();
            var token = entry?.Metadata.GetProperties().FirstOrDefault(p => p.IsConcurrencyToken)?.Name;
            var field = token is null ? VersionRules.Field : char.ToLowerInvariant(token[0]) + token[1..];
            return RuleViolation.Conflict(field, "version_stale",
                $"{entry?.Metadata.ClrType.Name ?? "The record"} was changed by someone else meanwhile. Reload it and try again.");
        }
        var read = aggregate.Property(nameof(IVersioned.Version)).OriginalValue as int?;
        int? current = null;
        try
        {
            current = (await aggregate.GetDatabaseValuesAsync(ct))?.GetValue<int>(nameof(IVersioned.Version));
        }
        catch (InvalidOperationException)
        {
            // A connection left unusable by the failure: the refusal still stands, without the current version.
        }
        return VersionRules.Stale($"{aggregate.Metadata.ClrType.Name} {KeyOf(aggregate)}", read, current);
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue) ?? []);
}
