using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Wangge.Core.Audit;
using Wangge.Core.Businesses;
using Wangge.Data.Businesses;
using Wangge.Data.Common;

namespace Wangge.Data.Audit;

/// <summary>
/// Reconciles every audited table with the log (decision 005): each row equals the after-state of its last entry, each
/// row without an entry was written by an audited bulk batch, and every business equals its latest version. Feed it
/// the verified chain with <see cref="Observe"/>, then call <see cref="ReconcileAsync"/>.
/// </summary>
public sealed class AuditReconciler(WanggeDbContext db)
{
    /// <summary>Rows a bulk batch may write without an entry each: the batch's entry (a run checkpoint, a summary) audits them.</summary>
    private static readonly HashSet<Type> BulkWritten = [typeof(Business), typeof(Licence), typeof(Core.Risk.SupervisionEvent), typeof(BusinessVersion)];

    /// <summary>
    /// Not reconciled row by row: ratings are derived from the events by the published rules and re-rated set-based
    /// (one summary entry per run); import problems are records of an audited run, not audited themselves.
    /// </summary>
    private static readonly HashSet<Type> NotReconciled =
    [
        typeof(AuditEntry), typeof(AuditChainHead), typeof(Core.Imports.ImportProblem),
        typeof(Core.Risk.RiskRating), typeof(Core.Risk.CurrentRating),
    ];

    private const int PageSize = 1000;
    private readonly Dictionary<(string Type, string Key), (long Sequence, string Action, string? After)> _last = [];
    private readonly HashSet<(string Type, string Key)> _seen = [];
    private readonly BulkDigest _recordedVersions = new();
    private readonly BulkDigest _storedVersions = new();

    /// <summary>Remembers the last entry of each record and the batches' digests; entries must come in sequence order.</summary>
    public void Observe(AuditEntry e)
    {
        if (e.Action is "added" or "modified" or "deleted") _last[(e.EntityType, e.EntityKey)] = (e.Sequence, e.Action, e.After);
        else if (e is { EntityType: BulkDigest.EntityType, Action: BulkDigest.Action, After: { } after })
        {
            using var summary = JsonDocument.Parse(after);
            _recordedVersions.Add(summary.RootElement.GetProperty("rows").GetInt64(), summary.RootElement.GetProperty("sum").GetString()!);
        }
    }

