// Ledger benchmark (issue "Speed → Ledger"): "Import 1,000,000 business rows from CSV into PostgreSQL — validated,
// placed, versioned — in ≤ 60 s, and report the ratio to a plain COPY of the same file into a bare table (the
// database's own limit). On SQLite, report rows/s. Re-rating 1,000,000 businesses after a rule change: ≤ 10 s."
//
// Run from the repository root:
//     dotnet run -c Release --project bench/Wangge.Bench.Ledger
//
// PostgreSQL (with PostGIS) is taken from WANGGE_BENCH_PG (default below); the run drops and recreates its own
// database "wangge_bench_ledger" there, so the role needs CREATEDB. If the server cannot be reached the PostgreSQL
// part is skipped with a message and the SQLite part still runs. When a target is missed (or WANGGE_BENCH_PROFILE=1)
// the run says where the time went: the re-rating's steps replayed and rolled back, and the import replayed into a
// second scratch database, "wangge_bench_ledger_profile", dropped afterwards. WANGGE_BENCH_SMOKE=1 runs the same steps on
// 50,000 rows (SQLite 20,000, history 15,000) to check the program in a minute; its figures mean nothing.
using System.Diagnostics;
using System.Globalization;
using Wangge.Bench.Ledger;
using Wangge.Businesses;
using Wangge.Core.Risk;
using Wangge.Data;

var smoke = Environment.GetEnvironmentVariable("WANGGE_BENCH_SMOKE") == "1";
var goodRows = smoke ? 50_000 : 1_000_000;
var sqliteRows = smoke ? 20_000 : 200_000;
var historyEvents = smoke ? 15_000 : 300_000;
const int Seed = 20_261_124;
const double ImportTarget = 60, RerateTarget = 10;
const string DefaultConnection = "Host=127.0.0.1;Port=5432;Username=wangge;Password=wangge;Database=wangge";

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"Ledger benchmark: import {Report.N(goodRows)} business rows (+{Report.N(LedgerCsv.BadRowCount)} bad) and re-rate them after a rule change");
Console.WriteLine($"  {Report.Machine()}");
if (smoke) Console.WriteLine("  SMOKE RUN (WANGGE_BENCH_SMOKE=1): reduced sizes, figures not comparable to the targets");

// 1. The jurisdiction.
var watch = Stopwatch.StartNew();
var district = new District(Seed);
Console.WriteLine($"District {District.Code}: {district.GridCount} grids (1 district, 4 zones, 40 streets, {district.Bottoms.Count} bottom grids) " +
                  $"over {district.AreaKm2:0} km² of {District.MinLon}–{District.MaxLon}° E, {District.MinLat}–{District.MaxLat}° N; " +
                  $"{district.VerticesPerBottomGrid:0} vertices per bottom grid; built and checked in {Report.Seconds(watch.Elapsed)}");

// 2. The file, generated once for this run and read by every import and by COPY.
var dir = Path.Combine(Path.GetTempPath(), "wangge-bench-ledger");
Directory.CreateDirectory(dir);
var today = DateOnly.FromDateTime(DateTime.UtcNow);
var csvPath = Path.Combine(dir, "ledger-1m.csv");
watch.Restart();
var ledger = LedgerCsv.Generate(csvPath, goodRows, district, today, Seed);
Console.WriteLine($"File {csvPath}: {Report.N(ledger.Rows)} data rows ({Report.N(ledger.Good)} good, {Report.N(ledger.Bad)} bad), " +
                  $"{Report.Mb(ledger.Bytes)} UTF-8 with BOM, 14 columns; generated in {Report.Seconds(watch.Elapsed)}");
Console.WriteLine($"  good rows: {Report.N(ledger.Licensed)} with a licence ({100.0 * ledger.Licensed / ledger.Good:0.0} %), " +
                  $"{Report.N(ledger.MultiSector)} with two sectors; 58 % 个体工商户, 36 % companies, 5 % branches, 1 % cooperatives");
Console.WriteLine($"  bad rows, spread at random: {string.Join(", ", ledger.BadIn(ledger.Rows).OrderBy(k => k.Key).Select(k => $"{k.Key} {Report.N(k.Value)}"))}");

var checks = new List<(string What, bool Ok)>();

