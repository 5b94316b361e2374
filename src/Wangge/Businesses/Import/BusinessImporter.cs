using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wangge.Core.Businesses;
using Wangge.Core.Businesses.Import;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Core.Imports;
using Wangge.Core.Risk;
using Wangge.Data;
using Wangge.Imports;
using Wangge.Data.Common;

namespace Wangge.Businesses.Import;

public sealed record BusinessImportOptions(string? MappingJson = null, string? Encoding = null, bool Gcj02 = false, string? Sheet = null,
    int BatchSize = BusinessImporter.DefaultBatchSize);

/// <summary>A refused row; <see cref="Arguments"/> are the values <see cref="Message"/> names, for a page to say it in its own language.</summary>
public sealed record ImportProblemView(int Line, string Field, string Code, string Message)
{
    public IReadOnlyList<string> Arguments { get; init; } = [];
}

public sealed record ImportProgress(int Lines, int Created, int Updated, int Unchanged, int Rejected);

/// <summary>What an import did. <see cref="Problems"/> lists every refused row with its line (capped in the API answer).</summary>
public sealed record ImportReport(Guid RunId, string FileName, ImportStatus Status, bool Resumed, int ResumedAfterLine, string Encoding,
    int Lines, int Created, int Updated, int Unchanged, int Rejected, int Batches, IReadOnlyList<ImportProblemView> Problems, int Events = 0);

