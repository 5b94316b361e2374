using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wangge.Core.Businesses;
using Wangge.Core.Common;
using Wangge.Core.Risk;
using Wangge.Data;
using Wangge.Imports;

namespace Wangge.Businesses.Import;

/// <summary>
/// Loads histories kept by other systems in the LIVES layout (Local Inspector Value-Entry Specification:
/// businesses.csv, inspections.csv, optional violations.csv, in a zip or a folder). Businesses go through
/// the ledger import — so they are validated, placed and versioned like any other row — and inspections and
/// violations become supervision events, each keyed by its file line's content so a second load adds
/// nothing, and every business they touch is re-rated at once.
/// </summary>
/// <remarks>
/// LIVES was made for restaurant hygiene scores, so a business without our extension column <c>sector</c>
/// is taken as catering, and an inspection scoring below <see cref="PassingScore"/> (of 100) as failed.
/// Our extension type <c>spot_check</c> (also 抽检) marks official sampling. The feed's other files (feed_info.csv,
/// legend.csv, anything else) are not ours to read and are ignored.
/// </remarks>
public sealed class LivesImporter(WanggeDbContext db, BusinessImporter ledger, RiskService risk, JurisdictionClock clock, IOptions<ImportOptions> limits)
{
    public const int PassingScore = 60;
    public const string Source = "lives";

    /// <summary>The files of a LIVES feed that are read; the standard's others are ignored.</summary>
    public static readonly string[] FeedFiles = ["businesses.csv", "inspections.csv", "violations.csv"];

