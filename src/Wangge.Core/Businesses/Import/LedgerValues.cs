using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Wangge.Core.Businesses.Import;

/// <summary>
/// The words a ledger file uses for each value, Chinese and English. Every lookup folds full-width forms and
/// ignores case, whitespace, '_' and '-', so 餐饮服务, "Catering", "catering" and "CATERING" agree, and snake_case
/// (<c>food_sale</c>) matches the enum name <c>FoodSale</c>. The Try methods never throw: a file of a million bad
/// rows is reported, not thrown through.
/// </summary>
public static class LedgerValues
{
    /// <summary>The founding of the People's Republic: no business in the ledger opened, or was licensed, before it.</summary>
    public static readonly DateOnly EarliestDate = new(1949, 10, 1);

    /// <summary>How far past the import date a date may lie: one day, for a file made in a time zone ahead of the server.</summary>
    public const int FutureToleranceDays = 1;

    /// <summary>Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is allowed for (true for every day after 1900-02-28).</summary>
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>Serial numbers taken as Excel dates: 1954-10-03 to 2119-01-11. Anything else that is a bare number is no date.</summary>
    public const int ExcelSerialMin = 20000, ExcelSerialMax = 80000;

    /// <summary>The characters that separate the sectors of one cell: 、,，;；/|.</summary>
    public static readonly char[] ListSeparators = ['、', ',', '，', ';', '；', '/', '|'];

    private static readonly FrozenDictionary<string, Sector> Sectors = Vocabulary<Sector>(
        (Sector.FoodProduction, ["食品生产"]),
        (Sector.FoodSale, ["食品销售", "食品经营"]),
        (Sector.Catering, ["餐饮服务", "餐饮"]),
        (Sector.DrinkingWater, ["饮用水", "生活饮用水"]),
        (Sector.Cosmetics, ["化妆品"]),
        (Sector.LeatherGoods, ["皮具", "皮革"]),
        (Sector.Garments, ["服装"]),
        (Sector.AudioVideo, ["音像制品"]),
        (Sector.SpecialEquipmentUse, ["特种设备使用", "特种设备"]),
        (Sector.MeasuringInstruments, ["计量器具", "计量"]),
        (Sector.IndustrialProductsUnderLicence, ["工业产品", "工业产品生产许可"]),
        (Sector.Retail, ["零售", "其他零售"]));

    private static readonly FrozenDictionary<string, BusinessKind> Kinds = Vocabulary<BusinessKind>(
        (BusinessKind.Enterprise, ["企业", "公司", "有限公司", "有限责任公司", "股份有限公司", "个人独资企业", "合伙企业"]),
        (BusinessKind.IndividualHousehold, ["个体工商户", "个体", "个体户", "individual"]),
        (BusinessKind.Cooperative, ["农民专业合作社", "合作社"]),
        (BusinessKind.Branch, ["分公司", "分支机构"]));

    private static readonly FrozenDictionary<string, BusinessScale> Scales = Vocabulary<BusinessScale>(
        (BusinessScale.Micro, ["微型", "微"]),
        (BusinessScale.Small, ["小型", "小"]),
        (BusinessScale.Medium, ["中型", "中"]),
        (BusinessScale.Large, ["大型", "大"]));

    private static readonly FrozenDictionary<string, BusinessStatus> Statuses = Vocabulary<BusinessStatus>(
        (BusinessStatus.Operating, ["存续", "在业", "在营", "开业", "营业", "正常", "active"]),
        (BusinessStatus.Suspended, ["停业", "歇业"]),
        (BusinessStatus.Closed, ["注销", "吊销", "关闭", "已注销", "已吊销"]));

