using Microsoft.EntityFrameworkCore;
using Wangge.Core.Businesses;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Core.Risk;
using Wangge.Data;
using Wangge.Grids;

namespace Wangge.Businesses;

/// <summary>
/// Counts of one part of the ledger. The licence counts follow the ledger search's licence filter: a business
/// with an expired licence counts as expired only; one with none expired but one expiring within
/// <see cref="Licence.ExpiringSoonDays"/> days counts as expiring soon. Risk classes are the classes in force
/// (a manager's active override, else the computed class). Operating, key firms and classes mean what
/// <see cref="LedgerCountRules"/> says: key firms and classes count the businesses that are not closed.
/// </summary>
public sealed record LedgerCounts(int Total, int Operating, int Suspended, int Closed, int KeyFirms, int ClassA, int ClassB, int ClassC,
    int ClassD, int LicencesExpired, int LicencesExpiringSoon)
{
    public static LedgerCounts Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public LedgerCounts Plus(LedgerCounts o) => new(Total + o.Total, Operating + o.Operating, Suspended + o.Suspended, Closed + o.Closed,
        KeyFirms + o.KeyFirms, ClassA + o.ClassA, ClassB + o.ClassB, ClassC + o.ClassC, ClassD + o.ClassD,
        LicencesExpired + o.LicencesExpired, LicencesExpiringSoon + o.LicencesExpiringSoon);

    public LedgerCounts Minus(LedgerCounts o) => new(Total - o.Total, Operating - o.Operating, Suspended - o.Suspended, Closed - o.Closed,
        KeyFirms - o.KeyFirms, ClassA - o.ClassA, ClassB - o.ClassB, ClassC - o.ClassC, ClassD - o.ClassD,
        LicencesExpired - o.LicencesExpired, LicencesExpiringSoon - o.LicencesExpiringSoon);

    public int OfClass(RiskClass c) => c switch
    {
        RiskClass.A => ClassA,
        RiskClass.B => ClassB,
        RiskClass.C => ClassC,
        _ => ClassD,
    };
}

public sealed record LedgerNode(string Code, string Name, GridLevelKind Level);

public sealed record LedgerRow(string Code, string Name, GridLevelKind Level, LedgerCounts Counts);

/// <summary>
/// The ledger of one node rolled up (domain §4: kept per bottom grid, rolled up per station and county): its
/// current children with their counts, the node's own totals, and <see cref="Unplaced"/>, the businesses under
/// the node in none of its children — at the jurisdiction's root, those outside every grid (zero for a bottom grid,
/// which has no children and holds its businesses itself).
/// <see cref="Path"/> runs from the caller's top node down to <see cref="Node"/>.
/// </summary>
public sealed record LedgerRollup(LedgerNode Node, IReadOnlyList<LedgerNode> Path, IReadOnlyList<LedgerRow> Children, LedgerCounts Totals,
    LedgerCounts Unplaced, DateOnly AsOf);

public sealed record SectorCount(Sector Sector, int Count);

/// <summary>
/// What a grid team must know of its grid ("4 familiar, 6 clear", 四熟悉六清楚, domain §9): the entities by sector
/// (a business counts under each of its sectors), key firms, operating state, risk classes, enforcement record
/// (a violation or penalty on or after <c>AsOf − 3 years</c>) and inspection in the last 12 months (an
/// inspection or spot check on or after <c>AsOf − 1 year</c>). <see cref="Entities"/> are the businesses in the
/// ledger that are not closed; every count but <see cref="Closed"/> is of those.
/// </summary>
public sealed record GridProfile(string Code, string Name, GridLevelKind Level, int Entities, int Operating, int Suspended, int Closed,
    int KeyFirms, IReadOnlyList<SectorCount> BySector, int ClassA, int ClassB, int ClassC, int ClassD, int WithEnforcementRecord,
    int InspectedLast12Months, DateOnly AsOf);

/// <summary>A written ledger export; the content is a temporary file deleted when the stream is closed.</summary>
public sealed record LedgerFile(Stream Content, string ContentType, string FileName);

/// <summary>The ledger as a grid team and its superiors read it: rolled up by node and profiled per grid.</summary>
public sealed class LedgerQueries(WanggeDbContext db, BusinessService businesses, GridQueries grids, LedgerExport export, JurisdictionClock clock)
{
    /// <summary>Years of enforcement history a grid team must be clear about (domain §5: the last three years).</summary>
    public const int EnforcementYears = 3;

    private DateOnly Today => clock.Today;