// 3. PostgreSQL: the comparator, ours, the history, the re-rating.
var connection = Environment.GetEnvironmentVariable("WANGGE_BENCH_PG") is { Length: > 0 } configured ? configured : DefaultConnection;
var pg = new Postgres(connection);
TimeSpan? pgImport = null, pgCopy = null, pgRerate = null, pgRerateAgain = null;
string? pgRerateFailure = null, sqliteRerateFailure = null;
ImportOutcome? pgOutcome = null;
Console.WriteLine();
Console.WriteLine($"PostgreSQL: {pg.Describe()}");
if (await pg.ProbeAsync() is { } unreachable)
{
    Console.WriteLine($"  SKIPPED: PostgreSQL is unreachable ({unreachable}). Set WANGGE_BENCH_PG to a server with PostGIS; the SQLite part still runs.");
}
else
{
    await pg.RecreateAsync();
    var (services, migrate) = await Steps.ServicesAsync(pg.Bench);
    await using (services)
    {
        Console.WriteLine($"  server: {await pg.SettingsAsync()}");
        var seed = await Steps.SeedAsync(services, district);
        Console.WriteLine($"  database {Postgres.Database} recreated, migrated in {Report.Seconds(migrate)}, {district.GridCount} grids saved in {Report.Seconds(seed)}");

        // The comparator first, on the same warm file: what the database itself needs to take these bytes in.
        var (copy, copied, copyWrote) = await pg.CopyBareAsync(csvPath);
        pgCopy = copy;
        Console.WriteLine($"  COPY bare FROM STDIN (FORMAT csv, HEADER true), 14 text columns, no index: {Report.Seconds(copy)}, " +
                          $"{Report.N(copied)} rows, {Report.Rate(copied, copy)}; {copyWrote}");
        checks.Add(("COPY loaded every data row", copied == ledger.Rows));
        await pg.CheckpointAsync();

        var wal = await pg.WalAsync();
        var ours = await Steps.ImportAsync(services, csvPath, "ledger-1m.csv");
        var oursWrote = await pg.WalSinceAsync(wal);
        pgOutcome = ours;
        pgImport = ours.Elapsed;
        PrintImport("Ours", ours, ledger.Rows);
        var counts = await pg.CountsAsync("businesses", "business_versions", "business_licences", "risk_ratings", "import_problems", "audit_entries");
        Console.WriteLine($"    PostgreSQL during the import: {oursWrote} (cluster-wide)");
        Console.WriteLine($"  in the database afterwards: {string.Join(", ", counts.Select(c => $"{c.Key} {Report.N(c.Value)}"))}");
        Console.WriteLine($"    {await pg.SizeAsync()}");
        checks.Add(($"PG import: created {Report.N(goodRows)}, rejected {Report.N(LedgerCsv.BadRowCount)}", ours.Report.Created == goodRows && ours.Report.Rejected == LedgerCsv.BadRowCount));
        checks.Add(("PG import: every bad row refused for its own fault", ProblemsMatch(ours.Report, ledger.BadIn(ledger.Rows))));
        checks.Add(($"PG: {Report.N(goodRows)} businesses, versions and initial ratings; every licence; every problem",
            counts["businesses"] == goodRows && counts["business_versions"] == goodRows && counts["risk_ratings"] == goodRows
            && counts["business_licences"] == ledger.Licensed && counts["import_problems"] == LedgerCsv.BadRowCount));
        Console.WriteLine($"  ratio ours / COPY: {ours.Elapsed / copy:0.0}× (COPY stores the text; ours validates, places, versions and rates it)");

        // History for the re-rating to read, then the rule change.
        watch.Restart();
        var ids = await pg.BusinessIdsAsync();
        var events = History.Generate(ids, historyEvents, today, Seed + 1);
        var load = await pg.InsertHistoryAsync(events, DateTimeOffset.UtcNow);
        await pg.VacuumAnalyzeAsync();
        Console.WriteLine($"  history: {Report.N(events.Count)} supervision events over the last 3 years by binary COPY in {Report.Seconds(load)} " +
                          $"(then VACUUM ANALYZE; {Report.Seconds(watch.Elapsed)} in all): {History.Describe(events)}");
        Console.WriteLine($"  classes after import: {await pg.ClassesAsync()}");
        var rerateWatch = Stopwatch.StartNew();
        try
        {
            var sync = await Steps.RerateAsync(services, null, "bench: history loaded");
            PrintRerate("re-rating with the current rules, to take in the history (not the timed one)", sync);
            Console.WriteLine($"  classes now: {await pg.ClassesAsync()}");
            rerateWatch.Restart();
            var changed = await Steps.RerateAsync(services, Steps.ChangedRules(), "bench: rule change");
            pgRerate = changed.Elapsed;
            PrintRerate("RULE CHANGE (catering 25 → 32 points, class B from 30 → 25)", changed);
            Console.WriteLine($"  classes now: {await pg.ClassesAsync()}");
            rerateWatch.Restart();
            var again = await Steps.RerateAsync(services, Steps.ChangedRules(), "bench: rule change, again");
            pgRerateAgain = again.Elapsed;
            PrintRerate("same rules again (nothing changes: the read + score cost alone)", again);
            Console.WriteLine($"  so writing the {Report.N(changed.Result.ScoreChanged)} changed scores and {Report.N(changed.Result.ClassChanged)} " +
                              $"history entries cost about {Report.Seconds(changed.Elapsed - again.Elapsed)}");
            checks.Add(($"PG rerate: {Report.N(goodRows)} rated, scores moved, second run changes nothing",
                changed.Result.Rated == goodRows && changed.Result.ScoreChanged > 0 && again.Result.ScoreChanged == 0));
        }
        catch (Exception e)
        {
            pgRerateFailure = $"after {Report.Seconds(rerateWatch.Elapsed)}: {Describe(e)}";
            Console.WriteLine($"  rerate FAILED on PostgreSQL: {pgRerateFailure}");
            checks.Add(("PG rerate runs", false));
        }

        var profile = Environment.GetEnvironmentVariable("WANGGE_BENCH_PROFILE") == "1";
        if (pgRerate is not { } timed || timed.TotalSeconds > RerateTarget || profile)
        {
            // After a successful rule change the changed rules move nothing; going back to the defaults moves as much.
            var back = pgRerate is not null;
            await RerateProfileAsync(services, back ? new RiskRules() : Steps.ChangedRules(),
                back ? "back to the default rules, which moves the same businesses back" : "the same rule change");
        }
        if (ours.Elapsed.TotalSeconds > ImportTarget || profile)
            await ProfileAsync(connection, district, csvPath, ours);
    }
}

