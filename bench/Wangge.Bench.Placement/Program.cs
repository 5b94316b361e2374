// Placement benchmark (issue 4, "Speed → Placement"): 1,000,000 business points into 20,000 bottom grids,
// Wangge.Geo.Placement.GridIndex against PostGIS's best plan on the same data, loaded in the same run.
//
// Run from the repository root:
//     dotnet run -c Release --project bench/Wangge.Bench.Placement
//
// PostgreSQL with PostGIS is taken from WANGGE_BENCH_PG (default below); the run drops and recreates its own
// database "wangge_bench" there, so the role needs CREATEDB. If the server cannot be reached the comparator is
// skipped with a message and our figures are still printed.
using System.Globalization;
using System.Runtime;
using NetTopologySuite.Geometries;
using Wangge.Bench.Placement;
using Wangge.Geo.Placement;

const int GridCount = 20_000;
const int PointCount = 1_000_000;
const int Seed = 20_240_404;
const int Runs = 3;
const string DefaultConnection = "Host=127.0.0.1;Port=5432;Username=wangge;Password=wangge;Database=wangge";

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine("Placement benchmark: 1,000,000 points into 20,000 bottom grids");
Console.WriteLine($"  {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
                  $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Report.Load()}");

// 1. Data: ~100 × 100 km taking in central Guangzhou (113.26° E, 23.13° N) and eastwards, WGS-84 lon/lat.
var region = new Envelope(113.0, 114.0, 22.8, 23.7);
var random = new Random(Seed);
var centres = new Centres(region, 300, random);
var watch = System.Diagnostics.Stopwatch.StartNew();
var tiling = TilingGenerator.Generate(GridCount, region, centres, random);
Console.WriteLine($"Grids: {Report.N(tiling.Count)} Voronoi cells with bent borders over {region.Width:0.0}° × " +
                  $"{region.Height:0.0}°, generated and checked in {Report.Seconds(watch.Elapsed)}");
Console.WriteLine("  tiling check: every inner edge shared by exactly two grids, all borders valid, no crossings");
Report.VertexDistribution(tiling.Borders);
var points = PointGenerator.Generate(PointCount, tiling, centres, random);
Console.WriteLine($"Points: {Report.N(points.Length)} (85 % around 300 weighted centres, 15 % uniform, " +
                  $"{Report.N(points.Length / PointGenerator.BorderEvery)} exactly on shared grid vertices)");

// 2. Ours.
var grids = tiling.Codes.Zip(tiling.Borders, (code, border) => (code, border)).ToArray();
var (buildRuns, index) = Report.Time(() => new GridIndex(grids), Runs);
var retained = Report.Retained(() => new GridIndex(grids));
var (locateRuns, ours) = Report.Time(() => index.LocateAll(points), Runs);
var ourBuild = buildRuns.Min();
var ourLocate = locateRuns.Min();
var placed = ours.Count(code => code is not null);
var ourPeak = Report.PeakWorkingSet();
Console.WriteLine($"Ours: GridIndex build {Report.Runs(buildRuns)}; LocateAll {Report.Runs(locateRuns)} " +
                  $"(best of {Runs} after a warm-up)");
Console.WriteLine($"  placed {Report.N(placed)} of {Report.N(points.Length)}; unplaced {Report.N(points.Length - placed)}; " +
                  $"the index holds {Report.Mb(retained)} of managed memory");

watch.Restart();
var reference = ReferencePlacer.Place(tiling, points);
var sameAsReference = Enumerable.Range(0, points.Length).Count(i => string.Equals(ours[i], reference.Codes[i], StringComparison.Ordinal));
Console.WriteLine($"  oracle (STRtree + NTS IndexedPointInAreaLocator, same border rule, {Report.Seconds(watch.Elapsed)}): " +
                  $"identical for {Report.N(sameAsReference)} of {Report.N(points.Length)}; " +
                  $"points inside two grids' interiors: {reference.InManyInteriors}");