    /// <summary>
    /// The rollup of <paramref name="gridCode"/> (default: the caller's top node) with <paramref name="filter"/> applied
    /// to every count (its grid is ignored). Three grouped queries by bottom-grid path, whatever the ledger's size.
    /// </summary>
    public async Task<LedgerRollup> RollupAsync(string? gridCode, BusinessFilter filter, CancellationToken ct)
    {
        var node = await NodeAsync(gridCode, ct);
        var children = await db.Grids.AsNoTracking().Where(g => g.ValidTo == null && g.ParentId == node.Id)
            .OrderBy(g => g.Code).Select(g => new { g.Code, g.Name, g.Level, g.ScopePathValue }).ToListAsync(ct);
        var byPath = await CountsByPathAsync(node.ScopePathValue, filter, ct);
        var rows = children.Select(c => new LedgerRow(c.Code, c.Name, c.Level,
            Sum(byPath.Where(p => p.Key.StartsWith(c.ScopePathValue, StringComparison.Ordinal)).Select(p => p.Value)))).ToList();
        var totals = Sum(byPath.Values);
        // A bottom grid's own businesses are its ledger; above it, what no child holds is unplaced.
        var unplaced = node.Level == GridLevelKind.Grid ? LedgerCounts.Zero : rows.Aggregate(totals, (left, row) => left.Minus(row.Counts));
        return new LedgerRollup(new LedgerNode(node.Code, node.Name, node.Level), await PathAsync(node, ct), rows, totals, unplaced, Today);
    }

    /// <summary>The "4 familiar, 6 clear" counts of one grid (any level: a station's are the sum of its grids').</summary>
    public async Task<GridProfile> ProfileAsync(string gridCode, CancellationToken ct)
    {
        var grid = await businesses.CurrentGridAsync(gridCode, ct, "code");
        var prefix = grid.ScopePathValue;
        var today = Today;
        var inspectedSince = today.AddYears(-1);
        var enforcementSince = today.AddYears(-EnforcementYears);
        var all = db.Businesses.AsNoTracking().Where(b => b.ScopePathValue.StartsWith(prefix));
        var active = all.Where(b => b.Status != BusinessStatus.Closed);

        // Grouped by the stored class and override; the effective class is the Core rule's, applied to each group.
        var groups = (await all.GroupBy(b => new { b.Status, b.KeyIndustry, Computed = b.Rating.Class, b.OverrideClass, b.OverrideUntil })
            .Select(g => new { g.Key.Status, g.Key.KeyIndustry, g.Key.Computed, g.Key.OverrideClass, g.Key.OverrideUntil, Count = g.Count() }).ToListAsync(ct))
            .Select(g => new { g.Status, g.KeyIndustry, Class = RiskOverride.Effective(g.Computed, g.OverrideClass, g.OverrideUntil, today), g.Count }).ToList();
        var open = groups.Where(x => LedgerCountRules.IsSupervised(x.Status)).ToList();
        var c = new
        {
            Operating = groups.Where(x => LedgerCountRules.IsOperating(x.Status)).Sum(x => x.Count),
            Suspended = groups.Where(x => x.Status == BusinessStatus.Suspended).Sum(x => x.Count),
            Closed = groups.Where(x => x.Status == BusinessStatus.Closed).Sum(x => x.Count),
            Key = groups.Where(x => LedgerCountRules.IsKeyFirm(x.Status, x.KeyIndustry)).Sum(x => x.Count),
            A = open.Where(x => x.Class == RiskClass.A).Sum(x => x.Count),
            B = open.Where(x => x.Class == RiskClass.B).Sum(x => x.Count),
            C = open.Where(x => x.Class == RiskClass.C).Sum(x => x.Count),
            D = open.Where(x => x.Class == RiskClass.D).Sum(x => x.Count),
        };

        var masks = await active.GroupBy(b => b.SectorMask).Select(g => new { Mask = g.Key, Count = g.Count() }).ToListAsync(ct);
        var bySector = Enum.GetValues<Sector>()
            .Select(s => new SectorCount(s, masks.Where(m => (m.Mask & SectorSet.Bit(s)) != 0).Sum(m => m.Count)))
            .Where(s => s.Count > 0).OrderByDescending(s => s.Count).ThenBy(s => s.Sector).ToList();

        var enforced = await active.CountAsync(b => db.SupervisionEvents.Any(e => e.BusinessId == b.Id
            && (e.Kind == SupervisionEventKind.Violation || e.Kind == SupervisionEventKind.Penalty)
            && e.OccurredOn >= enforcementSince && e.OccurredOn <= today), ct);
        var inspected = await active.CountAsync(b => db.SupervisionEvents.Any(e => e.BusinessId == b.Id
            && (e.Kind == SupervisionEventKind.Inspection || e.Kind == SupervisionEventKind.SpotCheck)
            && e.OccurredOn >= inspectedSince && e.OccurredOn <= today), ct);

        return new GridProfile(grid.Code, grid.Name, grid.Level, c.Operating + c.Suspended, c.Operating, c.Suspended, c.Closed, c.Key, bySector,
            c.A, c.B, c.C, c.D, enforced, inspected, today);
    }