// 4. SQLite: a fresh file, the same grids, the first 200,000 rows.
Console.WriteLine();
var sqlitePath = Path.Combine(dir, "ledger.db");
foreach (var f in new[] { sqlitePath, sqlitePath + "-wal", sqlitePath + "-shm" }) File.Delete(f);
var headPath = Path.Combine(dir, "ledger-200k.csv");
ledger.WriteHead(headPath, sqliteRows);
var headBad = ledger.BadIn(sqliteRows);
var headGood = sqliteRows - headBad.Values.Sum();
Console.WriteLine($"SQLite: {sqlitePath} (fresh), the first {Report.N(sqliteRows)} data rows: {Report.N(headGood)} good, {Report.N(headBad.Values.Sum())} bad");
TimeSpan sqliteImport;
TimeSpan? sqliteRerate = null, sqliteRerateAgain = null;
int sqliteLines;
var (sqlite, sqliteMigrate) = await Steps.ServicesAsync(sqlitePath);
await using (sqlite)
{
    var seed = await Steps.SeedAsync(sqlite, district);
    Console.WriteLine($"  migrated in {Report.Seconds(sqliteMigrate)}, {district.GridCount} grids saved in {Report.Seconds(seed)}");
    var ours = await Steps.ImportAsync(sqlite, headPath, "ledger-200k.csv");
    sqliteImport = ours.Elapsed;
    sqliteLines = ours.Report.Lines;
    PrintImport("Ours", ours, sqliteRows);
    var counts = await Steps.CountsAsync(sqlite);
    Console.WriteLine($"  in the database afterwards: {string.Join(", ", counts.Select(c => $"{c.Key} {Report.N(c.Value)}"))}; " +
                      $"file {Report.Mb(new FileInfo(sqlitePath).Length)}");
    checks.Add(("SQLite import: created and rejected as generated", ours.Report.Created == headGood && ours.Report.Rejected == sqliteRows - headGood
                                                                   && ProblemsMatch(ours.Report, headBad)));
    checks.Add(("SQLite: businesses and versions", counts["businesses"] == headGood && counts["business_versions"] == headGood));

    var ids = await Steps.BusinessIdsAsync(sqlite);
    var events = History.Generate(ids, (int)((long)historyEvents * sqliteRows / goodRows), today, Seed + 2);
    var load = await Steps.InsertHistoryAsync(sqlite, events, today);
    Console.WriteLine($"  history: {Report.N(events.Count)} supervision events through EF in {Report.Seconds(load)}");
    try
    {
        var sync = await Steps.RerateAsync(sqlite, null, "bench: history loaded");
        PrintRerate("re-rating with the current rules, to take in the history", sync);
        var changed = await Steps.RerateAsync(sqlite, Steps.ChangedRules(), "bench: rule change");
        sqliteRerate = changed.Elapsed;
        PrintRerate("RULE CHANGE (catering 25 → 32 points, class B from 30 → 25)", changed);
        var again = await Steps.RerateAsync(sqlite, Steps.ChangedRules(), "bench: rule change, again");
        sqliteRerateAgain = again.Elapsed;
        PrintRerate("same rules again (nothing changes)", again);
        Console.WriteLine($"  classes now: {await Steps.ClassesAsync(sqlite)}");
        checks.Add(("SQLite rerate: all rated, second run changes nothing", changed.Result.Rated == headGood && again.Result.ScoreChanged == 0));
    }
    catch (Exception e)
    {
        sqliteRerateFailure = Describe(e);
        Console.WriteLine($"  rerate FAILED on SQLite: {sqliteRerateFailure}");
        checks.Add(("SQLite rerate runs", false));
    }
}

