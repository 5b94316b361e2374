using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wangge.Businesses;
using Wangge.Businesses.Import;
using Wangge.Core.Businesses;
using Wangge.Core.Businesses.Import;
using Wangge.Core.Imports;
using Wangge.Core.Risk;
using Wangge.Data;
using Wangge.Data.Businesses;

namespace Wangge.Bench.Ledger;

/// <summary>
/// Where an import's time goes. src/ is not ours to instrument, so this is a replica of
/// <see cref="BusinessImporter.ImportAsync"/>'s loop and batch flush for new rows, calling the same public pieces
/// (TabularReader, LedgerRowParser, InFileDuplicates, GridPlacer, Business.From, RiskScorer, LedgerBulkWriter,
/// SaveChanges) in the same order with a clock around each. Run against a database of its own, so its writes are
/// the import's writes. Version and factor JSON are also serialised once on the side to split the bulk writer's
/// time into serialisation and COPY proper; that extra work is excluded from the replica's total.
/// </summary>
internal sealed class ImportProfile
{
    /// <summary>One piece: wall time; for the database steps also this process's CPU and the PostgreSQL backend's CPU.</summary>
    public readonly record struct Stage(string Name, TimeSpan Time, string What, TimeSpan? OurCpu = null, TimeSpan? ServerCpu = null);

    public List<Stage> Stages { get; } = [];
    public TimeSpan Total { get; private set; }
    public TimeSpan ProcessCpu { get; private set; }
    public TimeSpan GcPause { get; private set; }
    public long Allocated { get; private set; }
    public int Created { get; private set; }
    public int Rejected { get; private set; }
    public TimeSpan? ServerCpu { get; private set; }

    private int _backend;
    // Per database step: this process's and the backend's CPU.
    private TimeSpan _lookupCpu, _insertCpu, _saveCpu, _commitCpu, _lookupPg, _insertPg, _savePg, _commitPg;

    private long _open, _placerLoad, _read, _parse, _duplicates, _place, _lookup, _entities, _scoring, _versionJson, _factorsJson, _insert,
        _save, _commit, _tracker, _side;

