using System.Globalization;
using System.Text;
using Wangge.Core.Businesses;

namespace Wangge.Bench.Ledger;

/// <summary>Ways a generated row is wrong, each refused by the importer with exactly one problem.</summary>
internal enum BadKind : byte
{
    None,
    WrongCheckCharacter,
    MissingName,
    UnknownSector,
    OutsideJurisdiction,
    BadDate,
}

/// <summary>
/// A ledger CSV as a market-supervision bureau exports it (UTF-8 with BOM, the Chinese template headers): good
/// rows with distinct valid credit codes, a realistic mix of entity kinds, sectors, sizes and licences, located
/// in the district, and bad rows spread through the file, each wrong in one way.
/// </summary>
internal sealed class LedgerCsv
{
    public static readonly string[] Headers =
        ["统一社会信用代码", "名称", "主体类型", "行业", "规模", "法定代表人", "联系电话", "地址", "经度", "纬度", "成立日期", "许可证类型", "许可证号", "有效期至"];

    /// <summary>The problem code the importer gives each kind of bad row.</summary>
    public static readonly Dictionary<BadKind, string> ProblemCodes = new()
    {
        [BadKind.WrongCheckCharacter] = "credit_code_check",
        [BadKind.MissingName] = "name_required",
        [BadKind.UnknownSector] = "sector_unknown",
        [BadKind.OutsideJurisdiction] = "outside_jurisdiction",
        [BadKind.BadDate] = "date_invalid",
    };

    private static readonly (Sector Sector, string Word, double Weight)[] SectorMix =
    [
        (Sector.Retail, "零售", 0.24), (Sector.Catering, "餐饮服务", 0.22), (Sector.FoodSale, "食品销售", 0.17),
        (Sector.Garments, "服装", 0.08), (Sector.LeatherGoods, "皮具", 0.06), (Sector.Cosmetics, "化妆品", 0.04),
        (Sector.SpecialEquipmentUse, "特种设备使用", 0.04), (Sector.MeasuringInstruments, "计量器具", 0.04),
        (Sector.FoodProduction, "食品生产", 0.03), (Sector.IndustrialProductsUnderLicence, "工业产品", 0.03),
        (Sector.DrinkingWater, "饮用水", 0.03), (Sector.AudioVideo, "音像制品", 0.02),
    ];

    private static readonly string[] UnknownSectors = ["网吧", "美容美发", "汽车维修", "洗浴服务", "家政服务"];
    private static readonly string[] BadDates = ["2019-02-30", "2021-13-01", "二〇二〇年", "2020.5", "20181332", "去年三月"];
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武莫孔";
    private const string Given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红文斌辉鹏飞婷雪梅琳丹宇浩锋德荣佳欣怡俊燕";
    private const string BrandChars = "鑫顺发兴隆盛源泰和福金华祥瑞达宏康嘉利佳美新丰鸿禧汇德荣信诚益广永昌旺富安";
    private static readonly string[] Roads =
    [
        "白云大道北", "广园中路", "机场路", "云城西路", "三元里大道", "石井大道", "黄石东路", "同和路", "京溪路", "嘉禾路", "鹤龙一路",
        "太和中路", "江高大道", "钟落潭大道", "永泰路", "新市西街", "棠景中路", "松洲西路", "增槎路", "西槎路", "沙太路", "均禾大道",
    ];

    public const int BadRowCount = 10_000;

    private readonly BadKind[] _bad;

    private LedgerCsv(string path, int good, BadKind[] bad, long bytes, int licensed, int multiSector)
    {
        Path = path;
        Good = good;
        _bad = bad;
        Bytes = bytes;
        Licensed = licensed;
        MultiSector = multiSector;
    }

    public string Path { get; }
    public int Good { get; }
    public int Bad => BadRowCount;
    public int Rows => _bad.Length;
    public long Bytes { get; }
    public int Licensed { get; }
    public int MultiSector { get; }

    /// <summary>How many of the first <paramref name="rows"/> data rows are bad, by kind.</summary>
    public Dictionary<BadKind, int> BadIn(int rows) =>
        _bad.Take(rows).Where(b => b != BadKind.None).GroupBy(b => b).ToDictionary(g => g.Key, g => g.Count());

