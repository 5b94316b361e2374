using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Wangge.Core.Common;
using Wangge.Core.Businesses;
using Wangge.Core.Businesses.Import;
using Wangge.Core.Grids;
using Wangge.Data;

namespace Wangge.Businesses;

/// <summary>
/// Writes the ledger of a grid as a grid team prints it: one sheet per bottom grid, led by a summary sheet
/// (XLSX), or one CSV with the grid in a column. Headers and values are the Chinese ones the import reads,
/// so an exported ledger can be edited in a spreadsheet and imported back.
/// </summary>
public sealed class LedgerExport(WanggeDbContext db, BusinessService businesses, JurisdictionClock clock)
{
    public const string SummarySheet = "汇总";
    public const string UnplacedSheet = "未入格";

    public async Task<int> WriteAsync(string gridCode, string format, Stream output, CancellationToken ct)
    {
        if (format is not ("xlsx" or "csv"))
            throw Core.Common.RuleViolation.Invalid("format", "format_unknown", $"'{format}' is not an export format: xlsx or csv.");
        var grid = await businesses.CurrentGridAsync(gridCode, ct, "code");
        var prefix = grid.ScopePathValue;
        var bottoms = await db.Grids.AsNoTracking()
            .Where(g => g.ValidTo == null && g.Level == GridLevelKind.Grid && g.ScopePathValue.StartsWith(prefix))
            .OrderBy(g => g.Code).Select(g => new { g.Id, g.Code, g.Name }).ToListAsync(ct);
        var list = await db.Businesses.AsNoTracking().Where(b => b.ScopePathValue.StartsWith(prefix))
            .OrderBy(b => b.Name).ThenBy(b => b.CreditCode).ToListAsync(ct);
        var today = clock.Today;
        var byGrid = list.ToLookup(b => b.GridId);
        if (format == "csv")
        {
            var names = bottoms.ToDictionary(g => g.Id, g => (g.Code, g.Name));
            await WriteCsvAsync(list.Select(b => Row(b, today, b.GridId is { } id && names.TryGetValue(id, out var n) ? n : null)), output, ct);
            return list.Count;
        }
        var summary = bottoms.Select(g => Summary(g.Code, g.Name, byGrid[g.Id], today)).ToList();
        // The total covers every business of the node, the unplaced included.
        summary.Add(Summary("", $"合计（{grid.Name}）", list, today));
        var sheets = new Dictionary<string, object> { [SummarySheet] = summary };
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { SummarySheet };
        foreach (var g in bottoms)
            sheets[SheetName($"{g.Code} {g.Name}", used)] = Rows(byGrid[g.Id], today, (g.Code, g.Name));
        if (byGrid[null].Any()) sheets[SheetName(UnplacedSheet, used)] = Rows(byGrid[null], today, null);
        await output.SaveAsAsync(sheets, cancellationToken: ct);
        return list.Count;
    }

    private static List<Dictionary<string, object?>> Rows(IEnumerable<Business> list, DateOnly today, (string Code, string Name)? grid)
    {
        var rows = list.Select(b => Row(b, today, grid)).ToList();
        // MiniExcel takes the header from the first row; an empty grid still prints its column heads.
        return rows.Count > 0 ? rows : [Columns.ToDictionary(c => c, _ => (object?)null)];
    }

    private static readonly string[] Columns =
    [
        "网格编码", "网格名称", "统一社会信用代码", "名称", "主体类型", "行业", "规模", "重点行业", "法定代表人", "联系人", "联系电话", "地址",
        "经度", "纬度", "经营状态", "成立日期", "状态日期", "许可证类型", "许可证号", "许可范围", "发证日期", "有效期至", "证照状态",
        "风险等级", "食品风险等级", "风险分值",
    ];