    public static async Task<ImportProfile> RunAsync(IServiceProvider services, string path, string fileName, int batchSize, CancellationToken ct)
    {
        var p = new ImportProfile();
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<WanggeDbContext>();
        var scorer = sp.GetRequiredService<RiskScorer>();
        var bulk = sp.GetRequiredService<LedgerBulkWriter>();
        var clock = TimeProvider.System;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var gc0 = GC.GetTotalPauseDuration();
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var total = Stopwatch.StartNew();

        // One connection for the whole run, so that one backend does all the work and its CPU can be read.
        await db.Database.OpenConnectionAsync(ct);
        await using (var cmd = db.Database.GetDbConnection().CreateCommand())
        {
            cmd.CommandText = "SELECT pg_backend_pid()";
            p._backend = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        var server0 = Report.ProcessCpu(p._backend);

        var t = Stopwatch.GetTimestamp();
        var mapping = ColumnMapping.Default;
        using var file = TabularReader.Open(path, new TabularOptions(null, null, mapping), fileName);
        var columns = mapping.Resolve(file.Headers);
        var parser = new LedgerRowParser(columns, new LedgerParseOptions(today));
        p._open += Lap(ref t);
        var placer = await GridPlacer.LoadAsync(db, ct);
        p._placerLoad += Lap(ref t);
        var run = new ImportRun(Guid.CreateVersion7(), BusinessImporter.Kind, fileName, file.Sha256, db.Caller.Actor, "", clock.GetUtcNow());
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        p._save += Lap(ref t);

        var duplicates = new InFileDuplicates();
        var good = new List<(int Line, BusinessFacts Facts, Wangge.Core.Grids.Grid Grid)>(batchSize);
        var bad = new List<RowProblem>();
        var badLines = 0;
        var lastLine = file.HeaderLine;
        using (var rows = file.Rows().GetEnumerator())
        {
            while (true)
            {
                t = Stopwatch.GetTimestamp();
                if (!rows.MoveNext()) { p._read += Lap(ref t); break; }
                var row = rows.Current;
                p._read += Lap(ref t);
                var result = parser.Parse(row.Line, row.Cells);
                if (result.IsBlank) continue;
                lastLine = row.Line;
                var problems = result.Problems.ToList();
                var facts = result.Facts;
                p._parse += Lap(ref t);
                if (facts is not null && duplicates.Check(row.Line, facts.Code.Value) is { } dup) { problems.Add(dup); facts = null; }
                p._duplicates += Lap(ref t);
                Wangge.Core.Grids.Grid? grid = null;
                if (facts is not null)
                {
                    grid = placer.Locate(facts.Lon, facts.Lat);
                    if (grid is null)
                        problems.Add(new RowProblem(row.Line, "lon", "outside_jurisdiction", $"({facts.Lon}, {facts.Lat}) lies in no grid of this jurisdiction."));
                    else if (!db.Caller.Covers(grid.ScopePathValue))
                        problems.Add(new RowProblem(row.Line, "lon", "outside_your_area", $"in grid {grid.Code}"));
                }
                if (problems.Count > 0) { bad.AddRange(problems); badLines++; }
                else good.Add((row.Line, facts!, grid!));
                p._place += Lap(ref t);
                if (good.Count + badLines >= batchSize)
                {
                    await p.FlushAsync(db, scorer, bulk, run, good, bad, badLines, lastLine, today, clock, ct);
                    good.Clear(); bad.Clear(); badLines = 0;
                }
            }
        }
        if (good.Count + badLines > 0) await p.FlushAsync(db, scorer, bulk, run, good, bad, badLines, lastLine, today, clock, ct);
        t = Stopwatch.GetTimestamp();
        run.Complete(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        p._save += Lap(ref t);

        var wall = total.Elapsed;
        p.ServerCpu = Report.ProcessCpu(p._backend) - server0;
        p.Total = wall - Stopwatch.GetElapsedTime(0, p._side);
        p.ProcessCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        p.GcPause = GC.GetTotalPauseDuration() - gc0;
        p.Allocated = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
        (p.Created, p.Rejected) = (run.Created, run.Rejected);

        TimeSpan T(long ticks) => Stopwatch.GetElapsedTime(0, ticks);
        var copy = T(p._insert) - T(p._versionJson) - T(p._factorsJson);
        p.Stages.AddRange(
        [
            new("open", T(p._open), "TabularReader.Open: SHA-256 of the whole file, encoding and separator sniff, header search"),
            new("placer load", T(p._placerLoad), "GridPlacer.LoadAsync: 400 grids read, GridIndex built"),
            new("read CSV", T(p._read), "CsvHelper records → string cells (TabularFile.Rows)"),
            new("parse + validate", T(p._parse), "LedgerRowParser.Parse: code check, vocabularies, dates, licences; Problems.ToList"),
            new("in-file duplicates", T(p._duplicates), "InFileDuplicates.Check"),
            new("place", T(p._place), "GridPlacer.Locate + scope check"),
            new("existing lookup", T(p._lookup), "per batch: BEGIN; SELECT businesses LEFT JOIN licences WHERE credit_code = ANY(5,000 codes)",
                p._lookupCpu, p.Pg(p._lookupPg)),
            new("build entities", T(p._entities), "PointOf, Business.From, PlaceIn"),
            new("initial rating", T(p._scoring), "RiskScorer.Assess(InitialProfile) + Rate"),
            new("version JSON", T(p._versionJson), "VersionRecorder.Serialise(Snapshot()) — inside LedgerBulkWriter"),
            new("factors JSON", T(p._factorsJson), "RiskService.FactorsJson — inside LedgerBulkWriter"),
            new("COPY (4 tables)", copy, "LedgerBulkWriter binary COPY: businesses, licences, versions, ratings, with their indexes",
                p._insertCpu - T(p._versionJson) - T(p._factorsJson), p.Pg(p._insertPg)),
            new("SaveChanges", T(p._save), "import problems, run checkpoint, audit chain entry per batch", p._saveCpu, p.Pg(p._savePg)),
            new("COMMIT", T(p._commit), "per batch: COMMIT (WAL flush)", p._commitCpu, p.Pg(p._commitPg)),
            new("tracker reset", T(p._tracker), "ChangeTracker.Clear + Attach(run)"),
        ]);
        var accounted = p.Stages.Aggregate(TimeSpan.Zero, (s, x) => s + x.Time);
        p.Stages.Add(new("unaccounted", p.Total - accounted, "loop overhead, GC pauses not inside a stage"));
        return p;
    }

    private async Task FlushAsync(WanggeDbContext db, RiskScorer scorer, LedgerBulkWriter bulk, ImportRun run,
        List<(int Line, BusinessFacts Facts, Wangge.Core.Grids.Grid Grid)> good, List<RowProblem> bad, int badLines, int throughLine,
        DateOnly today, TimeProvider clock, CancellationToken ct)
    {
        var t = Stopwatch.GetTimestamp();
        var m = Mark();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AuditCreatedLedgerRowsAsBatch = true;
        var codes = good.Select(g => g.Facts.Code.Value).ToList();
        var existing = codes.Count == 0 ? [] : await db.Businesses.IgnoreQueryFilters().Where(b => codes.Contains(b.CreditCode))
            .ToDictionaryAsync(b => b.CreditCode, ct);
        if (existing.Count > 0) throw new InvalidOperationException("The profile database should start empty.");
        _lookup += Lap(ref t);
        Charge(ref m, ref _lookupCpu, ref _lookupPg);

        var now = clock.GetUtcNow();
        var created = new List<(Business Business, RiskAssessment Rating)>(good.Count);
        foreach (var row in good)
        {
            var point = BusinessService.PointOf(row.Facts.Lon, row.Facts.Lat);
            var business = Business.From(Guid.CreateVersion7(), row.Facts, point);
            business.PlaceIn(row.Grid);
            _entities += Lap(ref t);
            var rating = scorer.Assess(BusinessImporter.InitialProfile(business), today);
            business.Rate(rating, now);
            created.Add((business, rating));
            _scoring += Lap(ref t);
        }

        // On the side, not part of the import: the two serialisations the bulk writer does, to split its time.
        var side = Stopwatch.GetTimestamp();
        foreach (var (b, _) in created) _ = VersionRecorder.Serialise(b.Snapshot());
        var mid = Stopwatch.GetTimestamp();
        foreach (var (_, a) in created) _ = RiskService.FactorsJson(a);
        var end = Stopwatch.GetTimestamp();
        _versionJson += mid - side;
        _factorsJson += end - mid;
        _side += end - side;
        t = Stopwatch.GetTimestamp();
        m = Mark();

        await bulk.InsertAsync(db, created, now, $"import {run.Id}", ct);
        _insert += Lap(ref t);
        Charge(ref m, ref _insertCpu, ref _insertPg);
        db.ImportProblems.AddRange(bad.Select(p => new ImportProblem(run.Id, p.Line, p.Field, p.Code, p.Message)));
        run.CommitBatch(throughLine, created.Count, 0, 0, badLines);
        await db.SaveChangesAsync(ct);
        _save += Lap(ref t);
        Charge(ref m, ref _saveCpu, ref _savePg);
        await tx.CommitAsync(ct);
        _commit += Lap(ref t);
        Charge(ref m, ref _commitCpu, ref _commitPg);
        db.AuditCreatedLedgerRowsAsBatch = false;
        db.ChangeTracker.Clear();
        db.Attach(run);
        _tracker += Lap(ref t);
    }

    private TimeSpan? Pg(TimeSpan total) => ServerCpuKnown ? total : null;

    private bool ServerCpuKnown => Report.ProcessCpu(_backend) is not null;

    private (TimeSpan Ours, TimeSpan Server) Mark() =>
        (Process.GetCurrentProcess().TotalProcessorTime, Report.ProcessCpu(_backend) ?? TimeSpan.Zero);

    private void Charge(ref (TimeSpan Ours, TimeSpan Server) mark, ref TimeSpan ours, ref TimeSpan server)
    {
        var now = Mark();
        ours += now.Ours - mark.Ours;
        server += now.Server - mark.Server;
        mark = now;
    }

    private static long Lap(ref long t)
    {
        var now = Stopwatch.GetTimestamp();
        var d = now - t;
        t = now;
        return d;
    }
}
