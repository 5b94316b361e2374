// Districting benchmark: 10,000 lattice cells into 200 districts, ours against METIS on the same graph.
//
// Run (from the repository root):
//     dotnet run -c Release --project bench/Wangge.Bench.Districting
//
// METIS comes from the Debian package `metis` (`apt-get install -y metis`, which puts `gpmetis` on PATH);
// without it the comparison is skipped with a message and only our figures are printed.
using System.Diagnostics;
using System.Globalization;
using Wangge.Bench.Districting;
using Wangge.Geo.Districting;
using Wangge.Geo.Synthesis;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const int Side = 100;
const int Districts = 200;

// A 40 × 40 km square north of central Guangzhou (Baiyun), so the lattice is exactly 100 × 100 cells of 400 m.
var (parent, cellKm) = Workload.Square(lon0: 113.20, lat0: 23.15, sideKm: 40, cells: Side);
var weights = Workload.Weights(Side, Districts, seed: 2026);

var clock = Stopwatch.StartNew();
var projection = LocalProjection.Around(parent);
var origin = projection.ToKm(parent.EnvelopeInternal.MinX, parent.EnvelopeInternal.MinY);
var units = Lattice.Cells(parent, cellKm, hexagons: false, cell =>
{
    var c = projection.ToKm(cell.Centroid.Coordinate);
    return weights[(int)((c.Y - origin.Y) / cellKm), (int)((c.X - origin.X) / cellKm)];
});
var latticeTime = clock.Elapsed;
clock.Restart();
var graph = AdjacencyGraph.FromShapes(units);
var graphTime = clock.Elapsed;

Console.WriteLine($"Lattice: {units.Count} cells of {cellKm * 1000:0} m over {Side * cellKm:0} × {Side * cellKm:0} km near Guangzhou, built in {latticeTime.TotalSeconds:0.00} s; " +
                  $"adjacency: {graph.EdgeCount} edges, derived from the shapes in {graphTime.TotalSeconds:0.00} s.");
Workload.Describe(graph, Districts);
Console.WriteLine();

// METIS is native code, so the table shows our second run of the same plan: the first also pays for the JIT.
clock.Restart();
Districter.Plan(graph, Districts, new DistrictingOptions(Seed: 1));
var coldTime = clock.Elapsed;
clock.Restart();
var ours = Districter.Plan(graph, Districts, new DistrictingOptions(Seed: 1));
var ourTime = clock.Elapsed;
Console.WriteLine($"Our plan took {coldTime.TotalSeconds:0.000} s on the first run (JIT included) and {ourTime.TotalSeconds:0.000} s on the second (in the table).");
var rows = new List<Row> { Row.Of("Wangge Districter", ourTime, null, graph, ours.DistrictOf, Districts) };
if (ours.BalanceNote is not null)
    Console.WriteLine($"Note from the districter: {ours.BalanceNote}");

var gpmetis = Metis.Find();
if (gpmetis is null)
    Console.WriteLine("gpmetis is not on PATH: the METIS comparison is skipped (install it with `apt-get install -y metis`).");
else
{
    var dir = Directory.CreateTempSubdirectory("wangge-bench-districting-");
    try
    {
        var file = Path.Combine(dir.FullName, "lattice.graph");
        Metis.Write(graph, file);
        Console.WriteLine($"METIS gets the same graph ({gpmetis}; vertex weights = the workload, edge weights = shared border in metres).");
        foreach (var contig in new[] { false, true })
        {
            var run = Metis.Run(gpmetis, file, Districts, contig);
            rows.Add(Row.Of(contig ? "gpmetis -contig" : "gpmetis", run.Wall, run.Reported, graph, run.Parts, Districts));
        }
    }
    finally
    {
        dir.Delete(recursive: true);
    }
}

Console.WriteLine();
Row.Print(rows);
Console.WriteLine();
var us = rows[0];
foreach (var them in rows.Skip(1))
    Console.WriteLine($"Ours vs {them.Name,-16}: time {us.Seconds / them.Seconds:0.00}× theirs (wall clock; {us.Seconds / (them.ReportedSeconds ?? them.Seconds):0.00}× METIS's own partitioning time), " +
                      $"max/mean {us.MaxOverMean:0.000} vs {them.MaxOverMean:0.000}, edge cut {us.CutKm / them.CutKm:0.00}× theirs, " +
                      $"non-contiguous parts {us.NonContiguous} vs {them.NonContiguous}, mean Polsby–Popper {us.MeanPp:0.000} vs {them.MeanPp:0.000}.");
Console.WriteLine();
// The time target is held against the first run, JIT and all, as a user's first plan would be.
var met = us.NonContiguous == 0 && us.MaxOverMean <= 1.05 && coldTime.TotalSeconds <= 30;
Console.WriteLine($"Target (100 % contiguous, max/mean ≤ 1.05, ≤ 30 s): {(met ? "met" : "NOT met")}.");
return met ? 0 : 1;