// 5. Summary.
Console.WriteLine();
Console.WriteLine("Summary");
if (pgImport is { } import && pgCopy is { } copyTime && pgOutcome is { } outcome)
{
    Console.WriteLine($"  PostgreSQL import, {Report.N(ledger.Rows)} rows ({Report.N(ledger.Good)} good, {Report.N(ledger.Bad)} bad): ours {Report.Seconds(import)}, " +
                      $"{Report.Rate(ledger.Rows, import)}");
    Console.WriteLine($"    target ≤ {ImportTarget:0} s: {(import.TotalSeconds <= ImportTarget ? "MET" : "MISSED")}");
    Console.WriteLine($"  plain COPY of the same file into a bare table: {Report.Seconds(copyTime)}, {Report.Rate(ledger.Rows, copyTime)}");
    Console.WriteLine($"    ratio ours / COPY: {import / copyTime:0.0}×");
    if (pgRerate is { } rerate && pgRerateAgain is { } rerateAgain)
    {
        Console.WriteLine($"  PostgreSQL re-rating of {Report.N(goodRows)} after a rule change: {Report.Seconds(rerate)}; " +
                          $"again with nothing to change: {Report.Seconds(rerateAgain)}");
        Console.WriteLine($"    target ≤ {RerateTarget:0} s: {(rerate.TotalSeconds <= RerateTarget ? "MET" : "MISSED")}");
    }
    else
    {
        Console.WriteLine($"  PostgreSQL re-rating: FAILED ({pgRerateFailure}); target ≤ {RerateTarget:0} s NOT MEASURED");
    }
}
else
{
    Console.WriteLine("  PostgreSQL: skipped (unreachable); targets ≤ 60 s import and ≤ 10 s re-rating NOT MEASURED");
}
Console.WriteLine($"  SQLite import, first {Report.N(sqliteLines)} rows: {Report.Seconds(sqliteImport)}, {Report.Rate(sqliteLines, sqliteImport)}");
Console.WriteLine(sqliteRerate is { } sr && sqliteRerateAgain is { } sra
    ? $"  SQLite re-rating of {Report.N(headGood)} after the rule change: {Report.Seconds(sr)}; again: {Report.Seconds(sra)}"
    : $"  SQLite re-rating: FAILED ({sqliteRerateFailure})");
Console.WriteLine($"  checks: {checks.Count(c => c.Ok)} of {checks.Count} passed" +
                  (checks.Any(c => !c.Ok) ? "; FAILED: " + string.Join("; ", checks.Where(c => !c.Ok).Select(c => c.What)) : ""));
Console.WriteLine($"  machine: {Report.Machine()}");
Console.WriteLine($"  peak working set: {Report.Mb(Report.PeakWorkingSet())}");

static void PrintImport(string who, ImportOutcome o, int rows)
{
    var r = o.Report;
    Console.WriteLine($"  {who}: BusinessImporter.ImportAsync {Report.Seconds(o.Elapsed)}, {Report.Rate(r.Lines, o.Elapsed)} " +
                      $"({Report.Rate(r.Created, o.Elapsed).Replace("rows", "created")})");
    Console.WriteLine($"    report: status {r.Status}, lines {Report.N(r.Lines)}, created {Report.N(r.Created)}, updated {Report.N(r.Updated)}, " +
                      $"unchanged {Report.N(r.Unchanged)}, rejected {Report.N(r.Rejected)}, batches {Report.N(r.Batches)}, encoding {r.Encoding}");
    Console.WriteLine($"    problems: {string.Join(", ", r.Problems.GroupBy(p => p.Code).OrderBy(g => g.Key).Select(g => $"{g.Key} {Report.N(g.Count())}"))}");
    Console.WriteLine($"    this process: CPU {Report.Seconds(o.ProcessCpu)} over {Report.Seconds(o.Elapsed)} wall " +
                      $"({o.ProcessCpu / o.Elapsed:0.00} cores), GC pauses {Report.Seconds(o.GcPause)} ({o.Gen2} gen-2), allocated {Report.Mb(o.Allocated)}");
    if (rows != r.Lines) Console.WriteLine($"    WARNING: {Report.N(rows)} rows in the file, {Report.N(r.Lines)} lines read");
}

