using Wangge.Core.Businesses;
using Wangge.Core.Businesses.Import;

namespace Wangge.Core.Tests.Businesses.Import;

/// <summary>A valid ledger row in a file with every column, changed one cell at a time by each test.</summary>
internal sealed class LedgerRowBuilder
{
    public static readonly DateOnly AsOf = new(2026, 3, 1);

    /// <summary>One Chinese header per field, in <see cref="LedgerField"/> order, so a field's column is its number.</summary>
    public static readonly string[] Headers =
    [
        "统一社会信用代码", "企业名称", "主体类型", "行业类别", "规模", "是否重点", "法定代表人", "经营地址", "经度", "纬度", "坐标系",
        "登记状态", "成立日期", "状态日期", "联系人", "联系电话", "许可证类型", "许可证号", "许可范围", "发证日期", "有效期至",
    ];

    private readonly string?[] _cells;

    public LedgerRowBuilder()
    {
        _cells = new string?[Headers.Length];
        Set(LedgerField.Code, Codes.Credit(1));
        Set(LedgerField.Name, "广州市白云区示例餐饮店");
        Set(LedgerField.Kind, "个体工商户");
        Set(LedgerField.Sectors, "餐饮服务、食品销售");
        Set(LedgerField.Scale, "微型");
        Set(LedgerField.KeyIndustry, "是");
        Set(LedgerField.LegalRepresentative, "张三");
        Set(LedgerField.Address, "广州市白云区景泰街道广园中路1号");
        Set(LedgerField.Lon, "113.2731");
        Set(LedgerField.Lat, "23.1658");
        Set(LedgerField.Status, "存续");
        Set(LedgerField.OpenedOn, "2019-05-20");
        Set(LedgerField.ContactPerson, "李四");
        Set(LedgerField.ContactPhone, "13800138000");
        Set(LedgerField.LicenceKind, "食品经营许可证");
        Set(LedgerField.LicenceNumber, "JY24401110012345");
        Set(LedgerField.LicenceScope, "热食类食品制售");
        Set(LedgerField.LicenceIssuedOn, "2019-06-01");
        Set(LedgerField.LicenceExpiresOn, "2029-05-31");
    }

    public LedgerRowBuilder With(LedgerField field, string? value)
    {
        Set(field, value);
        return this;
    }

    public LedgerRowBuilder WithoutLicence() =>
        With(LedgerField.LicenceKind, null).With(LedgerField.LicenceNumber, null).With(LedgerField.LicenceScope, null)
            .With(LedgerField.LicenceIssuedOn, null).With(LedgerField.LicenceExpiresOn, null);

    public string?[] Cells() => (string?[])_cells.Clone();

    public static LedgerRowParser Parser(bool gcj02 = false) =>
        new(ColumnMapping.Default.Resolve(Headers), new LedgerParseOptions(AsOf, gcj02, Gcj02ToWgs84: Wangge.Geo.Crs.Gcj02.ToWgs84));

    public RowResult Parse(int line = 2, bool gcj02 = false) => Parser(gcj02).Parse(line, Cells());

    public BusinessFacts Facts(bool gcj02 = false)
    {
        var result = Parse(gcj02: gcj02);
        Assert.True(result.IsValid, string.Join("; ", result.Problems.Select(p => $"{p.Field}/{p.Code}: {p.Message}")));
        return result.Facts!;
    }

    /// <summary>Parses the row, asserts it is refused for exactly one problem on that field with that code, and returns it.</summary>
    public RowProblem SingleProblem(string field, string code)
    {
        var result = Parse();
        Assert.Equal(RowResultKind.Problems, result.Kind);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((field, code), (problem.Field, problem.Code));
        return problem;
    }

    private void Set(LedgerField field, string? value) => _cells[(int)field] = value;
}

/// <summary>Valid ledger codes with their check characters computed, as real ones have.</summary>
internal static class Codes
{
    /// <summary>A unified social credit code of a Baiyun enterprise, numbered by <paramref name="n"/>.</summary>
    public static string Credit(int n)
    {
        var first17 = $"914401117{n:D8}";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    /// <summary>An old 15-digit registration number with its MOD 11,10 check digit.</summary>
    public static string Registration(int n)
    {
        var first14 = $"440111{n:D8}";
        return first14 + LedgerCode.RegistrationCheckDigit(first14);
    }
}