    private static Dictionary<string, object?> Row(Business b, DateOnly today, (string Code, string Name)? grid)
    {
        var licences = b.Licences;
        var worst = licences.Count == 0 ? (LicenceState?)null : b.LicenceStateOn(today);
        return new Dictionary<string, object?>
        {
            ["网格编码"] = grid?.Code,
            ["网格名称"] = grid?.Name,
            ["统一社会信用代码"] = b.CreditCode,
            ["名称"] = b.Name,
            ["主体类型"] = LedgerLabels.Of(b.Kind),
            ["行业"] = string.Join("、", b.Sectors.ToList().OrderBy(s => s != b.Sector).Select(s => LedgerLabels.Of(s))),
            ["规模"] = LedgerLabels.Of(b.Scale),
            ["重点行业"] = b.KeyIndustry ? "是" : "否",
            ["法定代表人"] = b.LegalRepresentative,
            ["联系人"] = b.ContactPerson,
            ["联系电话"] = b.ContactPhone,
            ["地址"] = b.Address,
            ["经度"] = Math.Round(b.Location.X, 6),
            ["纬度"] = Math.Round(b.Location.Y, 6),
            ["经营状态"] = LedgerLabels.Of(b.Status),
            ["成立日期"] = b.OpenedOn.ToString("yyyy-MM-dd"),
            ["状态日期"] = b.StatusSince?.ToString("yyyy-MM-dd"),
            ["许可证类型"] = Join(licences.Select(l => LedgerLabels.Of(l.Kind))),
            ["许可证号"] = Join(licences.Select(l => l.Number)),
            ["许可范围"] = Join(licences.Select(l => l.Scope ?? "")),
            ["发证日期"] = Join(licences.Select(l => l.IssuedOn?.ToString("yyyy-MM-dd") ?? "")),
            ["有效期至"] = Join(licences.Select(l => l.ExpiresOn?.ToString("yyyy-MM-dd") ?? "")),
            ["证照状态"] = worst is { } w ? LedgerLabels.Of(w) : null,
            ["风险等级"] = LedgerLabels.Of(b.EffectiveClassOn(today)),
            ["食品风险等级"] = LedgerLabels.Of(b.FoodRisk),
            ["风险分值"] = b.RiskScore,
        };
    }

    private static string? Join(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count == 0 ? null : string.Join(";", list);
    }

    private static Dictionary<string, object?> Summary(string code, string name, IEnumerable<Business> list, DateOnly today)
    {
        var items = list.ToList();
        var row = new Dictionary<string, object?>
        {
            ["网格编码"] = code,
            ["网格名称"] = name,
            ["主体总数"] = items.Count,
        };
        // The words and counts of the ledger page (LedgerCountRules), so the printed summary and the screen agree.
        foreach (var s in Enum.GetValues<BusinessStatus>()) row[LedgerLabels.Of(s)] = items.Count(b => b.Status == s);
        row[LedgerLabels.KeyFirms] = items.Count(b => LedgerCountRules.IsKeyFirm(b.Status, b.KeyIndustry));
        foreach (var s in Enum.GetValues<Sector>()) row[LedgerLabels.Of(s)] = items.Count(b => b.Sectors.Contains(s));
        var supervised = items.Where(b => LedgerCountRules.IsSupervised(b.Status)).ToList();
        foreach (var c in Enum.GetValues<Core.Risk.RiskClass>()) row[LedgerLabels.Of(c)] = supervised.Count(b => b.EffectiveClassOn(today) == c);
        // Each business counted once, by its worst licence, as the ledger rollup counts it.
        var worst = items.Select(b => b.LicenceStateOn(today)).ToList();
        row["许可证过期"] = worst.Count(s => s == LicenceState.Expired);
        row["许可证即将到期"] = worst.Count(s => s == LicenceState.ExpiringSoon);
        return row;
    }

    /// <summary>Excel allows 31 characters and none of []:*?/\ in a sheet name, unique regardless of case.</summary>
    private static string SheetName(string wanted, HashSet<string> used)
    {
        var clean = new string(wanted.Where(c => "[]:*?/\\".IndexOf(c) < 0).ToArray()).Trim();
        if (clean.Length > 31) clean = clean[..31];
        var name = clean;
        for (var i = 2; !used.Add(name); i++) name = $"{clean[..Math.Min(clean.Length, 27)]} ({i})";
        return name;
    }

    private static async Task WriteCsvAsync(IEnumerable<Dictionary<string, object?>> rows, Stream output, CancellationToken ct)
    {
        // The BOM makes Excel open Chinese UTF-8 correctly instead of guessing the local code page.
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteRecord(Columns);
        foreach (var row in rows)
        {
            // Numbers are written as numbers; only text, which users typed, can start a formula.
            csv.WriteRecord(Columns.Select(c => row[c] is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : FormulaGuard.Guard(row[c]?.ToString() ?? "")).ToArray());
            ct.ThrowIfCancellationRequested();
        }
        await csv.FlushAsync(ct);
    }
}
