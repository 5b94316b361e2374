using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using Wangge.Businesses;
using Wangge.Core.Common;
using Wangge.Core.Businesses;
using Wangge.Core.Grids;
using Wangge.Core.People;
using Wangge.Core.Risk;
using Wangge.Data;
using Wangge.Geo;
using Wangge.Geo.Placement;
using Wangge.Geo.Synthesis;

namespace Wangge.Demo;

/// <summary>
/// Builds the demo district from the real public extract and fixed rules, deterministically from a seed:
/// the same seed and day give the same district. Borders below the district are generated (none are public).
/// </summary>
public sealed partial class DemoDistrict(WanggeDbContext db, DemoAccounts accounts, RiskRerater rerater, JurisdictionClock clock, ILogger<DemoDistrict> logger)
{
    public const int DefaultSeed = 20140101;
    /// <summary>Baiyun had 13,000+ producers ([000]).</summary>
    public const int BusinessCount = 13_000;
    /// <summary>Share of the district's area in the four large rural towns of the north.</summary>
    private const double TownAreaShare = 0.78;
    /// <summary>
    /// Businesses a bottom grid should hold: one grid per urban street and two per rural town, so that
    /// Baiyun's 63 staff ([000]) can put at least two on every grid ([004-1]).
    /// </summary>
    private const int BusinessesPerGrid = 650;

    public async Task<bool> ExistsAsync(CancellationToken ct) => await db.Grids.AnyAsync(ct);

    /// <summary>
    /// Generates the district; <paramref name="step"/> hears of each stage as it starts, so that the first run of
    /// `wangge demo` says what it is doing instead of staying silent for half a minute.
    /// </summary>
    public async Task<DemoSummary> GenerateAsync(DemoExtract extract, int seed, CancellationToken ct, Action<DemoStep>? step = null)
    {
        step?.Invoke(DemoStep.Borders);
        var random = new Random(seed);
        var now = clock.GetUtcNow();
        var today = clock.Today;
        var validFrom = new DateOnly(today.Year, 1, 1);
        var names = new DemoNames(random);

        var district = new Grid(Guid.CreateVersion7(), GridCode.Parse(extract.DistrictCode), extract.DistrictName, GridLevelKind.District, null, extract.Outline, validFrom);
        district.AreaKm2 = AreaKm2(extract.Outline);

        var streetBorders = DrawStreets(extract, seed);
        var businessesPerStreet = extract.Streets.ToDictionary(s => s.Code, s => (s.IsTown ? 1300 : 390) * (0.8 + 0.4 * random.NextDouble()));
        var scale = BusinessCount / businessesPerStreet.Values.Sum();
        var streetQuota = businessesPerStreet.ToDictionary(kv => kv.Key, kv => (int)Math.Round(kv.Value * scale));
        streetQuota[extract.Streets[0].Code] += BusinessCount - streetQuota.Values.Sum();

        var zones = DrawZones(extract, streetBorders, streetQuota, district, validFrom);
        var streets = new List<(DemoStreet Street, Grid Grid)>();
        foreach (var (street, border) in streetBorders)
        {
            var zone = zones.First(z => z.Streets.Contains(street.Code)).Grid;
            var grid = new Grid(Guid.CreateVersion7(), GridCode.Parse(street.Code), street.Name, GridLevelKind.Street, zone, border, validFrom);
            grid.AreaKm2 = AreaKm2(border);
            streets.Add((street, grid));
        }

        var villages = new List<BaseArea>();
        var bottoms = new List<Grid>();
        foreach (var (street, streetGrid) in streets)
        {
            var own = extract.Villages.Where(v => v.StreetCode == street.Code).OrderBy(v => v.Code).ToList();
            var villageBorders = own.Count > 0
                ? AreaPartitioner.Split(streetGrid.Border, own.Select(_ => 0.6 + 0.8 * random.NextDouble()).ToList(), seed + villages.Count)
                : [];
            var streetVillages = own.Select((v, i) => new BaseArea(Guid.CreateVersion7(), v.Code, v.Name, streetGrid, villageBorders[i])).ToList();
            villages.AddRange(streetVillages);
            bottoms.AddRange(DrawBottomGrids(street, streetGrid, streetVillages, streetQuota[street.Code], seed, validFrom));
        }

        db.Grids.Add(district);
        db.Grids.AddRange(zones.Select(z => z.Grid));
        db.Grids.AddRange(streets.Select(s => s.Grid));
        db.Grids.AddRange(bottoms);
        db.BaseAreas.AddRange(villages);
        foreach (var g in new[] { district }.Concat(zones.Select(z => z.Grid)).Concat(streets.Select(s => s.Grid)).Concat(bottoms))
            db.GridBorderVersions.Add(new GridBorderVersion(Guid.CreateVersion7(), g, g.Border, validFrom, Grids.BorderReasons.DemoDistrict));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo grids: {Zones} zones, {Streets} streets/towns, {Grids} bottom grids, {Villages} villages",
            zones.Count, streets.Count, bottoms.Count, villages.Count);