    public async Task<List<AuditBreak>> ReconcileAsync(CancellationToken ct)
    {
        var problems = new List<AuditBreak>();
        var reconciled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && !NotReconciled.Contains(t.ClrType)).ToList())
        {
            reconciled.Add(type.ClrType.Name);
            foreach (var owned in type.GetNavigations().Select(n => n.TargetEntityType).Where(t => t.IsOwned() && !NotReconciled.Contains(t.ClrType)))
                reconciled.Add(owned.ClrType.Name);
            var key = type.FindPrimaryKey()!.Properties.Single();
            var scan = typeof(AuditReconciler).GetMethod(nameof(ScanAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(type.ClrType, key.ClrType);
            await (Task)scan.Invoke(this, [key.Name, problems, ct])!;
        }
        foreach (var ((type, key), last) in _last.OrderBy(x => x.Value.Sequence))
            if (last.Action != "deleted" && reconciled.Contains(type) && !_seen.Contains((type, key)))
                problems.Add(new AuditBreak(last.Sequence, AuditMessages.Format(AuditMessages.RowDeleted, Kind(type), key, last.Sequence)));
        if (!_recordedVersions.SameAs(_storedVersions))
            problems.Add(new AuditBreak(0, AuditMessages.Format(AuditMessages.BulkVersionsDiffer, _storedVersions.Rows, _recordedVersions.Rows)));
        return problems;
    }

    private async Task ScanAsync<T, TKey>(string keyName, List<AuditBreak> problems, CancellationToken ct) where T : class
    {
        var keys = await db.Set<T>().Unscoped(UnscopedReason.AuditChain).AsNoTracking().Select(e => EF.Property<TKey>(e, keyName)).ToListAsync(ct);
        foreach (var page in keys.Chunk(PageSize))
        {
            var rows = await db.Set<T>().Unscoped(UnscopedReason.AuditChain).AsTracking().Where(e => page.Contains(EF.Property<TKey>(e, keyName))).ToListAsync(ct);
            foreach (var entry in db.ChangeTracker.Entries().ToList())
                if (!NotReconciled.Contains(entry.Metadata.ClrType)) Check(entry, problems);
            if (typeof(T) == typeof(Business)) await CheckVersionsAsync(rows.Cast<Business>().ToList(), problems, ct);
            db.ChangeTracker.Clear();
        }
    }

    private void Check(EntityEntry entry, List<AuditBreak> problems)
    {
        var type = entry.Metadata.ClrType.Name;
        var key = AuditRecorder.KeyOf(entry);
        _seen.Add((type, key));
        if (!_last.TryGetValue((type, key), out var last))
        {
            if (entry.Entity is BusinessVersion v) _storedVersions.Add(v.Id, v.BusinessId, v.Number, v.Snapshot);
            if (!BulkWritten.Contains(entry.Metadata.ClrType))
                problems.Add(new AuditBreak(0, AuditMessages.Format(AuditMessages.RowUnaudited, Kind(type), Describe(entry, key))));
            return;
        }
        var fields = Differences(last.After, AuditRecorder.Serialise(entry, original: false));
        if (last.Action == "deleted" || fields.Count > 0)
            problems.Add(new AuditBreak(last.Sequence, AuditMessages.Format(AuditMessages.RowChanged, Kind(type), Describe(entry, key), last.Sequence,
                last.Action == "deleted" ? "the row should not exist" : string.Join(", ", fields))));
    }

    /// <summary>
    /// A business written in bulk has no entry of its own; its ledger facts and licences are in its versions, which the
    /// batch wrote with it. The row must equal its latest version.
    /// </summary>
    private async Task CheckVersionsAsync(List<Business> businesses, List<AuditBreak> problems, CancellationToken ct)
    {
        var ids = businesses.Select(b => b.Id).ToList();
        var versions = await db.BusinessVersions.Unscoped(UnscopedReason.AuditChain).AsNoTracking().Where(v => ids.Contains(v.BusinessId))
            .Select(v => new { v.BusinessId, v.Number, v.Snapshot }).ToListAsync(ct);
        var latest = versions.GroupBy(v => v.BusinessId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Number)!);
        foreach (var b in businesses)
        {
            if (!latest.TryGetValue(b.Id, out var version))
            {
                problems.Add(new AuditBreak(0, AuditMessages.Format(AuditMessages.RowWithoutVersion, Kind(nameof(Business)), b.CreditCode)));
                continue;
            }
            var fields = SnapshotDifferences(VersionRecorder.Deserialise(version.Snapshot), b.Snapshot());
            if (fields.Count > 0)
                problems.Add(new AuditBreak(0, AuditMessages.Format(AuditMessages.RowDiffersFromVersion, Kind(nameof(Business)), b.CreditCode,
                    version.Number, string.Join(", ", fields))));
        }
    }

    private static List<string> SnapshotDifferences(BusinessSnapshot? recorded, BusinessSnapshot current)
    {
        if (recorded is null) return ["snapshot"];
        // The order in which licences come back from the database is not theirs to keep.
        static string Sorted(string licences) => string.Join("|", licences.Split('|').Order(StringComparer.Ordinal));
        recorded = recorded with { Licences = Sorted(recorded.Licences) };
        current = current with { Licences = Sorted(current.Licences) };
        return typeof(BusinessSnapshot).GetProperties().Where(p => !Equals(p.GetValue(recorded), p.GetValue(current)))
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToList();
    }

    /// <summary>The fields whose values differ, after both sides are put in the form the database keeps.</summary>
    internal static List<string> Differences(string? recorded, string current)
    {
        if (recorded is null) return ["(no after-state)"];
        var before = Normalise(recorded);
        var now = Normalise(current);
        // A field the entry does not have was added to the model after it was written; there is nothing to compare it with.
        return before.Where(f => !now.TryGetValue(f.Key, out var v) || v != f.Value).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, string> Normalise(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
            fields[p.Name] = p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { } s && IsInstant(s, out var at)
                ? AuditChain.Truncate(at).ToString("O", System.Globalization.CultureInfo.InvariantCulture)
                : p.Value.GetRawText();
        return fields;
    }

    // Instants lose precision below the millisecond in the database (SQLite keeps 0.1 ms, PostgreSQL 1 µs).
    private static bool IsInstant(string s, out DateTimeOffset at)
    {
        at = default;
        return s.Length >= 20 && s[4] == '-' && s[10] == 'T' &&
               DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out at);
    }

    /// <summary>"GridAssignment" → "grid assignment", as a sentence names it.</summary>
    private static string Kind(string type) =>
        string.Concat(type.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>A record by the name people know it by, with its key.</summary>
    private static string Describe(EntityEntry entry, string key)
    {
        var name = entry.Metadata.FindProperty("UserName") ?? entry.Metadata.FindProperty(nameof(Business.CreditCode));
        return name is null ? key : $"{entry.Property(name.Name).CurrentValue} ({key})";
    }
}
