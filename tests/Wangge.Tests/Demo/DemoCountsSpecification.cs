using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Wangge.Businesses;
using Wangge.Core.Businesses;
using Wangge.Data;

namespace Wangge.Tests.Demo;

/// <summary>One label, one count: 在营 and 重点企业 are the same number on home, the ledger, the grid page and the exports.</summary>
public abstract partial class DemoSpecification
{
    private const string DemoRoot = "440111";

    private sealed record Counts(int Operating, int KeyFirms);

    [Fact]
    public async Task Demo_OperatingAndKeyFirms_SameOnHomeLedgerGridPageAndExports()
    {
        var (home, ledger, profile, xlsx, csv) = await demo.Services(async services =>
        {
            var db = services.GetRequiredService<WanggeDbContext>();
            var queries = services.GetRequiredService<LedgerQueries>();
            // What the home page counts for its 在营 and 重点企业 cards.
            var home = new Counts(await db.Businesses.CountAsync(LedgerCountRules.Operating), await db.Businesses.CountAsync(LedgerCountRules.KeyFirm));
            var totals = (await queries.RollupAsync(DemoRoot, new BusinessFilter(), default)).Totals;
            var profile = await queries.ProfileAsync(DemoRoot, default);
            return (home, new Counts(totals.Operating, totals.KeyFirms), new Counts(profile.Operating, profile.KeyFirms),
                await XlsxTotalAsync(queries), await CsvCountAsync(queries));
        });

        Assert.True(home.Operating > 10_000 && home.KeyFirms > 0, $"{home}");
        Assert.Equal(home, ledger);
        Assert.Equal(home, profile);
        Assert.Equal(home, xlsx);
        Assert.Equal(home, csv);
    }

    [Fact]
    public async Task Demo_Inspector_KnowsTheSameOperatingCountOnHomeAndLedger()
    {
        var (grid, home, ledger) = await demo.Services(async services =>
        {
            var db = services.GetRequiredService<WanggeDbContext>();
            var grid = await db.Grids.Where(g => g.Level == Core.Grids.GridLevelKind.Grid && g.ValidTo == null).OrderBy(g => g.Code).FirstAsync();
            var home = await db.Businesses.Where(b => b.ScopePathValue.StartsWith(grid.ScopePathValue)).CountAsync(LedgerCountRules.Operating);
            var totals = (await services.GetRequiredService<LedgerQueries>().RollupAsync(grid.Code, new BusinessFilter(), default)).Totals;
            return (grid.Code, home, totals.Operating);
        });
        Assert.True(home == ledger, $"{grid}: home {home}, ledger {ledger}");
    }

    private static async Task<Counts> XlsxTotalAsync(LedgerQueries queries)
    {
        await using var file = (await queries.ExportAsync(DemoRoot, "xlsx", default)).Content;
        var total = (IDictionary<string, object>)MiniExcel.Query(file, useHeaderRow: true, sheetName: LedgerExport.SummarySheet).Last();
        return new Counts(Convert.ToInt32(total[LedgerLabels.Of(BusinessStatus.Operating)]), Convert.ToInt32(total[LedgerLabels.KeyFirms]));
    }

    private static async Task<Counts> CsvCountAsync(LedgerQueries queries)
    {
        await using var file = (await queries.ExportAsync(DemoRoot, "csv", default)).Content;
        using var reader = new StreamReader(file);
        var records = Records(await reader.ReadToEndAsync()).ToList();
        int status = records[0].IndexOf("经营状态"), keyIndustry = records[0].IndexOf("重点行业");
        var rows = records.Skip(1).ToList();
        return new Counts(rows.Count(r => r[status] == LedgerLabels.Of(BusinessStatus.Operating)),
            rows.Count(r => r[keyIndustry] == "是" && r[status] != LedgerLabels.Of(BusinessStatus.Closed)));
    }

    /// <summary>RFC 4180 records: fields in quotes may hold commas, quotes ("") and line breaks.</summary>
    private static IEnumerable<List<string>> Records(string text)
    {
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                yield return record;
                record = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); yield return record; }
    }
}