// 3. PostGIS.
var connection = Environment.GetEnvironmentVariable("WANGGE_BENCH_PG") is { Length: > 0 } configured ? configured : DefaultConnection;
var postgis = new PostGisComparator(connection);
TimeSpan? plain = null, lateral = null;
string correctness = "not checked (PostGIS skipped)";
Console.WriteLine($"PostGIS: {postgis.Describe()}");
if (await postgis.ProbeAsync() is { } unreachable)
{
    Console.WriteLine($"  SKIPPED: PostgreSQL is unreachable ({unreachable}). Set WANGGE_BENCH_PG to a server with PostGIS.");
}
else
{
    var load = await postgis.LoadAsync(tiling, points);
    Console.WriteLine($"  loaded into database {PostGisComparator.Database} with binary COPY, GiST indexes, ANALYZE in {Report.Seconds(load)}");
    foreach (var (name, sql) in new[] { ("plain", PostGisComparator.PlainSql), ("lateral", PostGisComparator.LateralSql) })
    {
        Console.WriteLine($"  {name}: {sql}");
        foreach (var line in await postgis.ExplainAsync(sql))
            Console.WriteLine($"      {line}");
    }
    var (plainBest, plainCount) = await postgis.TimeAsync(PostGisComparator.PlainSql, Runs);
    Console.WriteLine($"  plain join:   {Report.Seconds(plainBest)} (best of {Runs} after a warm-up), count {Report.N(plainCount)}");
    var (lateralBest, lateralCount) = await postgis.TimeAsync(PostGisComparator.LateralSql, Runs);
    Console.WriteLine($"  lateral form: {Report.Seconds(lateralBest)} (best of {Runs} after a warm-up), count {Report.N(lateralCount)}");
    (plain, lateral) = (plainBest, lateralBest);

    var (interior, closure, pairs) = await postgis.PairsAsync(points.Length);
    var agree = 0;
    var agreeInterior = 0;
    var agreeBorder = 0;
    var disagreements = new List<string>();
    for (var i = 0; i < points.Length; i++)
    {
        // The same rule as ours, from PostGIS's predicates: interior wins, else the smallest code on the border.
        var from = interior[i] is { Count: > 0 } inside ? inside : closure[i];
        var expected = from?.Select(g => tiling.Codes[g]).Min(StringComparer.Ordinal);
        if (string.Equals(expected, ours[i], StringComparison.Ordinal))
        {
            agree++;
            if (interior[i] is { Count: 1 }) agreeInterior++;
            else agreeBorder++;
        }
        else if (disagreements.Count < 5)
        {
            disagreements.Add($"#{i} ({points[i].Lon:R}, {points[i].Lat:R}): ours {ours[i] ?? "none"}, PostGIS {expected ?? "none"}");
        }
    }
    var onBorder = points.Length - interior.Count(list => list is { Count: > 0 });
    var inOne = closure.Count(list => list is { Count: 1 });
    var borderGrids = Enumerable.Range(0, points.Length).Where(i => interior[i] is not { Count: > 0 } && closure[i] is not null)
        .Select(i => closure[i]?.Count ?? 0).DefaultIfEmpty().ToArray();
    Console.WriteLine($"  counts: ST_Contains {Report.N(plainCount)} (plain) = {Report.N(lateralCount)} (lateral); ours places {Report.N(placed)}.");
    Console.WriteLine($"  The {Report.N(placed - lateralCount)} more are the points exactly on a border: ST_Contains excludes the boundary, so " +
                      "it gives them no grid at all.");
    Console.WriteLine($"  ST_Intersects (closure) gives {Report.N(pairs)} (point, grid) pairs: {Report.N(inOne)} points lie in exactly one " +
                      $"grid, and the {Report.N(onBorder)} border points in {borderGrids.Min()}–{borderGrids.Max()} each; our rule gives each of " +
                      "those the smallest code.");
    correctness = $"{Report.N(agree)} of {Report.N(points.Length)} points agree with PostGIS " +
                  $"({Report.N(agreeInterior)} interior: same grid as ST_Contains; {Report.N(agreeBorder)} on borders: smallest code " +
                  "of the ST_Intersects grids)";
    foreach (var line in disagreements)
        Console.WriteLine($"  DISAGREES {line}");
}

// 4. Summary.
Console.WriteLine();
Console.WriteLine("Summary");
Console.WriteLine($"  ours, GridIndex build:        {Report.Seconds(ourBuild)}");
Console.WriteLine($"  ours, LocateAll 1M points:    {Report.Seconds(ourLocate)}");
if (plain is { } p && lateral is { } l)
{
    var best = p < l ? p : l;
    Console.WriteLine($"  PostGIS plain join:           {Report.Seconds(p)}");
    Console.WriteLine($"  PostGIS lateral form:         {Report.Seconds(l)}");
    Console.WriteLine($"  {$"PostGIS best ({(p < l ? "plain" : "lateral")}):",-30}{Report.Seconds(best)}");
    Console.WriteLine($"  ratio PostGIS best / ours:    {best / ourLocate:0.0}× (target ≥ 5×)");
}
else
{
    Console.WriteLine("  PostGIS:                      skipped");
}
Console.WriteLine($"  correctness: {correctness}; oracle identical for {Report.N(sameAsReference)} of {Report.N(points.Length)}");
Console.WriteLine($"  machine {Report.Load()}");
Console.WriteLine($"  peak working set: {Report.Mb(ourPeak)} after our placement, {Report.Mb(Report.PeakWorkingSet())} at the end");
