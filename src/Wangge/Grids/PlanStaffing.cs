using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Wangge.Core.Businesses;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Core.People;
using Wangge.Data;
using Wangge.Geo.Placement;
using Wangge.Geo.Topology;

namespace Wangge.Grids;

public sealed record CarriedPerson(string Name, string Post, AssignmentRole Role);
/// <summary>An old grid's staff going to the new grid that takes most of its businesses (<see cref="Businesses"/> of <see cref="OfBusinesses"/>).</summary>
public sealed record StaffCarry(string FromGrid, string FromName, string ToGrid, string ToName, int Businesses, int OfBusinesses,
    IReadOnlyList<CarriedPerson> People);
public sealed record PlannedGrid(string Code, string Name);
/// <summary>What adopting a plan does to the staff: who is carried where, and which grids it would leave without a leader.</summary>
public sealed record StaffPlan(IReadOnlyList<StaffCarry> Carries, IReadOnlyList<PlannedGrid> LeaderlessGrids)
{
    internal IReadOnlyDictionary<string, IReadOnlyList<Guid>> AssignmentsByOldGrid { get; init; } = new Dictionary<string, IReadOnlyList<Guid>>();
}

/// <summary>
/// Staff across a redrawing: the leader and supervisors of each old grid follow its businesses to the new grid that takes
/// most of them, so that nobody's knowledge of a street is lost with its old border and no new grid starts unstaffed unseen.
/// </summary>
public sealed class PlanStaffing(WanggeDbContext db, JurisdictionClock clock)
{
    private static readonly AssignmentRole[] Carried = [AssignmentRole.Leader, AssignmentRole.Supervisor];

    public async Task<StaffPlan> PlanAsync(Grid parent, IReadOnlyList<GridShape> shapes, CancellationToken ct)
    {
        var old = await db.Grids.AsNoTracking().Where(g => g.ParentId == parent.Id && g.ValidTo == null && g.Level == GridLevelKind.Grid)
            .OrderBy(g => g.Code).ToListAsync(ct);
        var oldIds = old.Select(g => g.Id).ToList();
        var assignments = await db.GridAssignments.AsNoTracking()
            .Where(a => oldIds.Contains(a.GridId) && a.To == null && Carried.Contains(a.Role)).ToListAsync(ct);
        var personIds = assignments.Select(a => a.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var points = await db.Businesses.AsNoTracking().Where(b => b.GridId != null && oldIds.Contains(b.GridId.Value) && b.Status != BusinessStatus.Closed)
            .Select(b => new { GridId = b.GridId!.Value, b.Location }).ToListAsync(ct);
        var index = new GridIndex(shapes.Where(s => s.Border is not null).Select(s => (s.Code, AsMulti(s.Border!))));
        var names = shapes.ToDictionary(s => s.Code, s => s.Name);

        var carries = new List<StaffCarry>();
        var byOldGrid = new Dictionary<string, IReadOnlyList<Guid>>();
        // A grid the plan keeps (same code) keeps its leader, unless the leader is carried away from it.
        var led = old.Where(g => names.ContainsKey(g.Code) && assignments.Any(a => a.GridId == g.Id && a.Role == AssignmentRole.Leader))
            .Select(g => g.Code).ToHashSet();
        var ledByCarry = new HashSet<string>();
        foreach (var grid in old)
        {
            var staff = assignments.Where(a => a.GridId == grid.Id).OrderBy(a => a.Role).ThenBy(a => a.From).ToList();
            var mine = points.Where(p => p.GridId == grid.Id).ToList();
            var counts = mine.Select(p => index.Locate(p.Location.X, p.Location.Y)).OfType<string>()
                .GroupBy(c => c).Select(g => (Code: g.Key, Count: g.Count())).OrderByDescending(x => x.Count).ThenBy(x => x.Code, StringComparer.Ordinal).ToList();
            // A grid without businesses follows its land: the new grid holding a point inside its old border.
            var inside = grid.Border.InteriorPoint;
            var target = counts.Count > 0 ? counts[0] : (Code: index.Locate(inside.X, inside.Y), Count: 0);
            if (staff.Count == 0 || target.Code is null || target.Code == grid.Code) continue;
            carries.Add(new StaffCarry(grid.Code, grid.Name, target.Code, names[target.Code], target.Count, mine.Count,
                staff.Select(a => new CarriedPerson(people[a.PersonId].Name, people[a.PersonId].Post, a.Role)).ToList()));
            byOldGrid[grid.Code] = staff.Select(a => a.Id).ToList();
            if (!staff.Any(a => a.Role == AssignmentRole.Leader)) continue;
            led.Remove(grid.Code);
            ledByCarry.Add(target.Code);
        }
        led.UnionWith(ledByCarry);
        var leaderless = shapes.Where(s => !led.Contains(s.Code)).Select(s => new PlannedGrid(s.Code, s.Name)).ToList();
        return new StaffPlan(carries, leaderless) { AssignmentsByOldGrid = byOldGrid };
    }

    /// <summary>
    /// Ends each carried duty on the old grid today and starts it on the new one. A grid has one leader: a second leader
    /// carried into a grid that already has one serves there as a supervisor.
    /// </summary>
    public async Task<int> CarryAsync(StaffPlan plan, CancellationToken ct)
    {
        var today = clock.Today;
        var codes = plan.Carries.Select(c => c.ToGrid).Distinct().ToList();
        var targets = await db.Grids.Where(g => codes.Contains(g.Code) && g.ValidTo == null).ToDictionaryAsync(g => g.Code, ct);
        var targetIds = targets.Values.Select(g => g.Id).ToList();
        var led = (await db.GridAssignments.Where(a => targetIds.Contains(a.GridId) && a.To == null && a.Role == AssignmentRole.Leader)
            .Select(a => a.GridId).ToListAsync(ct)).ToHashSet();
        // Every carried duty ends first, so that a leader carried away leaves room for one carried in.
        var moves = new List<(GridAssignment Old, Grid Target, DateOnly On)>();
        foreach (var carry in plan.Carries)
        {
            if (!targets.TryGetValue(carry.ToGrid, out var target)) continue;
            var ids = plan.AssignmentsByOldGrid.GetValueOrDefault(carry.FromGrid) ?? [];
            foreach (var a in await db.GridAssignments.Where(a => ids.Contains(a.Id) && a.To == null).OrderBy(a => a.Role).ToListAsync(ct))
            {
                var on = a.From > today ? a.From : today;
                a.End(on);
                if (a.Role == AssignmentRole.Leader) led.Remove(a.GridId);
                moves.Add((a, target, on));
            }
        }
        foreach (var (a, target, on) in moves)
        {
            var role = a.Role == AssignmentRole.Leader && !led.Add(target.Id) ? AssignmentRole.Supervisor : a.Role;
            db.GridAssignments.Add(new GridAssignment(Guid.CreateVersion7(), a.PersonId, target.Id, target.Scope, role, on));
        }
        var carried = moves.Count;
        await db.SaveChangesAsync(ct);
        return carried;
    }

    private static MultiPolygon AsMulti(Geometry g) => g switch
    {
        MultiPolygon m => m,
        Polygon p => g.Factory.CreateMultiPolygon([p]),
        _ => g.Factory.CreateMultiPolygon(Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN).OfType<Polygon>().ToArray()),
    };
}