static void PrintRerate(string what, (TimeSpan Elapsed, RerateResult Result, TimeSpan ProcessCpu) r) =>
    Console.WriteLine($"  rerate, {what}: {Report.Seconds(r.Elapsed)} — rated {Report.N(r.Result.Rated)}, scores changed {Report.N(r.Result.ScoreChanged)}, " +
                      $"classes changed {Report.N(r.Result.ClassChanged)}; this process CPU {Report.Seconds(r.ProcessCpu)}");

static bool ProblemsMatch(Wangge.Businesses.Import.ImportReport report, Dictionary<BadKind, int> expected)
{
    var got = report.Problems.GroupBy(p => p.Code).ToDictionary(g => g.Key, g => g.Count());
    return got.Count == expected.Count && expected.All(e => got.GetValueOrDefault(LedgerCsv.ProblemCodes[e.Key]) == e.Value);
}

static string Describe(Exception e) =>
    e.InnerException is { } inner ? $"{e.GetType().Name}: {e.Message} ← {Describe(inner)}" : $"{e.GetType().Name}: {e.Message}";

static string Cpu(TimeSpan? t) => t is { } v ? Report.Seconds(v) : "—";

static async Task RerateProfileAsync(IServiceProvider services, RiskRules rules, string which)
{
    Console.WriteLine();
    Console.WriteLine($"  Where a re-rating's time goes ({which}; RiskRerater's steps replayed with a clock and the backend's CPU, no timeout, rolled back):");
    var (steps, rated, changed) = await RerateProfile.RunAsync(services, rules);
    var total = steps.Aggregate(TimeSpan.Zero, (s, x) => s + x.Wall);
    Console.WriteLine($"    {"step",-20}{"wall",10} {"share",6} {"our CPU",10} {"PG CPU",10}   what");
    foreach (var s in steps)
        Console.WriteLine($"    {s.Name,-20}{Report.Seconds(s.Wall),10} {Report.Share(s.Wall, total),6} {Report.Seconds(s.OurCpu),10} {Cpu(s.ServerCpu),10}   {s.What}");
    Console.WriteLine($"    {"total",-20}{Report.Seconds(total),10}   rated {Report.N(rated)}, scores changed {Report.N(changed)}");
}

static async Task ProfileAsync(string connection, District district, string csvPath, ImportOutcome real)
{
    Console.WriteLine();
    Console.WriteLine("  Where the import's time goes (a replica of the importer's loop with a clock around each piece, into a fresh database):");
    var scratch = new Postgres(connection, Postgres.ProfileDatabase);
    await scratch.RecreateAsync();
    var (services, _) = await Steps.ServicesAsync(scratch.Bench);
    await using (services)
    {
        await Steps.SeedAsync(services, district);
        await scratch.CheckpointAsync();
        var p = await ImportProfile.RunAsync(services, csvPath, "ledger-1m.csv", Wangge.Businesses.Import.BusinessImporter.DefaultBatchSize, CancellationToken.None);
        Console.WriteLine($"    {"piece",-20}{"wall",10} {"share",6} {"our CPU",10} {"PG CPU",10}   what");
        foreach (var s in p.Stages)
            Console.WriteLine($"    {s.Name,-20}{Report.Seconds(s.Time),10} {Report.Share(s.Time, p.Total),6} {Cpu(s.OurCpu),10} {Cpu(s.ServerCpu),10}   {s.What}");
        Console.WriteLine($"    {"replica total",-20}{Report.Seconds(p.Total),10}   (the real import: {Report.Seconds(real.Elapsed)}); created {Report.N(p.Created)}, " +
                          $"rejected {Report.N(p.Rejected)}");
        Console.WriteLine($"    CPU over the replica: this process {Report.Seconds(p.ProcessCpu)} (GC pauses {Report.Seconds(p.GcPause)}, allocated " +
                          $"{Report.Mb(p.Allocated)}); its PostgreSQL backend {Cpu(p.ServerCpu)} (autovacuum, WAL writer, checkpointer not counted)");
        Console.WriteLine($"    per-row pieces (read … initial rating, JSON) run in this process only, so their wall time is their CPU time plus whatever " +
                          "the machine's other work took from it");
    }
    await scratch.DropAsync();
}