    private static readonly FrozenDictionary<string, bool> Booleans = new Dictionary<string, bool>
    {
        ["是"] = true, ["否"] = false, ["y"] = true, ["n"] = false, ["yes"] = true, ["no"] = false,
        ["true"] = true, ["false"] = false, ["1"] = true, ["0"] = false, ["√"] = true, ["×"] = false,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, LicenceKind> LicenceKinds = Vocabulary<LicenceKind>(
        (LicenceKind.FoodProduction, ["食品生产许可证", "食品生产许可"]),
        // 食品流通许可证 and 餐饮服务许可证 were merged into the 食品经营许可证 in 2015; old ledgers still name them.
        (LicenceKind.FoodBusiness, ["食品经营许可证", "食品经营许可", "食品流通许可证", "餐饮服务许可证"]),
        (LicenceKind.SmallFoodRegistration, ["小作坊登记证", "小餐饮登记证", "食品小作坊登记证", "小作坊/小餐饮登记证"]),
        (LicenceKind.IndustrialProduct, ["工业产品生产许可证", "工业产品生产许可"]),
        (LicenceKind.SpecialEquipmentUse, ["特种设备使用登记证"]),
        (LicenceKind.Cosmetics, ["化妆品生产许可证"]),
        (LicenceKind.Hygiene, ["卫生许可证", "生活饮用水卫生许可证"]),
        (LicenceKind.Metrology, ["计量器具型式批准证书", "计量认证证书", "计量器具", "计量"]),
        (LicenceKind.Other, ["其他", "其它"]));

    private static readonly FrozenDictionary<string, LedgerCrs> Crses = Vocabulary<LedgerCrs>(
        // CGCS2000, China's official datum, differs from WGS-84 by centimetres: the same thing at ledger precision.
        (LedgerCrs.Wgs84, ["wgs84", "cgcs2000", "gps"]),
        (LedgerCrs.Gcj02, ["gcj02", "火星坐标", "火星坐标系", "国测局坐标"]));

    public static bool TryParseSector(string text, out Sector sector) => Lookup(Sectors, text, out sector);

    /// <summary>The non-empty parts of a list cell (食品销售、餐饮服务), trimmed, in order.</summary>
    public static IReadOnlyList<string> SplitList(string text)
    {
        var parts = new List<string>(2);
        foreach (var part in text.Split(ListSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            parts.Add(part);
        return parts;
    }

    public static bool TryParseKind(string text, out BusinessKind kind) => Lookup(Kinds, text, out kind);

    public static bool TryParseScale(string text, out BusinessScale scale) => Lookup(Scales, text, out scale);

    /// <summary>
    /// A registration status. The national credit system writes statuses with a note, 存续（在营、开业、在册） or
    /// 吊销，未注销; the word before the note decides.
    /// </summary>
    public static bool TryParseStatus(string text, out BusinessStatus status)
    {
        if (Statuses.TryGetValue(text, out status)) return true;
        var key = Key(text);
        if (Statuses.TryGetValue(key, out status)) return true;
        var cut = key.IndexOfAny(['(', ',', '、']);
        return cut > 0 && Statuses.TryGetValue(key[..cut], out status);
    }

    public static bool TryParseBoolean(string text, out bool value) => Lookup(Booleans, text, out value);

    public static bool TryParseLicenceKind(string text, out LicenceKind kind) => Lookup(LicenceKinds, text, out kind);

    public static bool TryParseCrs(string text, out LedgerCrs crs) => Lookup(Crses, text, out crs);

    /// <summary>
    /// A calendar date: yyyy-MM-dd, yyyy/M/d, yyyy.M.d, yyyyMMdd, yyyy年M月d日 (a time of day after it is ignored),
    /// or an Excel serial number from <see cref="ExcelSerialMin"/> to <see cref="ExcelSerialMax"/>. Only the format is
    /// checked here; <see cref="IsTooEarly"/> and <see cref="IsInFuture"/> say whether the date can be true.
    /// </summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        date = default;
        if (text is [_, _, _, _, '-', _, _, '-', _, _])
            return TryDate(text.AsSpan(0, 4), text.AsSpan(5, 2), text.AsSpan(8, 2), out date);
        var s = Fold(text).Trim();
        var cut = s.IndexOfAny([' ', 'T']);
        if (cut > 0) s = s[..cut];
        if (s.Length == 0) return false;
        if (s.EndsWith('日')) s = s[..^1];
        s = s.Replace('年', '-').Replace('月', '-');
        if (double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            if (s.Length == 8 && !s.Contains('.'))
                return TryDate(s.AsSpan(0, 4), s.AsSpan(4, 2), s.AsSpan(6, 2), out date);
            if (number is < ExcelSerialMin or > ExcelSerialMax) return false;
            date = ExcelEpoch.AddDays((int)Math.Floor(number));
            return true;
        }
        var sep = s.IndexOfAny(['-', '/', '.']);
        if (sep != 4) return false;
        var sepChar = s[sep];
        var second = s.IndexOf(sepChar, sep + 1);
        if (second < 0 || s.IndexOf(sepChar, second + 1) >= 0) return false;
        return TryDate(s.AsSpan(0, 4), s.AsSpan(sep + 1, second - sep - 1), s.AsSpan(second + 1), out date);
    }

    /// <summary>Whether a date lies before <see cref="EarliestDate"/>, which no ledger date can.</summary>
    public static bool IsTooEarly(DateOnly date) => date < EarliestDate;

    /// <summary>
    /// Whether a date lies more than <see cref="FutureToleranceDays"/> after <paramref name="asOf"/>, which no date
    /// of something that has happened (opening, a status change, issue of a licence) can; an expiry can.
    /// </summary>
    public static bool IsInFuture(DateOnly date, DateOnly asOf) => date > asOf.AddDays(FutureToleranceDays);

    /// <summary>A decimal coordinate in degrees; full-width digits and signs are folded, a trailing '°' is allowed.</summary>
    public static bool TryParseCoordinate(string text, out double value)
    {
        var s = Fold(text).Trim().TrimEnd('°').TrimEnd();
        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
               && double.IsFinite(value);
    }

    private static bool TryDate(ReadOnlySpan<char> y, ReadOnlySpan<char> m, ReadOnlySpan<char> d, out DateOnly date)
    {
        date = default;
        if (y.Length != 4 || m.Length is < 1 or > 2 || d.Length is < 1 or > 2) return false;
        if (!int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var day)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static FrozenDictionary<string, T> Vocabulary<T>(params (T Value, string[] Words)[] entries) where T : struct, Enum
    {
        var map = new Dictionary<string, T>();
        foreach (var value in Enum.GetValues<T>()) map[Key(value.ToString())] = value;
        foreach (var (value, words) in entries)
            foreach (var word in words)
                map[Key(word)] = value;
        return map.ToFrozenDictionary();
    }

    // Most cells hold a word exactly as the vocabulary spells it (餐饮服务, 存续): try that before normalising.
    private static bool Lookup<T>(FrozenDictionary<string, T> words, string text, out T value) =>
        words.TryGetValue(text, out value!) || words.TryGetValue(Key(text), out value!);

    /// <summary>A value as it is looked up: full-width folded, no whitespace, '_' or '-', lowercase.</summary>
    private static string Key(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = Fold(raw);
            if (char.IsWhiteSpace(c) || c is '_' or '-') continue;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>Full-width ASCII forms (０-９, Ａ-Ｚ, －, ．, （ …) to ASCII, and the ideographic space to a space.</summary>
    internal static char Fold(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    };

    internal static string Fold(string text)
    {
        foreach (var c in text)
            if (c >= '\u3000')
                return string.Create(text.Length, text, (span, src) =>
                {
                    for (var i = 0; i < src.Length; i++) span[i] = Fold(src[i]);
                });
        return text;
    }
}
