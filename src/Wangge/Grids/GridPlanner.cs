using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using Wangge.Core.Businesses;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Data;
using Wangge.Geo;
using Wangge.Geo.Districting;
using Wangge.Geo.Placement;
using Wangge.Geo.Synthesis;
using Wangge.Geo.Topology;

namespace Wangge.Grids;

/// <summary>What the districting works from: the parent's villages/communities, or a lattice of cells over it.</summary>
public enum PlanBase { Villages, Squares, Hexagons }

public sealed record PlanRequest(string? Parent, int? Count, PlanBase? Base, double? CellKm, int? Seed);
public sealed record PlanUnit(string Id, string Name, int District, double Weight, Geometry Shape);
public sealed record PlanDistrict(int Index, double Load, double PolsbyPopper, Geometry Border);
public sealed record PlanProposal(string Parent, PlanBase Base, double? CellKm, IReadOnlyList<PlanUnit> Units, IReadOnlyList<PlanDistrict> Districts,
    double MaxOverMean, double MeanPolsbyPopper, bool AllContiguous, string? BalanceNote)
{
    /// <summary>The note's reason as a key and parameters, which the plan page says in its own language.</summary>
    public BalanceShortfall? Shortfall { get; init; }
}
/// <summary>A plan to adopt; with <see cref="CarryStaff"/>, each old grid's leader and supervisors move to the new grid that takes most of its businesses.</summary>
public sealed record AdoptRequest(string? Parent, PlanBase? Base, double? CellKm, IReadOnlyDictionary<string, int>? Assignment, string? Reason,
    bool? CarryStaff = null);

/// <summary>
/// Districting (划分网格): proposes N contiguous grids of comparable workload under a parent, re-scores a
/// plan a user edited, and adopts it as new border versions through the same checks as an import.
/// </summary>
public sealed class GridPlanner(WanggeDbContext db, GridQueries grids, GridImport import, PlanStaffing staffing)
{
    /// <summary>Workload of a business by size: bigger firms take longer to inspect. Risk classes will weigh in with the ledger.</summary>
    public static double BusinessWeight(BusinessScale scale, bool key) =>
        (scale switch { BusinessScale.Large => 3.0, BusinessScale.Medium => 2.0, _ => 1.0 }) * (key ? 1.5 : 1.0);

    /// <summary>Travel time grows with area: each km² counts like this many businesses.</summary>
    public const double WeightPerKm2 = 2.0;

    public async Task<PlanProposal> ProposeAsync(PlanRequest request, CancellationToken ct)
    {
        var (parent, basis, cellKm, units) = await UnitsAsync(request.Parent, request.Base, request.CellKm, ct, forWrite: true);
        var count = request.Count ?? throw RuleViolation.Invalid("count", "required", "'count' (how many grids) is required.");
        if (count < 1 || count > units.Count)
            throw RuleViolation.Invalid("count", "count_out_of_range", $"'count' must be 1–{units.Count} for {units.Count} base areas.");
        var plan = Districter.Plan(units, count, new DistrictingOptions(request.Seed ?? 1, 1.05, TimeSpan.FromSeconds(30)));
        return Proposal(parent, basis, cellKm, units, plan.DistrictOf, count) with { BalanceNote = plan.BalanceNote, Shortfall = plan.Shortfall };
    }

    /// <summary>Re-scores an edited plan (units moved between districts by a user).</summary>
    public async Task<PlanProposal> EvaluateAsync(string parentCode, PlanBase basis, double? cellKm, IReadOnlyDictionary<string, int> assignment, CancellationToken ct)
    {
        var (parent, b, c, units) = await UnitsAsync(parentCode, basis, cellKm, ct);
        var districtOf = DistrictsOf(units, assignment);
        return Proposal(parent, b, c, units, districtOf, districtOf.Max() + 1);
    }

