using System.CommandLine;
using Spectre.Console;
using Wangge.Businesses.Import;
using Wangge.Core.Common;
using Wangge.Hosting;

namespace Wangge.Businesses;

/// <summary>
/// wangge import businesses FILE [--mapping FILE] [--encoding gbk] [--gcj02] [--format ledger|lives]
/// wangge export ledger --grid CODE --format xlsx|csv [--out FILE]      wangge export lives --grid CODE --out FILE.zip
/// wangge risk rerate
/// </summary>
public static class LedgerCommands
{
    public static Command Import()
    {
        var command = new Command("import", "Load data files into the platform.");
        var file = new Argument<FileInfo>("file") { Description = "CSV or XLSX ledger file; with --format lives, a zip or folder of LIVES CSV files." };
        var mapping = new Option<FileInfo?>("--mapping") { Description = "JSON column mapping: {\"columns\": {\"企业名称\": \"name\", …}}." };
        var encoding = new Option<string?>("--encoding") { Description = "Text encoding of a CSV: utf-8, gbk, gb18030, utf-16 (default: detected)." };
        var gcj02 = new Option<bool>("--gcj02") { Description = "Coordinates are GCJ-02 (Chinese web maps and phones) and are converted to WGS-84." };
        var sheet = new Option<string?>("--sheet") { Description = "XLSX sheet to read (default: the first)." };
        var format = new Option<string>("--format") { Description = "ledger (default) or lives.", DefaultValueFactory = _ => "ledger" };
        var batch = new Option<int>("--batch-size") { Description = "Rows saved per all-or-nothing batch.", DefaultValueFactory = _ => BusinessImporter.DefaultBatchSize };
        var businesses = new Command("businesses", "Import businesses into the ledger: bad rows are reported by line, good rows saved in resumable batches.")
            { file, mapping, encoding, gcj02, sheet, format, batch };
        businesses.SetAction(async (parse, ct) =>
        {
            var settings = HostSettings.From(parse, "wangge.db", false);
            await using var services = CliServices.Create(settings);
            await DatabaseSetup.MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var path = parse.GetValue(file)!;
            if (!path.Exists && !Directory.Exists(path.FullName)) { Console.Error.WriteLine($"error: {path.FullName} does not exist."); return 2; }
            try
            {
                ImportReport report;
                if (string.Equals(parse.GetValue(format), "lives", StringComparison.OrdinalIgnoreCase))
                    report = await scope.ServiceProvider.GetRequiredService<LivesImporter>().ImportZipAsync(path.FullName, path.Name, ct);
                else
                {
                    var map = parse.GetValue(mapping) is { } m ? await File.ReadAllTextAsync(m.FullName, ct) : null;
                    var options = new BusinessImportOptions(map, parse.GetValue(encoding), parse.GetValue(gcj02), parse.GetValue(sheet), parse.GetValue(batch));
                    var importer = scope.ServiceProvider.GetRequiredService<BusinessImporter>();
                    report = await WithProgress(path, (p, c) => importer.ImportAsync(path.FullName, path.Name, options, p, c), ct);
                }
                return Print(report);
            }
            catch (RuleViolation e)
            {
                Console.Error.WriteLine($"error: {path.Name}: {(e.Field is null ? "" : e.Field + ": ")}{e.Message}");
                return 2;
            }
        });
        command.Subcommands.Add(businesses);
        return command;
    }

