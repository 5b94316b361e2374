using System.Text;
using MiniExcelLibs;
using Wangge.Businesses.Import;
using Wangge.Core.Businesses;
using Wangge.Core.Businesses.Import;
using Wangge.Core.Common;

namespace Wangge.Tests.Businesses.Import;

public sealed class TabularReaderXlsxTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static RuleViolation Refused(Action open, string code, string field)
    {
        var ex = Assert.Throws<RuleViolation>(open);
        Assert.Equal((code, field, ViolationKind.Invalid), (ex.Code, ex.Field, ex.Kind));
        return ex;
    }

    [Fact]
    public void Open_SheetWrittenByMiniExcel_TypedCellsBecomeTextTheParserReads()
    {
        var path = _dir.PathOf("台帐.xlsx");
        MiniExcel.SaveAs(path, new[]
        {
            new Dictionary<string, object?>
            {
                ["统一社会信用代码"] = LedgerFile.Code(1), ["企业名称"] = "示例餐饮店", ["行业类别"] = "餐饮服务", ["经营地址"] = "景泰街道1号",
                ["经度"] = 113.2731, ["纬度"] = 23.1658, ["成立日期"] = new DateTime(2019, 5, 20), ["联系电话"] = 13800138000L,
                ["是否重点"] = true, ["规模"] = null,
            },
        });

        using var file = TabularReader.Open(path, new TabularOptions());

        Assert.Equal(TabularFormat.Xlsx, file.Format);
        Assert.Equal("", file.DetectedEncoding);
        Assert.Equal((1, "Sheet1"), (file.HeaderLine, file.Sheet));
        var row = Assert.Single(file.Rows());
        Assert.Equal(2, row.Line);
        Assert.Equal([LedgerFile.Code(1), "示例餐饮店", "餐饮服务", "景泰街道1号", "113.2731", "23.1658", "2019-05-20", "13800138000", "true", null], row.Cells);
        var facts = ParseAll(file).Single().Facts!;
        Assert.Equal((new DateOnly(2019, 5, 20), "13800138000", true), (facts.OpenedOn, facts.ContactPhone, facts.KeyIndustry));
    }

    [Fact]
    public void Open_TitleRowAndGroupHeaderMerged_HeaderIsTheRowBelowWithMergedNamesCarriedDown()
    {
        // Row 1: a title across the sheet. Rows 2–3: a two-row header, names merged down over both rows and
        // 许可证信息 merged across its sub-columns. Data from row 4; row 6 is left empty; row 7 follows.
        var path = _dir.Write("台帐.xlsx", new XlsxBuilder()
            .Row(1, "白云区景泰网格经济户口台帐").Merge("A1:I1")
            .Row(2, "统一社会信用代码", "企业名称", "行业类别", "经营地址", "经度", "纬度", "成立日期", "许可证信息")
            .Merge("A2:A3").Merge("B2:B3").Merge("C2:C3").Merge("D2:D3").Merge("E2:E3").Merge("F2:F3").Merge("G2:G3").Merge("H2:I2")
            .Row(3, null, null, null, null, null, null, null, "许可证类型", "许可证号")
            .Row(4, LedgerFile.Code(1), "示例餐饮店", "餐饮服务", "景泰街道1号", 113.2731, 23.1658, new DateOnly(2019, 5, 20), "食品经营许可证", "JY24401110012345")
            .Row(5, LedgerFile.Code(2), "示例超市", "食品销售", "景泰街道2号", 113.2732, 23.1659, 43605, null, null)
            .Row(7, LedgerFile.Code(3), "示例药店", "零售", "景泰街道3号", 113.2733, 23.166, "2020/1/2", null, null)
            .Build());

        using var file = TabularReader.Open(path, new TabularOptions());

        Assert.Equal(3, file.HeaderLine);
        Assert.Equal(["统一社会信用代码", "企业名称", "行业类别", "经营地址", "经度", "纬度", "成立日期", "许可证类型", "许可证号"], file.Headers);
        var results = ParseAll(file);
        Assert.Equal([4, 5, 6, 7], results.Select(r => r.Line));
        Assert.True(results[2].IsBlank);
        Assert.All(results.Where(r => !r.IsBlank), r => Assert.True(r.IsValid, string.Join("; ", r.Problems.Select(p => p.Message))));
        Assert.Equal(LicenceKind.FoodBusiness, Assert.Single(results[0].Facts!.Licences).Kind);
        Assert.Equal(new DateOnly(2019, 5, 20), results[1].Facts!.OpenedOn);
        Assert.Equal(new DateOnly(2020, 1, 2), results[3].Facts!.OpenedOn);
    }

    [Fact]
    public void Open_MergedHeaderWithoutCoveredCells_EmptyHeaderCellsTakeTheTextAbove()
    {
        // Some tools write a merge without the cells it covers; the header row then has gaps under the merged names.
        var path = _dir.Write("台帐.xlsx", new XlsxBuilder()
            .Row(1, "统一社会信用代码", "企业名称", "许可证信息").Merge("A1:A2", writeCoveredCells: false).Merge("B1:B2", writeCoveredCells: false)
            .Merge("C1:D1", writeCoveredCells: false)
            .Row(2, null, null, "许可证类型", "许可证号")
            .Row(3, LedgerFile.Code(1), "示例餐饮店", "食品经营许可证", "JY24401110012345")
            .Build());

        using var file = TabularReader.Open(path, new TabularOptions());

        Assert.Equal(2, file.HeaderLine);
        Assert.Equal(["统一社会信用代码", "企业名称", "许可证类型", "许可证号"], file.Headers);
        Assert.Equal([3], file.Rows().Select(r => r.Line));
    }

    [Fact]
    public void Open_MergedDataCells_CarryTheirValueToEveryRowTheyCover()
    {
        // Two shops at one address, the address merged down over both rows.
        var path = _dir.Write("台帐.xlsx", new XlsxBuilder()
            .Row(1, "统一社会信用代码", "企业名称", "经营地址")
            .Row(2, LedgerFile.Code(1), "甲店", "景泰街道1号").Merge("C2:C3")
            .Row(3, LedgerFile.Code(2), "乙店")
            .Build());

        using var file = TabularReader.Open(path, new TabularOptions());

        Assert.Equal(["景泰街道1号", "景泰街道1号"], file.Rows().Select(r => r.Cells[2]));
    }

    [Fact]
    public void Open_SheetByName_ReadsThatSheet_AndAnUnknownNameListsTheSheets()
    {
        var path = _dir.Write("台帐.xlsx", new XlsxBuilder()
            .Sheet("说明").Row(1, "本表由网格员填写")
            .Sheet("景泰网格").Row(1, "统一社会信用代码", "企业名称").Row(2, LedgerFile.Code(1), "示例餐饮店")
            .Build());

        using (var file = TabularReader.Open(path, new TabularOptions(Sheet: "景泰网格")))
        {
            Assert.Equal("景泰网格", file.Sheet);
            Assert.Equal("示例餐饮店", Assert.Single(file.Rows()).Cells[1]);
        }
        var ex = Refused(() => TabularReader.Open(path, new TabularOptions(Sheet: "永平网格")), "sheet_unknown", "sheet");
        Assert.Contains("'说明', '景泰网格'", ex.Message);
        Refused(() => TabularReader.Open(path, new TabularOptions()), "file_no_header", "file");
    }

    [Fact]
    public void Open_TextRenamedXlsx_IsRefusedAsNotAWorkbook()
    {
        var path = _dir.Write("台帐.xlsx", Encoding.UTF8.GetBytes(LedgerFile.Header));

        var ex = Refused(() => TabularReader.Open(path, new TabularOptions()), "file_not_xlsx", "file");

        Assert.Contains("zip", ex.Message);
    }

    [Fact]
    public void Open_OldExcelWorkbookRenamedXlsx_SaysToSaveItAsXlsx()
    {
        var path = _dir.Write("台帐.xlsx", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);

        var ex = Refused(() => TabularReader.Open(path, new TabularOptions()), "file_not_xlsx", "file");

        Assert.Contains(".xlsx", ex.Message);
    }

    [Fact]
    public void Open_TruncatedWorkbook_IsRefused()
    {
        var bytes = new XlsxBuilder().Row(1, "统一社会信用代码", "企业名称").Build();
        var path = _dir.Write("台帐.xlsx", bytes[..(bytes.Length / 2)]);

        Refused(() => TabularReader.Open(path, new TabularOptions()), "file_not_xlsx", "file");
    }

    [Fact]
    public void Open_XlsxFromAStream_HashesAndReadsIt()
    {
        var bytes = new XlsxBuilder().Row(1, "统一社会信用代码", "企业名称").Row(2, LedgerFile.Code(1), "示例餐饮店").Build();
        using var stream = new MemoryStream(bytes);

        using var file = TabularReader.Open(stream, new TabularOptions(), "upload.xlsx");

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), file.Sha256);
        Assert.Equal([2], file.Rows().Select(r => r.Line));
        Assert.Equal([2], file.Rows().Select(r => r.Line));
        Assert.True(stream.CanRead, "the caller's stream stays open");
    }

    private static List<RowResult> ParseAll(TabularFile file)
    {
        var parser = new LedgerRowParser(ColumnMapping.Default.Resolve(file.Headers), new LedgerParseOptions(new DateOnly(2026, 3, 1)));
        return file.Rows().Select(r => parser.Parse(r.Line, r.Cells)).ToList();
    }
}