    public async Task<GridImportReport> AdoptAsync(AdoptRequest request, CancellationToken ct)
    {
        var (parent, shapes) = await ShapesAsync(request, ct);
        // The carry is worked out on the old grids, before the adoption ends them.
        var staff = request.CarryStaff == true ? await staffing.PlanAsync(parent, shapes, ct) : null;
        // New borders and the staff who follow them are one change: a carry that fails leaves the old grids and their staff.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var report = await import.ApplyAsync(shapes, new GridImportSettings(Reason: request.Reason ?? BorderReasons.PlanAdopted), ct);
            if (!report.Saved) return report;
            if (staff is not null) await staffing.CarryAsync(staff, ct);
            await tx.CommitAsync(ct);
            return report;
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>What adopting the plan would do to the staff, asked before adopting it.</summary>
    public async Task<StaffPlan> StaffPlanAsync(AdoptRequest request, CancellationToken ct)
    {
        var (parent, shapes) = await ShapesAsync(request, ct);
        return await staffing.PlanAsync(parent, shapes, ct);
    }

    private async Task<(Grid Parent, List<GridShape> Shapes)> ShapesAsync(AdoptRequest request, CancellationToken ct)
    {
        var (parent, _, _, units) = await UnitsAsync(request.Parent, request.Base, request.CellKm, ct, forWrite: true);
        var assignment = request.Assignment ?? throw RuleViolation.Invalid("assignment", "required", "'assignment' (base area → grid) is required.");
        var districtOf = DistrictsOf(units, assignment);
        var siblings = await db.Grids.AsNoTracking().Where(g => g.ParentId == parent.Id && g.ValidTo == null).Select(g => g.Name).ToListAsync(ct);
        var name = GridNaming.PatternOf(parent.Name, siblings);
        var shapes = new List<GridShape>();
        foreach (var group in units.Select((u, i) => (Unit: u, District: districtOf[i])).GroupBy(x => x.District).OrderBy(g => g.Key))
        {
            var first = group.Select(x => x.Unit.Id).Order(StringComparer.Ordinal).First();
            // Codes follow the unit-grid convention: street code + first village's 3 digits (000 for lattice cells) + sequence.
            var village = first.Length == GridCodeRules.VillageDigits && first.All(char.IsAsciiDigit) ? first[^3..] : "000";
            var code = $"{parent.Code}{village}{group.Key + 1:00}";
            var border = UnaryUnionOp.Union(group.Select(x => x.Unit.Shape).ToList());
            shapes.Add(new GridShape(code, name(group.Key + 1), parent.Code, border));
        }
        return (parent, shapes);
    }

    private static int[] DistrictsOf(IReadOnlyList<BaseUnit> units, IReadOnlyDictionary<string, int> assignment)
    {
        var result = new int[units.Count];
        for (var i = 0; i < units.Count; i++)
            result[i] = assignment.TryGetValue(units[i].Id, out var d) && d >= 0
                ? d
                : throw RuleViolation.Invalid("assignment", "assignment_incomplete", $"Base area {units[i].Id} is not assigned to a grid.");
        return result;
    }

    private static PlanProposal Proposal(Grid parent, PlanBase basis, double? cellKm, IReadOnlyList<BaseUnit> units, IReadOnlyList<int> districtOf, int count)
    {
        var graph = AdjacencyGraph.FromShapes(units);
        var plan = PlanMetrics.Evaluate(graph, districtOf, count);
        var districts = Enumerable.Range(0, count).Select(d => new PlanDistrict(d, plan.Loads[d], plan.PolsbyPopper[d],
            UnaryUnionOp.Union(units.Where((_, i) => districtOf[i] == d).Select(u => u.Shape).ToList()) ?? Wgs84.Factory.CreatePolygon())).ToList();
        var planUnits = units.Select((u, i) => new PlanUnit(u.Id, u.Id, districtOf[i], u.Weight, u.Shape)).ToList();
        return new PlanProposal(parent.Code, basis, cellKm, planUnits, districts, plan.MaxOverMean, plan.MeanPolsbyPopper, plan.AllContiguous, plan.BalanceNote);
    }

    private async Task<(Grid Parent, PlanBase Base, double? CellKm, IReadOnlyList<BaseUnit> Units)> UnitsAsync(string? parentCode, PlanBase? basis, double? cellKm, CancellationToken ct, bool forWrite = false)
    {
        // Planning is the first step of redrawing borders: a parent outside the caller's area is a refused write (403).
        var parentText = Require.Present(parentCode, "parent", GridCode.MaxLength);
        var parent = forWrite ? await grids.GetForWriteAsync(parentText, "parent", ct) : await grids.GetAsync(parentText, ct);
        var prefix = parent.ScopePathValue;
        var businesses = await db.Businesses.AsNoTracking().Where(b => b.ScopePathValue.StartsWith(prefix) && b.Status != BusinessStatus.Closed)
            .Select(b => new { b.Location, b.Scale, b.KeyIndustry }).ToListAsync(ct);
        var chosen = basis ?? PlanBase.Villages;
        IReadOnlyList<BaseUnit> units;
        if (chosen == PlanBase.Villages)
        {
            var villages = await db.BaseAreas.AsNoTracking().Where(a => a.StreetGridId == parent.Id).OrderBy(a => a.Code).ToListAsync(ct);
            if (villages.Count == 0)
                throw RuleViolation.Invalid("base", "no_base_areas", $"{parent.Name} has no villages or communities on record; plan on Squares or Hexagons.");
            var index = new GridIndex(villages.Select(v => (v.Code, v.Border)));
            var load = villages.ToDictionary(v => v.Code, v => WeightPerKm2 * LocalProjection.Around(v.Border).AreaKm2(v.Border));
            foreach (var b in businesses)
                if (index.Locate(b.Location.X, b.Location.Y) is { } code) load[code] += BusinessWeight(b.Scale, b.KeyIndustry);
            units = villages.Select(v => new BaseUnit(v.Code, v.Border, load[v.Code])).ToList();
        }
        else
        {
            var size = cellKm ?? 0.5;
            if (!double.IsFinite(size) || size is < 0.05 or > 20) throw RuleViolation.Invalid("cellKm", "cell_size_out_of_range", "'cellKm' is 0.05–20 km.");
            var points = businesses.Select(b => (Point: b.Location, Weight: BusinessWeight(b.Scale, b.KeyIndustry))).ToList();
            units = Lattice.Cells(parent.Border, size, chosen == PlanBase.Hexagons, cell =>
            {
                var prepared = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(cell);
                var env = cell.EnvelopeInternal;
                return WeightPerKm2 * LocalProjection.Around(cell).AreaKm2(cell) +
                       points.Where(p => env.Contains(p.Point.Coordinate) && prepared.Covers(p.Point)).Sum(p => p.Weight);
            });
            cellKm = size;
        }
        return (parent, chosen, cellKm, units);
    }
}