    public async Task<ImportReport> ImportZipAsync(string path, string fileName, CancellationToken ct)
    {
        var files = ReadFiles(path, limits.Value.MaxUnpackedBytes);
        if (!files.TryGetValue("businesses.csv", out var businesses))
            throw RuleViolation.Invalid("file", "lives_businesses_missing", $"{fileName} holds no businesses.csv; a LIVES feed needs it.");
        var inspections = files.GetValueOrDefault("inspections.csv") ?? [];
        var violations = files.GetValueOrDefault("violations.csv") ?? [];

        var temp = Path.Combine(Path.GetTempPath(), $"wangge-lives-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllTextAsync(temp, LedgerCsv(businesses, inspections, clock.Today), new UTF8Encoding(true), ct);
            var report = await ledger.ImportAsync(temp, $"{fileName}/businesses.csv", new BusinessImportOptions(), null, ct);
            var problems = report.Problems.Select(p => p with { Message = $"businesses.csv: {p.Message}" }).ToList();
            var (events, eventProblems) = await ImportEventsAsync(inspections, violations, ct);
            problems.AddRange(eventProblems);
            return report with { Problems = problems, Rejected = report.Rejected + eventProblems.Select(p => p.Line).Distinct().Count(), Events = events };
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<(int Added, List<ImportProblemView> Problems)> ImportEventsAsync(List<Dictionary<string, string>> inspections,
        List<Dictionary<string, string>> violations, CancellationToken ct)
    {
        var today = clock.Today;
        var problems = new List<ImportProblemView>();
        var pending = new List<(int Line, string Code, SupervisionEventKind Kind, DateOnly On, bool Failed, string Reference, string? Note)>();
        var violationDays = new HashSet<(string, DateOnly)>();
        var seen = new Dictionary<string, int>();
        foreach (var (row, i) in violations.Select((r, i) => (r, i)))
        {
            var line = i + 2;
            if (ControlCharacterIn(row) is { } column)
            {
                problems.Add(new ImportProblemView(line, column, "control_character", $"violations.csv: the column {column} holds a control character; remove it."));
                continue;
            }
            var code = row.GetValueOrDefault("business_id")?.Trim() ?? "";
            if (!TryDate(row.GetValueOrDefault("date"), out var on, today))
            {
                problems.Add(new ImportProblemView(line, "date", "date_invalid", $"violations.csv: '{row.GetValueOrDefault("date")}' is not a date (YYYYMMDD)."));
                continue;
            }
            violationDays.Add((code, on));
            var vcode = row.GetValueOrDefault("code")?.Trim();
            pending.Add((line, code, SupervisionEventKind.Violation, on, true, Reference("v", code, on, vcode, seen), row.GetValueOrDefault("description")));
        }
        foreach (var (row, i) in inspections.Select((r, i) => (r, i)))
        {
            var line = i + 2;
            if (ControlCharacterIn(row) is { } column)
            {
                problems.Add(new ImportProblemView(line, column, "control_character", $"inspections.csv: the column {column} holds a control character; remove it."));
                continue;
            }
            var code = row.GetValueOrDefault("business_id")?.Trim() ?? "";
            if (!TryDate(row.GetValueOrDefault("date"), out var on, today))
            {
                problems.Add(new ImportProblemView(line, "date", "date_invalid", $"inspections.csv: '{row.GetValueOrDefault("date")}' is not a date (YYYYMMDD)."));
                continue;
            }
            var type = row.GetValueOrDefault("type")?.Trim().ToLowerInvariant() ?? "";
            var kind = type is "spot_check" or "sampling" or "抽检" ? SupervisionEventKind.SpotCheck : SupervisionEventKind.Inspection;
            var scoreText = row.GetValueOrDefault("score")?.Trim();
            bool failed;
            if (string.IsNullOrEmpty(scoreText)) failed = violationDays.Contains((code, on));
            else if (double.TryParse(scoreText, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && score is >= 0 and <= 100)
                failed = score < PassingScore;
            else
            {
                problems.Add(new ImportProblemView(line, "score", "score_invalid", $"inspections.csv: score '{scoreText}' is not a number from 0 to 100."));
                continue;
            }
            pending.Add((line, code, kind, on, failed, Reference("i", code, on, type, seen), row.GetValueOrDefault("description")));
        }

        var codes = pending.Select(p => LedgerCode.TryParse(p.Code, out var c) ? c.Value : p.Code).Distinct().ToList();
        var businesses = await db.Businesses.Where(b => codes.Contains(b.CreditCode)).ToDictionaryAsync(b => b.CreditCode, ct);
        var known = await db.SupervisionEvents.AsNoTracking().Where(e => e.Source == Source).Select(e => e.Reference!).ToHashSetAsync(ct);
        var touched = new Dictionary<Guid, (Business Business, List<SupervisionFact> Facts)>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var p in pending)
        {
            if (known.Contains(p.Reference)) continue;
            var code = LedgerCode.TryParse(p.Code, out var c) ? c.Value : p.Code;
            if (!businesses.TryGetValue(code, out var business))
            {
                problems.Add(new ImportProblemView(p.Line, "business_id", "business_unknown",
                    $"{(p.Kind == SupervisionEventKind.Violation ? "violations" : "inspections")}.csv: business '{p.Code}' is not in your ledger."));
                continue;
            }
            var e = new SupervisionEvent(business.Id, p.Kind, p.On, p.Failed, p.Reference, p.Note, Source, clock.GetUtcNow(), db.Caller.Actor, today);
            db.SupervisionEvents.Add(e);
            if (p.Kind is SupervisionEventKind.Inspection or SupervisionEventKind.SpotCheck) business.NoteInspection(p.On);
            if (!touched.TryGetValue(business.Id, out var t)) touched[business.Id] = t = (business, []);
            t.Facts.Add(e.ToFact());
        }
        foreach (var (business, facts) in touched.Values)
            await risk.RateAsync(business, RatingTrigger.Event, "LIVES import", facts, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (touched.Values.Sum(t => t.Facts.Count), problems);
    }

    /// <summary>The first column holding NUL or another control character, which PostgreSQL cannot store (or stores unlike SQLite).</summary>
    private static string? ControlCharacterIn(Dictionary<string, string> row) =>
        row.FirstOrDefault(c => c.Value.Any(ch => char.IsControl(ch) && ch is not ('\t' or '\n' or '\r'))).Key;

    /// <summary>The same row content always gives the same reference; the n-th identical row gets its own.</summary>
    private static string Reference(string prefix, string code, DateOnly on, string? detail, Dictionary<string, int> seen)
    {
        var key = $"{prefix}:{code}:{on:yyyyMMdd}:{detail}";
        var n = seen[key] = seen.GetValueOrDefault(key) + 1;
        var reference = n == 1 ? key : $"{key}:{n}";
        return reference.Length > SupervisionEvent.MaxReferenceLength ? reference[..SupervisionEvent.MaxReferenceLength] : reference;
    }

    private static bool TryDate(string? text, out DateOnly date, DateOnly today)
    {
        var t = text?.Trim() ?? "";
        var ok = DateOnly.TryParseExact(t, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
                 || DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        return ok && date <= today && date.Year >= 1949;
    }

    /// <summary>businesses.csv rewritten with the ledger's own headers, line for line, so problems keep their line numbers.</summary>
    private static string LedgerCsv(List<Dictionary<string, string>> businesses, List<Dictionary<string, string>> inspections, DateOnly today)
    {
        var firstSeen = new Dictionary<string, string>();
        foreach (var i in inspections)
            if (i.GetValueOrDefault("business_id")?.Trim() is { Length: > 0 } id && i.GetValueOrDefault("date") is { Length: 8 } d
                && (!firstSeen.TryGetValue(id, out var f) || string.CompareOrdinal(d, f) < 0))
                firstSeen[id] = d;
        var sb = new StringBuilder();
        using var writer = new StringWriter(sb);
        using var csv = CsvWriter.Create(writer, null, leaveOpen: true);
        csv.WriteRecord(["code", "name", "address", "lon", "lat", "contactPhone", "legalRepresentative", "sectors", "openedOn"]);
        foreach (var b in businesses)
        {
            var id = b.GetValueOrDefault("business_id")?.Trim() ?? "";
            var address = string.Join(" ", new[] { b.GetValueOrDefault("address"), b.GetValueOrDefault("city") }.Where(s => !string.IsNullOrWhiteSpace(s)));
            var opened = b.GetValueOrDefault("application_date") is { Length: > 0 } a ? a
                : b.GetValueOrDefault("opened_on") is { Length: > 0 } o ? o
                : firstSeen.GetValueOrDefault(id) ?? today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            csv.WriteField(id);
            csv.WriteField(b.GetValueOrDefault("name"));
            csv.WriteField(address);
            csv.WriteField(b.GetValueOrDefault("longitude"));
            csv.WriteField(b.GetValueOrDefault("latitude"));
            csv.WriteField(b.GetValueOrDefault("phone_number"));
            csv.WriteField(b.GetValueOrDefault("owner_name"));
            csv.WriteField(b.GetValueOrDefault("sector") is { Length: > 0 } s ? s : LedgerLabels.Of(Sector.Catering));
            csv.WriteField(opened);
            csv.EndRecord();
        }
        csv.Flush();
        return sb.ToString();
    }

    private static bool IsFeedFile(string name) => FeedFiles.Contains(name, StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, List<Dictionary<string, string>>> ReadFiles(string path, long maxUnpacked)
    {
        var files = new Dictionary<string, List<Dictionary<string, string>>>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(path))
        {
            foreach (var f in Directory.EnumerateFiles(path, "*.csv").Where(f => IsFeedFile(Path.GetFileName(f)))) files[Path.GetFileName(f)] = ReadCsv(f);
            return files;
        }
        var folder = Path.Combine(Path.GetTempPath(), $"wangge-lives-{Guid.NewGuid():N}");
        try
        {
            using (var zip = ZipFile.OpenRead(path))
            {
                Directory.CreateDirectory(folder);
                var entries = zip.Entries.Where(e => IsFeedFile(e.Name)).ToList();
                // The sizes a zip declares can lie; the copy below is cut at the limit whatever they say.
                if (entries.Sum(e => e.Length) > maxUnpacked) throw Unpacked(maxUnpacked);
                foreach (var entry in entries)
                {
                    var target = Path.Combine(folder, entry.Name);
                    using (var source = entry.Open())
                    using (var copy = File.Create(target))
                        if (CopyAtMost(source, copy, maxUnpacked) > maxUnpacked) throw Unpacked(maxUnpacked);
                    files[entry.Name] = ReadCsv(target);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException && e is not FileNotFoundException)
        {
            throw RuleViolation.Invalid("file", "lives_not_zip",
                "A LIVES feed is a zip of CSV files (businesses.csv, inspections.csv, violations.csv); this file is not a readable zip.");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        return files;
    }

    private static RuleViolation Unpacked(long max) =>
        RuleViolation.Invalid("file", "file_too_large",
            $"The LIVES zip unpacks to more than {max / (1024 * 1024)} MB (setting Wangge:Imports:MaxUnpackedMegabytes).");

    private static long CopyAtMost(Stream source, Stream target, long max)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            total += read;
            if (total > max) return total;
            target.Write(buffer, 0, read);
        }
        return total;
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var file = TabularReader.Open(path, new TabularOptions());
        var headers = file.Headers.Select(h => h?.Trim().ToLowerInvariant() ?? "").ToArray();
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in file.Rows())
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < headers.Length && i < row.Cells.Count; i++) values[headers[i]] = row.Cells[i] ?? "";
            rows.Add(values);
        }
        return rows;
    }
}