    /// <summary>
    /// The ledger of <paramref name="gridCode"/> written whole to a temporary file before anything is answered, so that a
    /// refusal (unknown format, grid outside the caller's area) is an error and not a broken download.
    /// </summary>
    public async Task<LedgerFile> ExportAsync(string gridCode, string? format, CancellationToken ct)
    {
        var (extension, contentType) = ExportFormat(format);
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"wangge-ledger-{Guid.NewGuid():N}.{extension}"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await export.WriteAsync(gridCode, extension, file, ct);
            file.Position = 0;
            return new LedgerFile(file, contentType, $"ledger-{GridCode.Parse(gridCode, "grid").Value}.{extension}");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>The file name and content type of a ledger export, or a violation naming <c>format</c>.</summary>
    public static (string Extension, string ContentType) ExportFormat(string? format) => (format ?? "xlsx").Trim().ToLowerInvariant() switch
    {
        "xlsx" => ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "csv" => ("csv", "text/csv"),
        _ => throw RuleViolation.Invalid("format", "format_unknown", $"'{format}' is not an export format: xlsx or csv."),
    };

    private async Task<Grid> NodeAsync(string? gridCode, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(gridCode)) return await businesses.CurrentGridAsync(gridCode, ct);
        return (await grids.RootsAsync(ct)).FirstOrDefault() ?? throw RuleViolation.NotFound("A grid of yours");
    }

    /// <summary>The node's ancestors the caller can see (the scope filter hides those above the caller's node), then the node.</summary>
    private async Task<IReadOnlyList<LedgerNode>> PathAsync(Grid node, CancellationToken ct)
    {
        var codes = ScopePath.Parse(node.ScopePathValue).Codes.ToList();
        var found = await db.Grids.AsNoTracking().Where(g => g.ValidTo == null && codes.Contains(g.Code))
            .Select(g => new { g.Code, g.Name, g.Level }).ToListAsync(ct);
        return found.OrderBy(g => codes.IndexOf(g.Code)).Select(g => new LedgerNode(g.Code, g.Name, g.Level)).ToList();
    }

    /// <summary>Counts per scope path (one per bottom grid, plus the root for unplaced businesses) under <paramref name="prefix"/>.</summary>
    private async Task<Dictionary<string, LedgerCounts>> CountsByPathAsync(string prefix, BusinessFilter filter, CancellationToken ct)
    {
        var today = Today;
        var query = await businesses.FilterAsync(db.Businesses.AsNoTracking().Where(b => b.ScopePathValue.StartsWith(prefix)),
            filter with { Grid = null }, ct);
        // Counted per (path, status, key firm, class) and summed here: EF does not translate an owned navigation
        // (the rating) inside a grouping's conditional counts, but does in a grouping key.
        // The effective class is the Core rule's, applied to each group of stored class and override.
        var groups = (await query.GroupBy(b => new { b.ScopePathValue, b.Status, b.KeyIndustry, Computed = b.Rating.Class, b.OverrideClass, b.OverrideUntil })
            .Select(g => new { g.Key.ScopePathValue, g.Key.Status, g.Key.KeyIndustry, g.Key.Computed, g.Key.OverrideClass, g.Key.OverrideUntil, Count = g.Count() })
            .ToListAsync(ct))
            .Select(g => new { g.ScopePathValue, g.Status, g.KeyIndustry, Class = RiskOverride.Effective(g.Computed, g.OverrideClass, g.OverrideUntil, today), g.Count })
            .ToList();
        var main = groups.GroupBy(g => g.ScopePathValue, StringComparer.Ordinal).Select(g => new
        {
            Path = g.Key,
            Total = g.Sum(x => x.Count),
            Operating = g.Where(x => LedgerCountRules.IsOperating(x.Status)).Sum(x => x.Count),
            Suspended = g.Where(x => x.Status == BusinessStatus.Suspended).Sum(x => x.Count),
            Closed = g.Where(x => x.Status == BusinessStatus.Closed).Sum(x => x.Count),
            Key = g.Where(x => LedgerCountRules.IsKeyFirm(x.Status, x.KeyIndustry)).Sum(x => x.Count),
            A = g.Where(x => x.Class == RiskClass.A && LedgerCountRules.IsSupervised(x.Status)).Sum(x => x.Count),
            B = g.Where(x => x.Class == RiskClass.B && LedgerCountRules.IsSupervised(x.Status)).Sum(x => x.Count),
            C = g.Where(x => x.Class == RiskClass.C && LedgerCountRules.IsSupervised(x.Status)).Sum(x => x.Count),
            D = g.Where(x => x.Class == RiskClass.D && LedgerCountRules.IsSupervised(x.Status)).Sum(x => x.Count),
        }).ToList();
        var expired = await query.Where(Business.LicenceStateIs(LicenceState.Expired, today))
            .GroupBy(b => b.ScopePathValue).Select(g => new { Path = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Path, x => x.Count, ct);
        var expiring = await query.Where(Business.LicenceStateIs(LicenceState.ExpiringSoon, today))
            .GroupBy(b => b.ScopePathValue).Select(g => new { Path = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Path, x => x.Count, ct);
        return main.ToDictionary(m => m.Path, m => new LedgerCounts(m.Total, m.Operating, m.Suspended, m.Closed, m.Key, m.A, m.B, m.C, m.D,
            expired.GetValueOrDefault(m.Path), expiring.GetValueOrDefault(m.Path)), StringComparer.Ordinal);
    }

    private static LedgerCounts Sum(IEnumerable<LedgerCounts> counts) => counts.Aggregate(LedgerCounts.Zero, (a, b) => a.Plus(b));
}
