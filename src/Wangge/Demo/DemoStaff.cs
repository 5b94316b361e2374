using Wangge.Core.Grids;
using Wangge.Core.People;

namespace Wangge.Demo;

public sealed partial class DemoDistrict
{
    /// <summary>Baiyun's quality-supervision staff ([000]).</summary>
    public const int StaffCount = 63;
    /// <summary>Baiyun's town-level quality coordinators ([000]).</summary>
    public const int CoordinatorCount = 118;

    /// <summary>
    /// One chief per workstation, a leader and a supervisor on every bottom grid ([004-1]: at least two
    /// including the leader), the rest on the busiest grids. Two deliberate faults give the staffing checks
    /// something to find: the last grid has only its leader, and the first grid's leader has served 37 months.
    /// </summary>
    private List<GridAssignment> StaffGrids(List<Grid> zones, List<Grid> bottoms, List<BaseArea> villages,
        DemoNames names, Random random, DateOnly today)
    {
        var assignments = new List<GridAssignment>();
        void Assign(Grid grid, AssignmentRole role, string post, DateOnly from)
        {
            var person = new Person(Guid.CreateVersion7(), names.Person(), post, names.Phone());
            db.People.Add(person);
            var a = new GridAssignment(Guid.CreateVersion7(), person.Id, grid.Id, grid.Scope, role, from);
            db.GridAssignments.Add(a);
            assignments.Add(a);
        }
        DateOnly Since(int minMonths, int maxMonths) => today.AddMonths(-random.Next(minMonths, maxMonths + 1)).AddDays(-random.Next(0, 28));

        foreach (var zone in zones) Assign(zone, AssignmentRole.StationChief, "工作站站长", Since(6, 30));
        for (var i = 0; i < bottoms.Count; i++)
        {
            Assign(bottoms[i], AssignmentRole.Leader, "网格长", i == 0 ? today.AddMonths(-37) : Since(1, 30));
            if (i != bottoms.Count - 1) Assign(bottoms[i], AssignmentRole.Supervisor, "监管员", Since(1, 30));
        }
        var busiest = bottoms.Take(bottoms.Count - 1).OrderByDescending(b => b.Workload).ThenBy(b => b.Code).ToList();
        for (var i = 0; assignments.Count < StaffCount && busiest.Count > 0; i++)
            Assign(busiest[i % busiest.Count], AssignmentRole.Supervisor, "监管员", Since(1, 30));

        // Coordinators follow the villages: every grid gets one, the rest go to grids with more villages.
        var villagesPerGrid = bottoms.ToDictionary(b => b.Id, b => Math.Max(1, villages.Count(v => v.GridId == b.Id)));
        var totalVillages = villagesPerGrid.Values.Sum();
        var placed = 0;
        foreach (var grid in bottoms)
        {
            var share = Math.Max(1, (int)Math.Floor((double)CoordinatorCount * villagesPerGrid[grid.Id] / totalVillages));
            for (var k = 0; k < share && placed < CoordinatorCount; k++, placed++)
                Assign(grid, AssignmentRole.Coordinator, "质量协管员", Since(1, 24));
        }
        for (var i = 0; placed < CoordinatorCount; i++, placed++)
            Assign(bottoms[i % bottoms.Count], AssignmentRole.Coordinator, "质量协管员", Since(1, 24));
        return assignments;
    }
}