    public static Command Export()
    {
        var command = new Command("export", "Write data out of the platform.");
        var grid = new Option<string>("--grid") { Description = "Grid code: its ledger and, below a bottom grid, one sheet per bottom grid.", Required = true };
        var format = new Option<string>("--format") { Description = "xlsx (default) or csv.", DefaultValueFactory = _ => "xlsx" };
        var output = new Option<FileInfo?>("--out") { Description = "Output file (default: ledger-CODE.xlsx|csv in the current directory)." };
        var ledger = new Command("ledger", "Export the ledger of a grid (经济户口台帐): one sheet per bottom grid and a summary.") { grid, format, output };
        ledger.SetAction(async (parse, ct) =>
        {
            var settings = HostSettings.From(parse, "wangge.db", false);
            await using var services = CliServices.Create(settings);
            await DatabaseSetup.MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var code = parse.GetValue(grid)!;
            var fmt = parse.GetValue(format)!.ToLowerInvariant();
            var path = parse.GetValue(output)?.FullName ?? Path.GetFullPath($"ledger-{code}.{fmt}");
            try
            {
                await using var stream = File.Create(path);
                var rows = await scope.ServiceProvider.GetRequiredService<LedgerExport>().WriteAsync(code, fmt, stream, ct);
                Console.WriteLine($"Wrote {rows} business(es) to {path}.");
                return 0;
            }
            catch (RuleViolation e)
            {
                File.Delete(path);
                Console.Error.WriteLine($"error: {(e.Field is null ? "" : e.Field + ": ")}{e.Message}");
                return 2;
            }
        });
        command.Subcommands.Add(ledger);
        var livesGrid = new Option<string>("--grid") { Description = "Grid code whose businesses and history are exported.", Required = true };
        var livesOut = new Option<FileInfo>("--out") { Description = "The zip file to write.", Required = true };
        var lives = new Command("lives", "Export businesses, inspections and violations in the LIVES layout (a zip of CSV files).") { livesGrid, livesOut };
        lives.SetAction(async (parse, ct) =>
        {
            var settings = HostSettings.From(parse, "wangge.db", false);
            await using var services = CliServices.Create(settings);
            await DatabaseSetup.MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var path = parse.GetValue(livesOut)!.FullName;
            try
            {
                await using var stream = File.Create(path);
                var n = await scope.ServiceProvider.GetRequiredService<LivesExporter>().WriteZipAsync(parse.GetValue(livesGrid)!, stream, ct);
                Console.WriteLine($"Wrote {n} business(es) to {path}.");
                return 0;
            }
            catch (RuleViolation e)
            {
                File.Delete(path);
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        command.Subcommands.Add(lives);
        return command;
    }

    public static Command Risk()
    {
        var command = new Command("risk", "Risk classes of the ledger.");
        var rerate = new Command("rerate", "Re-rate every business with the current rules (after a change of weights or thresholds).");
        rerate.SetAction(async (parse, ct) =>
        {
            var settings = HostSettings.From(parse, "wangge.db", false);
            await using var services = CliServices.Create(settings);
            await DatabaseSetup.MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<RiskRerater>().RerateAllAsync("rerate command", ct);
            Console.WriteLine($"Rated {result.Rated} business(es): {result.ScoreChanged} score(s) changed, {result.ClassChanged} class(es) changed, in {result.Elapsed.TotalSeconds:F1} s.");
            return 0;
        });
        command.Subcommands.Add(rerate);
        return command;
    }

    private static async Task<ImportReport> WithProgress(FileInfo path, Func<IProgress<ImportProgress>, CancellationToken, Task<ImportReport>> run,
        CancellationToken ct)
    {
        // Scripts and logs get one line per committed batch instead of a bar.
        if (Console.IsOutputRedirected)
            return await run(new SyncProgress(p => Console.WriteLine(
                $"committed: {p.Lines:N0} rows read, {p.Created:N0} new, {p.Updated:N0} changed, {p.Unchanged:N0} unchanged, {p.Rejected:N0} refused")), ct);
        ImportReport? report = null;
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                // A CSV's line count is a cheap upper bound of its rows (quoted newlines only make it larger);
                // an XLSX's is not known before reading, so its bar moves by batches.
                var lines = path.Extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase) ? 0 : CountLines(path.FullName);
                var task = ctx.AddTask(path.Name, maxValue: Math.Max(1, lines));
                if (lines == 0) task.IsIndeterminate = true;
                var progress = new SyncProgress(p =>
                {
                    task.Description = $"{path.Name}: {p.Lines:N0} rows, {p.Created:N0} new, {p.Updated:N0} changed, {p.Rejected:N0} refused";
                    if (lines > 0) task.Value = Math.Min(lines, p.Lines);
                });
                report = await run(progress, ct);
                task.Value = 100;
            });
        return report!;
    }

    private static long CountLines(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        long count = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0) count += buffer.AsSpan(0, n).Count((byte)'\n');
        return count;
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    private static int Print(ImportReport report)
    {
        foreach (var p in report.Problems) Console.Error.WriteLine($"line {p.Line}: {p.Field}: {p.Message} [{p.Code}]");
        if (report.Resumed) Console.WriteLine($"Resumed run {report.RunId} after line {report.ResumedAfterLine}.");
        Console.WriteLine($"{report.FileName}: {report.Lines:N0} row(s) read{(report.Encoding.Length > 0 ? $" ({report.Encoding})" : "")}: " +
                          $"{report.Created:N0} new, {report.Updated:N0} changed, {report.Unchanged:N0} unchanged, {report.Rejected:N0} refused, " +
                          $"in {report.Batches} batch(es).");
        return report.Rejected > 0 ? 1 : 0;
    }
}
