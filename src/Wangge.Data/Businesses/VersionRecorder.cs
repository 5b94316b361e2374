using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Businesses;
using Wangge.Data.Common;

namespace Wangge.Data.Businesses;

/// <summary>
/// Appends a <see cref="BusinessVersion"/> for every business whose ledger facts a save changes, so no write
/// path can forget the history. Risk fields are not ledger facts: ratings keep their own history.
/// </summary>
public static class VersionRecorder
{
    private static readonly HashSet<string> NotLedgerFacts =
    [
        nameof(Business.Version), nameof(Business.LastInspectedOn), nameof(Business.OverrideClass),
        nameof(Business.OverrideReason), nameof(Business.OverrideUntil), nameof(Business.OverrideBy),
    ];

    // Source-generated: an import writes a million of these, and reflection-based serialisation was a tenth of its time.
    private static readonly SnapshotJson Json = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // A million first versions of a province's ledger: absent fields are left out rather than written as null.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    });

    public static string Serialise(BusinessSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Json.BusinessSnapshot);

    /// <summary>A writer for <see cref="Serialise(BusinessSnapshot, Utf8JsonWriter)"/>: a writer's own options decide escaping.</summary>
    public static Utf8JsonWriter CreateWriter(IBufferWriter<byte> output) =>
        new(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });

    /// <summary>The same JSON as UTF-8 into <paramref name="writer"/>, for bulk writers that send bytes without a string between.</summary>
    public static void Serialise(BusinessSnapshot snapshot, Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, snapshot, Json.BusinessSnapshot);

    public static BusinessSnapshot? Deserialise(string json) => JsonSerializer.Deserialize(json, Json.BusinessSnapshot);

    /// <summary>The businesses a save changes in their ledger facts, and how; read before anything is written.</summary>
    internal static List<(Business Business, bool Added, string Change)> Pending(WanggeDbContext db)
    {
        var licenceOwners = db.ChangeTracker.Entries<Licence>()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified)
            .Select(e => (Guid)e.Property("BusinessId").CurrentValue!)
            .ToHashSet();
        var pending = new List<(Business, bool, string)>();
        foreach (var entry in db.ChangeTracker.Entries<Business>())
        {
            var b = entry.Entity;
            if (entry.State == EntityState.Added) { pending.Add((b, true, "created")); continue; }
            if (entry.State != EntityState.Modified && !licenceOwners.Contains(b.Id)) continue;
            var changed = entry.Properties.Where(p => p.IsModified && !NotLedgerFacts.Contains(p.Metadata.Name)).Select(p => p.Metadata.Name).ToList();
            if (changed.Count == 0 && !licenceOwners.Contains(b.Id)) continue;
            pending.Add((b, false, changed.Contains(nameof(Business.Status)) && b.Status == BusinessStatus.Closed ? "closed"
                : changed.Count == 2 && changed.Contains(nameof(Business.GridId)) && changed.Contains(nameof(Business.ScopePathValue)) ? "placed"
                : "changed"));
        }
        return pending;
    }

    /// <summary>
    /// Appends the versions. Called under the audit chain's lock, so numbers read from the table here cannot be
    /// taken by a concurrent writer of the same business: each change gets the next number.
    /// </summary>
    internal static async Task AppendAsync(WanggeDbContext db, List<(Business Business, bool Added, string Change)> pending, CancellationToken ct)
    {
        if (pending.Count == 0) return;
        var existing = pending.Where(p => !p.Added).Select(p => p.Business.Id).ToList();
        var latest = existing.Count == 0 ? [] : await db.BusinessVersions.Unscoped(UnscopedReason.History).AsNoTracking()
            .Where(v => existing.Contains(v.BusinessId)).GroupBy(v => v.BusinessId)
            .Select(g => new { g.Key, Number = g.Max(v => v.Number) }).ToDictionaryAsync(x => x.Key, x => x.Number, ct);
        var now = db.Clock.GetUtcNow();
        foreach (var (b, added, change) in pending)
        {
            b.Version = added ? 1 : Math.Max(b.Version, latest.GetValueOrDefault(b.Id)) + 1;
            db.BusinessVersions.Add(new BusinessVersion(b.Id, b.Version, now, db.Caller.Actor, change, Serialise(b.Snapshot()),
                b.Status, b.GridId, b.ScopePathValue, b.Name));
        }
    }
}

[JsonSerializable(typeof(BusinessSnapshot))]
internal sealed partial class SnapshotJson : JsonSerializerContext;
