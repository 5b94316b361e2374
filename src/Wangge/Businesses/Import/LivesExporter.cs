using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Common;
using Wangge.Core.Businesses.Import;
using Wangge.Core.Risk;
using Wangge.Data;

namespace Wangge.Businesses.Import;

/// <summary>
/// Writes a grid's businesses and their inspection history in the LIVES layout, for systems that read it.
/// We record pass or fail, not a hygiene score, so inspections are written as 100 (passed) or 0 (failed);
/// spot checks carry our extension type <c>spot_check</c>. Read back by <see cref="LivesImporter"/>.
/// </summary>
public sealed class LivesExporter(WanggeDbContext db, BusinessService businesses, JurisdictionClock clock)
{
    public async Task<int> WriteZipAsync(string gridCode, Stream output, CancellationToken ct)
    {
        var grid = await businesses.CurrentGridAsync(gridCode, ct);
        var prefix = grid.ScopePathValue;
        var list = await db.Businesses.AsNoTracking().Where(b => b.ScopePathValue.StartsWith(prefix)).OrderBy(b => b.CreditCode).ToListAsync(ct);
        var codes = list.ToDictionary(b => b.Id, b => b.CreditCode);
        var events = await db.Businesses.AsNoTracking().Where(b => b.ScopePathValue.StartsWith(prefix))
            .Join(db.SupervisionEvents.AsNoTracking(), b => b.Id, e => e.BusinessId, (b, e) => e)
            .OrderBy(e => e.OccurredOn).ToListAsync(ct);

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Write(zip, "businesses.csv", ["business_id", "name", "address", "city", "state", "postal_code", "latitude", "longitude", "phone_number", "sector", "opened_on"],
            list.Select(b => new string?[]
            {
                b.CreditCode, b.Name, b.Address, grid.Name, null, null, Fmt(b.Location.Y), Fmt(b.Location.X), b.ContactPhone,
                Core.Businesses.LedgerLabels.Of(b.Sector), b.OpenedOn.ToString("yyyyMMdd"),
            }));
        Write(zip, "inspections.csv", ["business_id", "score", "date", "type", "description"],
            events.Where(e => e.Kind is SupervisionEventKind.Inspection or SupervisionEventKind.SpotCheck).Select(e => new string?[]
            {
                codes[e.BusinessId], e.Failed ? "0" : "100", e.OccurredOn.ToString("yyyyMMdd"),
                e.Kind == SupervisionEventKind.SpotCheck ? "spot_check" : "routine", e.Note,
            }));
        Write(zip, "violations.csv", ["business_id", "date", "code", "description"],
            events.Where(e => e.Kind == SupervisionEventKind.Violation).Select(e => new string?[]
            {
                codes[e.BusinessId], e.OccurredOn.ToString("yyyyMMdd"), e.Reference, e.Note,
            }));
        Write(zip, "feed_info.csv", ["feed_date", "feed_version", "municipality_name", "municipality_url", "contact_email"],
            [[clock.Today.ToString("yyyyMMdd"), "1.0", grid.Name, null, null]]);
        return list.Count;
    }

    private static string Fmt(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    private static void Write(ZipArchive zip, string name, string[] headers, IEnumerable<string?[]> rows)
    {
        using var stream = zip.CreateEntry(name).Open();
        using var csv = CsvWriter.Create(stream, null, leaveOpen: false);
        csv.WriteRecord(headers);
        // LIVES allows no line breaks inside a field.
        foreach (var row in rows) csv.WriteRecord(row.Select(c => FormulaGuard.Guard(c?.Replace('\n', ' ').Replace('\r', ' ') ?? "")).ToArray());
        csv.Flush();
    }
}
