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
    private static readonly HashSet<string> Redacted = ["PasswordHash", "TokenHash", "SecurityStamp"];

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
            var before = entry.State == EntityState.Added ? null : Serialise(entry, original: true);
            // The key and after-state of a row still to be saved are read again once it is (see Append).
            changes.Add(new TrackedChange(entry, entry.Metadata.ClrType.Name, KeyOf(entry), action, before, null));
        }
        return changes;
    }

    /// <summary>
    /// The versions a save is about to write, added after <see cref="Collect"/> by the version recorder: each gets an
    /// entry of its own, except in a bulk batch, where they are added to the batch's digest and the digest gets one.
    /// </summary>
    public static void CollectVersions(WanggeDbContext db, List<TrackedChange> changes)
    {
        foreach (var entry in db.ChangeTracker.Entries<Wangge.Core.Businesses.BusinessVersion>().Where(e => e.State == EntityState.Added))
        {
            var v = entry.Entity;
            if (db.AuditCreatedLedgerRowsAsBatch) db.RecordBulkVersion(v.Id, v.BusinessId, v.Number, System.Text.Encoding.UTF8.GetBytes(v.Snapshot));
            else changes.Add(new TrackedChange(entry, nameof(Wangge.Core.Businesses.BusinessVersion), KeyOf(entry), "added", null, null));
        }
        // Versions recorded in a transaction that has since rolled back are not in the database: their digest goes with them.
        if (db.BulkVersions.Rows > 0 && ReferenceEquals(db.BulkVersions.Transaction, db.Database.CurrentTransaction))
            changes.Add(new TrackedChange(null, BulkDigest.EntityType, db.BulkVersions.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
                BulkDigest.Action, null, JsonSerializer.Serialize(db.BulkVersions.Summary, Json)));
    }

    /// <summary>
    /// Takes the chain head's write lock, so concurrent writers queue here on either database, and tracks the head
    /// as stored. Called before the rows are saved: versions are numbered under this lock.
    /// </summary>
    public static async Task LockHeadAsync(WanggeDbContext db, CancellationToken ct)
    {
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
    }

    /// <summary>
    /// Appends one entry per change after the head <see cref="LockHeadAsync"/> read. A saved row's key and after-state
    /// are read from its entry now, so they are the ones the database holds.
    /// </summary>
    public static void Append(WanggeDbContext db, IReadOnlyList<TrackedChange> changes)
    {
        var head = db.AuditChainHeads.Local.Single();
        var caller = db.Caller;
        var now = db.Clock.GetUtcNow();
        var sequence = head.Sequence;
        var previous = head.Hash;
        foreach (var c in changes)
        {
            var saved = c.Entry is not null && c.Action != "deleted";
            var key = saved ? KeyOf(c.Entry!) : c.EntityKey;
            var after = saved ? Serialise(c.Entry!, original: false) : c.After;
            var entry = new AuditEntry(++sequence, now, caller.Actor, caller.Address, c.EntityType, key, c.Action, c.Before, after, previous, db.AuditKey);
            db.AuditEntries.Add(entry);
            previous = entry.Hash;
        }
        head.Sequence = sequence;
        head.Hash = previous;
    }

    internal static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));

    internal static string Serialise(EntityEntry entry, bool original)
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
