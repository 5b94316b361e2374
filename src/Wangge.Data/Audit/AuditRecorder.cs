using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using NetTopologySuite.Geometries;
using Wangge.Core.Audit;

namespace Wangge.Data.Audit;

/// <summary>One entity write about to be saved, with its state captured before EF accepts it.</summary>
/// <remarks>A bulk write made outside EF (COPY, set-based UPDATE) has no entry; it is audited by its summary.</remarks>
internal sealed record TrackedChange(EntityEntry? Entry, string EntityType, string EntityKey, string Action, string? Before, string? After);

/// <summary>Turns tracked changes into audit entries and appends them to the chain under the chain-head lock.</summary>
internal static class AuditRecorder
{
    // Secrets are never copied into the audit log, only the fact that they changed.
    private static readonly HashSet<string> Redacted = ["PasswordHash", "TokenHash"];

    // Chinese names stay readable in the log instead of becoming \u escapes.
    internal static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static List<TrackedChange> Collect(DbContext db)
    {
        var changes = new List<TrackedChange>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            // Versions and import problems are records of writes audited in their own right (the business, the run).
            if (entry.Entity is AuditEntry or AuditChainHead or Wangge.Core.Businesses.BusinessVersion or Wangge.Core.Imports.ImportProblem) continue;
            var action = entry.State switch
            {
                EntityState.Added => "added",
                EntityState.Modified => "modified",
                EntityState.Deleted => "deleted",
                _ => null,
            };
            if (action is null) continue;
            // A bulk import audits each batch once (its run's checkpoint row) rather than each of its thousands of rows.
            if (db is WanggeDbContext { AuditCreatedLedgerRowsAsBatch: true } && entry.State == EntityState.Added &&
                entry.Entity is Wangge.Core.Businesses.Business or Wangge.Core.Businesses.Licence or Wangge.Core.Risk.CurrentRating or Wangge.Core.Risk.RiskRating
                    or Wangge.Core.Risk.SupervisionEvent) continue;
            var key = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));
            var before = entry.State == EntityState.Added ? null : Serialise(entry, original: true);
            var after = entry.State == EntityState.Deleted ? null : Serialise(entry, original: false);
            changes.Add(new TrackedChange(entry, entry.Metadata.ClrType.Name, key, action, before, after));
        }
        return changes;
    }

    public static async Task AppendAsync(WanggeDbContext db, IReadOnlyList<TrackedChange> changes, CancellationToken ct)
    {
        // Taking the head row's write lock first makes concurrent writers queue here, on either database.
        var table = db.Model.FindEntityType(typeof(AuditChainHead))!.GetTableName();
        // The table name comes from our own model, not from input.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync($"UPDATE {table} SET sequence = sequence WHERE id = {AuditChainHead.SingletonId}", ct);
#pragma warning restore EF1002
        var stored = await db.AuditChainHeads.AsNoTracking().SingleAsync(ct);
        var head = db.AuditChainHeads.Local.FirstOrDefault();
        if (head is null)
        {
            head = new AuditChainHead { Id = stored.Id, Sequence = stored.Sequence, Hash = stored.Hash };
            db.AuditChainHeads.Attach(head);
        }
        else
        {
            head.Sequence = stored.Sequence;
            head.Hash = stored.Hash;
            db.Entry(head).OriginalValues.SetValues(stored);
        }

        var caller = db.Caller;
        var now = db.Clock.GetUtcNow();
        var sequence = stored.Sequence;
        var previous = stored.Hash;
        foreach (var c in changes)
        {
            var entry = new AuditEntry(++sequence, now, caller.Actor, caller.Address, c.EntityType, c.EntityKey, c.Action, c.Before, c.After, previous);
            db.AuditEntries.Add(entry);
            previous = entry.Hash;
        }
        head.Sequence = sequence;
        head.Hash = previous;
    }

    private static string Serialise(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            var value = original ? p.OriginalValue : p.CurrentValue;
            values[name] = Redacted.Contains(name) ? "***" : value switch
            {
                Geometry g => g.AsText(),
                _ => value,
            };
        }
        return JsonSerializer.Serialize(values, Json);
    }
}