/// <summary>
/// Loads a ledger file row by row: each row parsed and validated on its own, placed in its grid, and saved
/// with the other good rows of its batch in one transaction together with the run's checkpoint. A second
/// run of the same file finds every row unchanged; a run that died part-way is resumed after its last
/// committed batch. The whole file is read once before anything is saved, so a file that cannot be read to its end
/// (another encoding from line 10,001 on, a quote never closed, a row too wide) is refused with nothing saved; a
/// run that fails once saving has begun ends Failed with its reason.
/// </summary>
public sealed class BusinessImporter(WanggeDbContext db, RiskService risk, RiskScorer scorer, LedgerBulkWriter bulk, JurisdictionClock clock,
    IOptions<ImportOptions> limits)
{
    public const int DefaultBatchSize = 5000;
    public const string Kind = "businesses";

    private DateOnly Today => clock.Today;

    public async Task<ImportReport> ImportAsync(string path, string fileName, BusinessImportOptions options, IProgress<ImportProgress>? progress,
        CancellationToken ct)
    {
        if (options.BatchSize is < 1 or > 100_000) throw RuleViolation.Invalid("batchSize", "batch_size_invalid", "batchSize is 1–100000.");
        var mapping = options.MappingJson is null ? ColumnMapping.Default : ColumnMapping.FromJson(options.MappingJson);
        var parts = OpenParts(path, fileName, options, mapping, limits.Value.MaxColumns);
        try { ReadThrough(parts, ct); }
        catch { foreach (var part in parts) part.File.Dispose(); throw; }
        var placer = await GridPlacer.LoadAsync(db, ct);

        var (run, resumed) = await StartRunAsync(fileName, parts[0].File.Sha256, ct);
        var resumeAfter = run.CommittedThroughLine;
        var duplicates = new InFileDuplicates();
        var good = new List<PendingRow>(options.BatchSize);
        var bad = new List<RowProblem>();
        var badLines = 0;
        var lines = 0;
        var lastPosition = parts[0].File.HeaderLine;
        // Batches go to the writers in turn, each writer a transaction on its own connection: on PostgreSQL one batch
        // is read and checked while the two before it are being written, so the database works on two cores and
        // our process on the rest. Commits stay in file order (see FlushAsync), so the checkpoint never passes a
        // batch that is not saved. SQLite has a single writer.
        var writers = new List<Writer> { new(db, risk, run.Id, run) };
        if (db.IsPostgres) writers.Add(Writer.Beside(db, risk, run.Id));
        Task? previous = null;
        var handedOver = 0;
        var progressLock = new Lock();
        void Committed(ImportRun committed)
        {
            lock (progressLock)
                progress?.Report(new ImportProgress(lines, committed.Created, committed.Updated, committed.Unchanged, committed.Rejected));
        }
        async Task HandOverAsync(ResolvedColumns columns)
        {
            var writer = writers[handedOver++ % writers.Count];
            if (writer.InFlight is { } busy) await busy;
            var (batch, problems, refused, through) = (good, bad, badLines, lastPosition);
            good = new List<PendingRow>(options.BatchSize);
            bad = [];
            badLines = 0;
            previous = writer.InFlight = FlushAsync(writer, columns, batch, problems, refused, through, previous, Committed, ct);
        }
        try
        {
            foreach (var (part, index) in parts.Select((p, i) => (p, i)))
            {
                var parser = new LedgerRowParser(part.Columns, new LedgerParseOptions(Today, options.Gcj02, Gcj02ToWgs84: Geo.Crs.Gcj02.ToWgs84));
                // A workbook's sheets are read one after another; a row's position orders them for the checkpoint.
                var offset = index * SheetStride;
                var where = parts.Count > 1 ? $"{part.File.Sheet}: " : "";
                foreach (var row in part.File.Rows())
                {
                    ct.ThrowIfCancellationRequested();
                    var result = row.Problem is null ? parser.Parse(row.Line, row.Cells) : RowResult.Refused(row.Line, [row.Problem], null);
                    if (result.IsBlank) continue;
                    lines++;
                    var position = offset + row.Line;
                    lastPosition = position;
                    var problems = result.Problems.ToList();
                    BusinessFacts? facts = result.Facts;
                    if (facts is not null && duplicates.Check(position, facts.Code.Value) is { } dup) { problems.Add(dup with { Line = row.Line }); facts = null; }
                    // Rows up to the checkpoint are parsed again only so that in-file duplicates are still recognised.
                    if (position <= resumeAfter) continue;
                    Grid? grid = null;
                    if (facts is not null)
                    {
                        grid = placer.Locate(facts.Lon, facts.Lat);
                        if (grid is null)
                            problems.Add(new RowProblem(row.Line, "lon", "outside_jurisdiction",
                                $"({facts.Lon}, {facts.Lat}) lies in no grid of this jurisdiction."));
                        else if (!db.Caller.Covers(grid.ScopePathValue))
                            problems.Add(new RowProblem(row.Line, "lon", "outside_your_area",
                                $"({facts.Lon}, {facts.Lat}) lies in grid {grid.Code}, outside your part of the grid."));
                    }
                    if (problems.Count > 0) { bad.AddRange(problems.Select(p => p with { Message = where + p.Message })); badLines++; }
                    else good.Add(new PendingRow(row.Line, facts!, grid!));
                    if (good.Count + badLines >= options.BatchSize) await HandOverAsync(part.Columns);
                }
                if (good.Count + badLines > 0) await HandOverAsync(part.Columns);
            }
            if (previous is not null) await previous;
            foreach (var w in writers) w.InFlight = null;
            // The counters as the last batch committed them, whichever writer that was.
            await db.Entry(run).ReloadAsync(ct);
            if (lastPosition > run.CommittedThroughLine)
                await FlushAsync(writers[0], parts[^1].Columns, good, bad, 0, lastPosition, null, Committed, ct);
            run.Complete(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            Committed(run);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await FailAsync(run.Id, e, writers);
            throw;
        }
        finally
        {
            // Batches still being saved when reading failed must end before their contexts go away.
            foreach (var w in writers)
                if (w.InFlight is { } busy)
                    try { await busy; }
                    catch (Exception) { /* the failure that brought us here is the one to report */ }
            db.AuditCreatedLedgerRowsAsBatch = false;
            foreach (var w in writers.Skip(1)) await w.Db.DisposeAsync();
            foreach (var part in parts) part.File.Dispose();
        }
        return await ReportAsync(run, resumed, resumeAfter, parts[0].File.DetectedEncoding, lines, int.MaxValue, ct);
    }

    /// <summary>
    /// Reads every row of the file once without saving anything: whatever makes the file unreadable further down (bytes
    /// of another encoding, a quote that is never closed, a row too wide, a broken workbook) refuses it before the first
    /// batch is saved rather than after.
    /// </summary>
    private static void ReadThrough(List<Part> parts, CancellationToken ct)
    {
        foreach (var part in parts)
        {
            var n = 0;
            foreach (var _ in part.File.Rows())
                if (++n % 10_000 == 0) ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// A run that failed after it started ends Failed with its reason, so its state says what was saved: the batches
    /// committed before the failure, no more. (A killed process cannot do this; its run stays Running and is resumed.)
    /// </summary>
    private async Task FailAsync(Guid runId, Exception e, List<Writer> writers)
    {
        foreach (var w in writers)
            if (w.InFlight is { } busy)
                try { await busy; }
                catch (Exception) { /* the first failure is the one recorded */ }
        foreach (var w in writers) w.InFlight = null;
        try
        {
            db.ChangeTracker.Clear();
            var run = await db.ImportRuns.SingleAsync(r => r.Id == runId, CancellationToken.None);
            run.Fail(e is RuleViolation v ? $"{v.Code}: {v.Message}" : $"{e.GetType().Name}: {e.Message}", clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            // The database that failed the import may refuse this too; the run then stays Running and is resumed.
        }
    }

    /// <summary>Positions of rows on the n-th sheet start at n × this (a sheet has at most 1,048,576 rows).</summary>
    private const int SheetStride = 2_000_000;

    private sealed record Part(TabularFile File, ResolvedColumns Columns);

    /// <summary>
    /// A CSV, or a named sheet, is one part. A workbook without a sheet named is read sheet by sheet, every sheet
    /// whose header names the ledger's columns (an exported ledger: one sheet per grid, the summary skipped).
    /// </summary>
    private static List<Part> OpenParts(string path, string fileName, BusinessImportOptions options, ColumnMapping mapping, int maxColumns)
    {
        if (options.Sheet is not null || TabularReader.FormatOf(fileName) != TabularFormat.Xlsx)
        {
            var file = TabularReader.Open(path, new TabularOptions(options.Encoding, options.Sheet, mapping, maxColumns), fileName);
            try { return [new Part(file, mapping.Resolve(file.Headers))]; }
            catch { file.Dispose(); throw; }
        }
        var parts = new List<Part>();
        RuleViolation? first = null;
        IReadOnlyList<string> sheets;
        using (var workbook = File.OpenRead(path)) sheets = XlsxRecords.SheetNames(workbook, Path.GetFileName(fileName));
        foreach (var sheet in sheets)
        {
            // A sheet whose head names no ledger column at all (the summary) is skipped like one that lacks some.
            TabularFile? file = null;
            try
            {
                file = TabularReader.Open(path, new TabularOptions(options.Encoding, sheet, mapping, maxColumns), fileName);
                parts.Add(new Part(file, mapping.Resolve(file.Headers)));
            }
            catch (RuleViolation v)
            {
                file?.Dispose();
                first ??= v;
            }
        }
        return parts.Count > 0 ? parts : throw first ?? RuleViolation.Invalid("file", "file_empty", $"{fileName} has no sheets.");
    }

    public async Task<ImportReport> ReportAsync(Guid runId, int maxProblems, CancellationToken ct)
    {
        var run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct) ?? throw RuleViolation.NotFound($"Import {runId}");
        return await ReportAsync(run, false, 0, "", 0, maxProblems, ct);
    }

    private async Task<ImportReport> ReportAsync(ImportRun run, bool resumed, int resumeAfter, string encoding, int lines, int maxProblems, CancellationToken ct)
    {
        var problems = await db.ImportProblems.AsNoTracking().Where(p => p.RunId == run.Id).OrderBy(p => p.Line).ThenBy(p => p.Id)
            .Take(maxProblems).ToListAsync(ct);
        var views = problems.Select(p => new ImportProblemView(p.Line, p.Field, p.Code, p.Message) { Arguments = p.ArgumentList() }).ToList();
        return new ImportReport(run.Id, run.FileName, run.Status, resumed, resumeAfter, encoding,
            lines == 0 ? run.Created + run.Updated + run.Unchanged + run.Rejected : lines,
            run.Created, run.Updated, run.Unchanged, run.Rejected, run.Batches, views);
    }

    /// <summary>An unfinished run of the same file by the same part of the grid is resumed; anything else starts afresh.</summary>
    private async Task<(ImportRun Run, bool Resumed)> StartRunAsync(string fileName, string sha, CancellationToken ct)
    {
        var scope = db.Caller.SeesAll ? "" : db.Caller.Scope.Value;
        var unfinished = await db.ImportRuns.Where(r => r.Kind == Kind && r.FileSha256 == sha && r.Status == ImportStatus.Running
                                                        && r.ScopePathValue == scope)
            .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        if (unfinished is not null) return (unfinished, true);
        var run = new ImportRun(Guid.CreateVersion7(), Kind, Path.GetFileName(fileName), sha, db.Caller.Actor, scope, clock.GetUtcNow());
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return (run, false);
    }

    /// <summary>A context (and its connection), the risk rules bound to it, its own tracked copy of the run, and its batch in flight.</summary>
    private sealed class Writer(WanggeDbContext db, RiskService risk, Guid runId, ImportRun? run)
    {
        public WanggeDbContext Db { get; } = db;
        public RiskService Risk { get; } = risk;
        public Guid RunId { get; } = runId;
        public Task? InFlight { get; set; }

        public static Writer Beside(WanggeDbContext db, RiskService risk, Guid runId)
        {
            var sibling = db.CreateSibling();
            return new Writer(sibling, risk.For(sibling), runId, null);
        }

        /// <summary>The run as committed so far, read inside this writer's transaction once the batch before has committed.</summary>
        public async Task<ImportRun> CurrentRunAsync(CancellationToken ct)
        {
            if (run is null) run = await Db.ImportRuns.SingleAsync(r => r.Id == RunId, ct);
            else await Db.Entry(run).ReloadAsync(ct);
            return run;
        }
    }

    /// <summary>
    /// Saves one batch in one transaction: its new and changed businesses, its refused rows and the run's checkpoint.
    /// The heavy part runs at once; the checkpoint waits for <paramref name="predecessor"/> (the batch before, on the
    /// other writer) to commit, so batches commit in file order and a failure of one rolls back the ones after it.
    /// </summary>
    private async Task FlushAsync(Writer writer, ResolvedColumns columns, List<PendingRow> good, List<RowProblem> bad, int badLines,
        int throughLine, Task? predecessor, Action<ImportRun> committed, CancellationToken ct)
    {
        var db = writer.Db;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AuditCreatedLedgerRowsAsBatch = true;
        // A batch of thousands of rows can outlast the default 30 s on a busy server; it is one transaction either way.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        // A batch need not wait for its commit to reach the disk: the run's checkpoint is in the same transaction, so
        // a server crash loses the last batches together with their checkpoint and the next run redoes them.
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off", ct);
        var note = $"import {writer.RunId}";
        var codes = good.Select(g => g.Facts.Code.Value).ToList();
        // Which codes exist is asked first, cheaply; whole records (with licences) are loaded only for those.
        var known = codes.Count == 0 ? [] : await db.Businesses.Unscoped(UnscopedReason.UniqueKey).Where(b => codes.Contains(b.CreditCode))
            .Select(b => b.CreditCode).ToListAsync(ct);
        var existing = known.Count == 0 ? [] : await db.Businesses.Unscoped(UnscopedReason.UniqueKey).Where(b => known.Contains(b.CreditCode))
            .ToDictionaryAsync(b => b.CreditCode, ct);
        var created = new List<(Business Business, RiskAssessment Rating)>();
        int updated = 0, unchanged = 0, rejected = badLines;
        var now = clock.GetUtcNow();
        foreach (var row in good)
        {
            var point = BusinessService.PointOf(row.Facts.Lon, row.Facts.Lat);
            if (existing.TryGetValue(row.Facts.Code.Value, out var business))
            {
                if (!db.Caller.Covers(business.ScopePathValue))
                {
                    bad.Add(new RowProblem(row.Line, "code", "business_outside_your_area",
                        $"{row.Facts.Code} is in the ledger of another part of the grid; only that part can change it."));
                    rejected++;
                    db.Entry(business).State = EntityState.Detached;
                    continue;
                }
                try
                {
                    if (!business.Apply(KeepAbsentColumns(row.Facts, business, columns), point)) { unchanged++; continue; }
                }
                catch (RuleViolation v)
                {
                    db.Entry(business).Reload();
                    bad.Add(new RowProblem(row.Line, v.Field ?? "", v.Code, v.Message));
                    rejected++;
                    continue;
                }
                if (business.GridId != row.Grid.Id) business.PlaceIn(row.Grid);
                await writer.Risk.RateAsync(business, RatingTrigger.RecordChanged, note, [], ct);
                updated++;
            }
            else
            {
                business = Business.From(Guid.CreateVersion7(), row.Facts, point);
                business.PlaceIn(row.Grid);
                var rating = scorer.Assess(InitialProfile(business), Today);
                business.Rate(rating, now);
                created.Add((business, rating));
            }
        }
        await bulk.InsertAsync(db, created, now, note, ct);

        if (predecessor is not null) await predecessor;
        var run = await writer.CurrentRunAsync(ct);
        db.ImportProblems.AddRange(bad.Select(p => new ImportProblem(run.Id, p.Line, p.Field, p.Code, p.Message, p.Arguments)));
        run.CommitBatch(throughLine, created.Count, updated, unchanged, rejected);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.AuditCreatedLedgerRowsAsBatch = false;
        db.ChangeTracker.Clear();
        db.Attach(run);
        committed(run);
    }

    /// <summary>
    /// A file that lacks a column says nothing about that field, so an existing record keeps its value; a column
    /// present with an empty cell does clear it.
    /// </summary>
    private static BusinessFacts KeepAbsentColumns(BusinessFacts f, Business b, ResolvedColumns columns) => f with
    {
        Kind = columns.Has(LedgerField.Kind) ? f.Kind : b.Kind,
        Scale = columns.Has(LedgerField.Scale) ? f.Scale : b.Scale,
        KeyIndustry = columns.Has(LedgerField.KeyIndustry) ? f.KeyIndustry : b.KeyIndustry,
        LegalRepresentative = columns.Has(LedgerField.LegalRepresentative) ? f.LegalRepresentative : b.LegalRepresentative,
        ContactPerson = columns.Has(LedgerField.ContactPerson) ? f.ContactPerson : b.ContactPerson,
        ContactPhone = columns.Has(LedgerField.ContactPhone) ? f.ContactPhone : b.ContactPhone,
        Status = columns.Has(LedgerField.Status) ? f.Status : b.Status,
        StatusSince = columns.Has(LedgerField.StatusSince) ? f.StatusSince : b.StatusSince,
        Licences = columns.Has(LedgerField.LicenceNumber) ? f.Licences
            : b.Licences.Select(l => new LicenceFacts(l.Kind, l.Number, l.Scope, l.IssuedOn, l.ExpiresOn)).ToList(),
    };

    public static RiskProfile InitialProfile(Business b) =>
        new(b.Sectors, b.Scale, b.KeyIndustry, [], b.Licences.Select(l => new LicenceFact(l.Kind, l.ExpiresOn)).ToList(), b.LastInspectedOn, b.OpenedOn);

    private sealed record PendingRow(int Line, BusinessFacts Facts, Grid Grid);
}