        step?.Invoke(DemoStep.Businesses);
        var businesses = ScatterBusinesses(extract, streets, villages, bottoms, streetQuota, district, names, random, today);
        var events = RecordHistory(businesses, random, today, now);
        db.Businesses.AddRange(businesses);
        foreach (var b in bottoms) b.Workload = businesses.Count(x => x.GridId == b.Id);
        step?.Invoke(DemoStep.Ledger);
        await db.SaveChangesAsync(ct);
        step?.Invoke(DemoStep.History);
        await SaveHistoryAsync(events, today, ct);
        // All saved: tracking the ledger, its versions and audit entries would only slow every later save.
        db.ChangeTracker.Clear();

        step?.Invoke(DemoStep.Staff);
        var departments = DemoAccounts.Departments();
        db.Departments.AddRange(departments);
        var staff = StaffGrids(zones.Select(z => z.Grid).ToList(), bottoms, villages, names, random, today);
        await db.SaveChangesAsync(ct);

        var demoUsers = await accounts.CreateAsync(names, district, zones[0].Grid, streets, bottoms, departments, staff, ct);

        // Every business gets its initial rating from the record just built.
        step?.Invoke(DemoStep.Ratings);
        await rerater.RerateAllAsync(DemoSource, ct);
        var classes = await db.Businesses.GroupBy(b => b.Rating.Class).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var foodLevels = await db.Businesses.GroupBy(b => b.Rating.FoodLevel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var licences = businesses.SelectMany(b => b.Licences).ToList();
        return new DemoSummary(zones.Count, streets.Count, bottoms.Count, villages.Count, businesses.Count,
            staff.Count(p => p.Role != AssignmentRole.Coordinator), staff.Count(p => p.Role == AssignmentRole.Coordinator), demoUsers)
        {
            Licences = licences.Count,
            LicencesExpired = licences.Count(l => l.StateOn(today) == LicenceState.Expired),
            LicencesExpiringSoon = licences.Count(l => l.StateOn(today) == LicenceState.ExpiringSoon),
            Events = events.Count,
            Classes = Enum.GetValues<RiskClass>().ToDictionary(c => c, c => classes.FirstOrDefault(x => x.Key == c)?.Count ?? 0),
            FoodLevels = Enum.GetValues<FoodRiskLevel>().ToDictionary(f => f, f => foodLevels.FirstOrDefault(x => x.Key == f)?.Count ?? 0),
        };
    }

    /// <summary>
    /// Saves the generated history as one audited batch (like an import of another system's records) rather than an
    /// audit entry per event; the businesses' last inspection dates went in with the businesses.
    /// </summary>
    private async Task SaveHistoryAsync(List<SupervisionEvent> events, DateOnly today, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AuditCreatedLedgerRowsAsBatch = true;
        try
        {
            db.SupervisionEvents.AddRange(events);
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.AuditCreatedLedgerRowsAsBatch = false;
        }
        await db.AuditBulkAsync(nameof(SupervisionEvent), DemoSource, "generated", new
        {
            events = events.Count,
            from = today.AddYears(-HistoryYears),
            to = today,
            byKind = events.GroupBy(e => e.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(), g => g.Count()),
            source = DemoSource,
        }, ct);
        await tx.CommitAsync(ct);
    }

    private static double AreaKm2(Geometry g) => Wangge.Geo.Geodesy.EllipsoidArea.Km2(g);