    public static LedgerCsv Generate(string path, int good, District district, DateOnly today, int seed)
    {
        var random = new Random(seed);
        var rows = good + BadRowCount;
        var bad = new BadKind[rows];
        // Bad rows at random places, the five kinds equally often.
        var placed = 0;
        while (placed < BadRowCount)
        {
            var at = random.Next(rows);
            if (bad[at] != BadKind.None) continue;
            bad[at] = (BadKind)(placed % 5 + 1);
            placed++;
        }

        var centres = Enumerable.Range(0, 80).Select(_ =>
        {
            var lon = District.MinLon + 0.05 + random.NextDouble() * (District.MaxLon - District.MinLon - 0.1);
            var lat = District.MinLat + 0.05 + random.NextDouble() * (District.MaxLat - District.MinLat - 0.1);
            return (Lon: lon, Lat: lat, Sigma: 0.004 + random.NextDouble() * 0.016, Weight: -Math.Log(1 - random.NextDouble()));
        }).ToArray();
        var centreCdf = Cumulative(centres.Select(c => c.Weight).ToArray());
        var sectorCdf = Cumulative(SectorMix.Select(s => s.Weight).ToArray());

        var licensed = 0;
        var multi = 0;
        var sb = new StringBuilder(512);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 20))
        {
            writer.Write(string.Join(",", Headers));
            writer.Write("\r\n");
            for (var row = 0; row < rows; row++)
            {
                var kind = bad[row];
                sb.Clear();
                var serial = row + 1;

                // Entity kind, and with it the credit code's first two characters and the usual size.
                var k = random.NextDouble();
                var (kindWord, prefix, entity) = k < 0.58 ? ("个体工商户", "92", 1)
                    : k < 0.94 ? (Pick(random, ["有限责任公司", "有限责任公司", "有限责任公司", "企业", "股份有限公司"]), "91", 0)
                    : k < 0.99 ? ("分公司", "91", 3)
                    : ("农民专业合作社", "93", 2);
                var code = Code(prefix, random.NextDouble() < 0.9 ? "440111" : "440100", serial);
                if (kind == BadKind.WrongCheckCharacter)
                {
                    var wrong = code[^1];
                    while (wrong == code[^1]) wrong = CreditCode.Alphabet[random.Next(CreditCode.Alphabet.Length)];
                    code = code[..^1] + wrong;
                }

                var s = Index(sectorCdf, random.NextDouble());
                var sector = SectorMix[s];
                var sectorCell = sector.Word;
                if (random.NextDouble() < 0.10)
                {
                    sectorCell += "、" + Second(sector.Sector);
                    if (kind == BadKind.None) multi++;
                }
                if (kind == BadKind.UnknownSector) sectorCell = Pick(random, UnknownSectors);

                var scale = entity switch
                {
                    1 => random.NextDouble() < 0.85 ? "微型" : "小型",
                    2 => random.NextDouble() < 0.7 ? "微型" : "小型",
                    3 => Weighted(random, ("小型", 0.6), ("中型", 0.3), ("大型", 0.1)),
                    _ => Weighted(random, ("微型", 0.35), ("小型", 0.45), ("中型", 0.15), ("大型", 0.05)),
                };

                // Location: three in four around busy centres, the rest anywhere; good rows inside the district.
                double lon, lat;
                string? gridCode;
                if (kind == BadKind.OutsideJurisdiction)
                {
                    do
                    {
                        lon = 113.75 + random.NextDouble() * 0.4;
                        lat = District.MinLat + random.NextDouble() * (District.MaxLat - District.MinLat);
                    } while (district.Index.Locate(lon, lat) is not null);
                    gridCode = null;
                }
                else
                {
                    do
                    {
                        if (random.NextDouble() < 0.75)
                        {
                            var c = centres[Index(centreCdf, random.NextDouble())];
                            lon = c.Lon + Gaussian(random) * c.Sigma;
                            lat = c.Lat + Gaussian(random) * c.Sigma;
                        }
                        else
                        {
                            lon = District.MinLon + random.NextDouble() * (District.MaxLon - District.MinLon);
                            lat = District.MinLat + random.NextDouble() * (District.MaxLat - District.MinLat);
                        }
                        lon = Math.Round(lon, 6);
                        lat = Math.Round(lat, 6);
                        gridCode = district.Index.Locate(lon, lat);
                    } while (gridCode is null);
                }
                var street = gridCode is null ? "太和镇" : district.StreetOf[gridCode];

                var person = Person(random);
                var name = kind == BadKind.MissingName ? "" : Name(random, entity, sector.Sector, street, person);
                var phone = Weighted(random, ("mobile", 0.85), ("landline", 0.10), ("", 0.05)) switch
                {
                    "mobile" => $"1{random.Next(3, 10)}{random.Next(0, 1_000_000_000):D9}",
                    "landline" => $"020-8{random.Next(0, 10_000_000):D7}",
                    _ => "",
                };
                var address = $"广州市白云区{street}{Pick(random, Roads)}{random.Next(1, 1200)}号";
                if (random.NextDouble() < 0.3) address += $"{random.Next(1, 30)}栋{random.Next(1, 30)}{random.Next(1, 20):D2}";

                // Opened within the last ~30 years, most recently (businesses come and go); never in the future.
                var daysAgo = 3 + (int)(-Math.Log(1 - random.NextDouble()) * 6 * 365.25);
                var opened = today.AddDays(-Math.Min(daysAgo, today.DayNumber - new DateOnly(1995, 1, 1).DayNumber));
                var openedCell = kind == BadKind.BadDate ? Pick(random, BadDates) : DateText(random, opened);

                string licenceKind = "", licenceNumber = "", expires = "";
                if (Licence(random, sector.Sector, scale, entity) is { } licence)
                {
                    licensed++;
                    licenceKind = licence.Kind;
                    licenceNumber = licence.Prefix + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture)
                                    + random.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
                    // Issued after opening and at most six years ago; valid five years, so about one in six has expired.
                    var earliest = Math.Max(opened.DayNumber, today.AddYears(-6).DayNumber);
                    var issued = DateOnly.FromDayNumber(earliest + random.Next(0, Math.Max(1, today.DayNumber - earliest)));
                    expires = DateText(random, issued.AddYears(5).AddDays(-1));
                }
                if (kind != BadKind.None) licensed -= licenceKind.Length > 0 ? 1 : 0;

                sb.Append(code).Append(',').Append(Csv(name)).Append(',').Append(kindWord).Append(',').Append(sectorCell).Append(',')
                    .Append(scale).Append(',').Append(person).Append(',').Append(phone).Append(',').Append(Csv(address)).Append(',')
                    .Append(lon.ToString("0.000000", CultureInfo.InvariantCulture)).Append(',')
                    .Append(lat.ToString("0.000000", CultureInfo.InvariantCulture)).Append(',')
                    .Append(openedCell).Append(',').Append(licenceKind).Append(',').Append(licenceNumber).Append(',').Append(expires).Append("\r\n");
                writer.Write(sb);
            }
        }
        return new LedgerCsv(path, good, bad, new FileInfo(path).Length, licensed, multi);
    }

    /// <summary>The header and the first <paramref name="rows"/> data rows (no record spans lines).</summary>
    public void WriteHead(string path, int rows)
    {
        using var reader = new StreamReader(Path, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, 1 << 20);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        for (var i = 0; i <= rows && reader.ReadLine() is { } line; i++)
        {
            writer.Write(line);
            writer.Write("\r\n");
        }
    }

    /// <summary>A valid credit code: authority 9, entity type, admin area, organisation code with its check, check character.</summary>
    private static string Code(string prefix, string area, int serial)
    {
        // A bijection of the serial over 31^6, so codes look scattered but never repeat.
        const long space = 887_503_681; // 31^6
        var n = (serial * 40_503_611L + 123_457) % space;
        Span<char> org = stackalloc char[9];
        org[0] = 'M';
        org[1] = 'A';
        for (var i = 7; i >= 2; i--)
        {
            org[i] = CreditCode.Alphabet[(int)(n % 31)];
            n /= 31;
        }
        org[8] = CreditCode.OrganisationCheck(org[..8]);
        var first17 = string.Concat(prefix, area, org.ToString());
        return first17 + CreditCode.CheckCharacter(first17);
    }

    private static string Second(Sector primary) => primary switch
    {
        Sector.Catering => "食品销售",
        Sector.FoodSale => "零售",
        Sector.Garments => "皮具",
        Sector.LeatherGoods => "服装",
        Sector.FoodProduction => "食品销售",
        Sector.Retail => "食品销售",
        _ => "零售",
    };

    private static (string Kind, string Prefix)? Licence(Random random, Sector sector, string scale, int entity)
    {
        var (p, kind, prefix) = sector switch
        {
            Sector.Catering when entity == 1 && scale == "微型" && random.NextDouble() < 0.35 => (0.92, "小餐饮登记证", "XCY"),
            Sector.Catering => (0.92, "食品经营许可证", "JY1"),
            Sector.FoodSale => (0.90, "食品经营许可证", "JY1"),
            Sector.FoodProduction when scale == "微型" => (0.90, "小作坊登记证", "XZF"),
            Sector.FoodProduction => (0.90, "食品生产许可证", "SC1"),
            Sector.DrinkingWater => (0.85, "卫生许可证", "WS"),
            Sector.Cosmetics => (0.50, "化妆品生产许可证", "HZP"),
            Sector.SpecialEquipmentUse => (0.80, "特种设备使用登记证", "TS"),
            Sector.IndustrialProductsUnderLicence => (0.80, "工业产品生产许可证", "XK"),
            Sector.MeasuringInstruments => (0.50, "计量器具型式批准证书", "JL"),
            Sector.Retail => (0.30, "食品经营许可证", "JY1"),
            Sector.AudioVideo => (0.60, "其他", "YX"),
            _ => (0.05, "其他", "QT"),
        };
        return random.NextDouble() < p ? (kind, prefix) : null;
    }

    private static string Name(Random random, int entity, Sector sector, string street, string person)
    {
        var brand = $"{BrandChars[random.Next(BrandChars.Length)]}{BrandChars[random.Next(BrandChars.Length)]}";
        var place = street.TrimEnd('街', '镇');
        var trade = sector switch
        {
            Sector.Catering => entity == 1 ? Pick(random, ["粥粉面店", "快餐店", "烧腊店", "肠粉店", "茶餐厅", "牛杂店", "饭店"]) : "餐饮管理",
            Sector.FoodSale => entity == 1 ? Pick(random, ["副食店", "食品商行", "粮油店", "生鲜店"]) : "食品贸易",
            Sector.Retail => entity == 1 ? Pick(random, ["便利店", "日用品店", "五金店", "商店"]) : "商贸",
            Sector.Garments => entity == 1 ? "服装店" : "服饰",
            Sector.LeatherGoods => entity == 1 ? "皮具店" : "皮具制品",
            Sector.Cosmetics => entity == 1 ? "化妆品店" : "生物科技",
            Sector.SpecialEquipmentUse => entity == 1 ? "电梯维修部" : "物业管理",
            Sector.MeasuringInstruments => entity == 1 ? "衡器店" : "仪器仪表",
            Sector.FoodProduction => entity == 1 ? "食品加工坊" : "食品",
            Sector.IndustrialProductsUnderLicence => entity == 1 ? "建材店" : "实业",
            Sector.DrinkingWater => entity == 1 ? "水站" : "饮用水",
            _ => entity == 1 ? "音像店" : "文化传播",
        };
        return entity switch
        {
            1 => random.NextDouble() < 0.5 ? $"广州市白云区{place}{person[0]}记{trade}" : $"广州市白云区{brand}{trade}",
            2 => $"广州市白云区{place}{brand}种养专业合作社",
            3 => $"广州{brand}{trade}有限公司白云{place}分公司",
            _ => $"广州市{brand}{trade}有限公司",
        };
    }

    private static string Person(Random random)
    {
        var given = random.NextDouble() < 0.7 ? 2 : 1;
        var sb = new StringBuilder(3);
        sb.Append(Surnames[random.Next(Surnames.Length)]);
        for (var i = 0; i < given; i++) sb.Append(Given[random.Next(Given.Length)]);
        return sb.ToString();
    }

    private static string DateText(Random random, DateOnly d)
    {
        var r = random.NextDouble();
        return r < 0.80 ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : r < 0.92 ? $"{d.Year}/{d.Month}/{d.Day}"
            : $"{d.Year}年{d.Month}月{d.Day}日";
    }

    private static string Csv(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;

    private static double[] Cumulative(double[] weights)
    {
        var cdf = new double[weights.Length];
        var total = weights.Sum();
        var run = 0.0;
        for (var i = 0; i < weights.Length; i++) cdf[i] = (run += weights[i]) / total;
        cdf[^1] = 1;
        return cdf;
    }

    private static int Index(double[] cdf, double u)
    {
        var i = Array.BinarySearch(cdf, u);
        return Math.Min(i < 0 ? ~i : i, cdf.Length - 1);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static string Weighted(Random random, params (string Value, double Weight)[] items)
    {
        var u = random.NextDouble() * items.Sum(i => i.Weight);
        foreach (var (value, weight) in items)
        {
            if (u < weight) return value;
            u -= weight;
        }
        return items[^1].Value;
    }
}