    /// <summary>
    /// The four towns share the rural north, the twenty streets the urban south; the cut between them
    /// runs east–west at the latitude that leaves <see cref="TownAreaShare"/> of the area to the north.
    /// </summary>
    private static List<(DemoStreet Street, MultiPolygon Border)> DrawStreets(DemoExtract extract, int seed)
    {
        var outline = extract.Outline;
        var env = outline.EnvelopeInternal;
        double lo = env.MinY, hi = env.MaxY;
        for (var i = 0; i < 40; i++)
        {
            var mid = (lo + hi) / 2;
            var south = outline.Intersection(Wgs84.Factory.ToGeometry(new Envelope(env.MinX - 1, env.MaxX + 1, env.MinY - 1, mid))).Area;
            if (south / outline.Area < 1 - TownAreaShare) lo = mid; else hi = mid;
        }
        var cut = Wgs84.Factory.ToGeometry(new Envelope(env.MinX - 1, env.MaxX + 1, env.MinY - 1, (lo + hi) / 2));
        var southPart = AsMulti(outline.Intersection(cut));
        var northPart = AsMulti(outline.Difference(cut));

        var towns = extract.Streets.Where(s => s.IsTown).OrderBy(s => s.Code).ToList();
        var urban = extract.Streets.Where(s => !s.IsTown).OrderBy(s => s.Code).ToList();
        var townParts = AreaPartitioner.Split(northPart, towns.Select(_ => 1.0).ToList(), seed);
        var urbanParts = AreaPartitioner.Split(southPart, urban.Select((_, i) => 0.7 + 0.6 * ((i * 7919) % 13) / 12.0).ToList(), seed + 1);

        var result = new List<(DemoStreet, MultiPolygon)>();
        result.AddRange(AssignTowns(towns, townParts));
        // Urban streets take the southern parts in west-to-east, north-to-south reading order.
        var ordered = urbanParts.OrderBy(p => Math.Round(p.Centroid.Y, 2) * -1).ThenBy(p => p.Centroid.X).ToList();
        result.AddRange(urban.Zip(ordered));
        return result;
    }

    /// <summary>Real layout, roughly: 钟落潭 north-east, 人和 north-west, 江高 west, 太和 east.</summary>
    private static IEnumerable<(DemoStreet, MultiPolygon)> AssignTowns(List<DemoStreet> towns, IReadOnlyList<MultiPolygon> parts)
    {
        var byLat = parts.OrderByDescending(p => p.Centroid.Y).ToList();
        var north = byLat.Take(2).OrderBy(p => p.Centroid.X).ToList();
        var south = byLat.Skip(2).OrderBy(p => p.Centroid.X).ToList();
        var wanted = new (string Name, MultiPolygon Part)[] { ("人和镇", north[0]), ("钟落潭镇", north[^1]), ("江高镇", south[0]), ("太和镇", south[^1]) };
        var remaining = parts.ToList();
        foreach (var town in towns)
        {
            var match = wanted.FirstOrDefault(w => w.Name == town.Name);
            var part = match.Part is not null && remaining.Contains(match.Part) ? match.Part : remaining[0];
            remaining.Remove(part);
            yield return (town, part);
        }
    }

    internal static MultiPolygon AsMulti(Geometry g) => Wgs84.ToMultiPolygon(g);

    internal static MultiPolygon Union(IEnumerable<Geometry> parts) => AsMulti(UnaryUnionOp.Union(parts.ToList()));
}

public sealed record DemoSummary(int Zones, int Streets, int Grids, int Villages, int Businesses, int Staff, int Coordinators,
    IReadOnlyList<DemoAccount> Accounts)
{
    public int Licences { get; init; }
    public int LicencesExpired { get; init; }
    public int LicencesExpiringSoon { get; init; }
    /// <summary>Supervision events generated (inspections, spot checks, violations, penalties, complaints, missed rectifications).</summary>
    public int Events { get; init; }
    public IReadOnlyDictionary<RiskClass, int> Classes { get; init; } = new Dictionary<RiskClass, int>();
    public IReadOnlyDictionary<FoodRiskLevel, int> FoodLevels { get; init; } = new Dictionary<FoodRiskLevel, int>();

    /// <summary>The ledger half of the summary line: licences, history and the class mix after the initial rating.</summary>
    public string DescribeLedger() =>
        $"{Licences} licences ({LicencesExpired} expired, {LicencesExpiringSoon} expiring soon), {Events} supervision events, " +
        $"classes {string.Join(" ", Classes.Select(c => $"{c.Key} {c.Value}"))}, food risk {string.Join(" ", FoodLevels.Select(f => $"{f.Key} {f.Value}"))}";
}

/// <summary>The stages of generating the demo district, in order.</summary>
public enum DemoStep
{
    Borders,
    Businesses,
    Ledger,
    History,
    Staff,
    Ratings,
}
