using System.Globalization;
using Wangge.Core.Common;

namespace Wangge.Core.Businesses.Import;

/// <summary>
/// Turns one row of a ledger file into <see cref="BusinessFacts"/>, or into the list of everything wrong with it, so
/// that a clerk fixes a row once rather than once per problem. Cells are trimmed; a cell of whitespace is empty.
/// </summary>
/// <remarks>
/// Rules: the code is required and valid (<see cref="LedgerCode"/>); name (≤ <see cref="Business.MaxNameLength"/>),
/// sectors (known, the first listed is the main one), address (≤ <see cref="Business.MaxAddressLength"/>), longitude,
/// latitude and opening date are required. Coordinates must lie in China's box (lon 73–136, lat 3–54); whether they lie
/// in the jurisdiction is the pipeline's check. Kind, scale and status have defaults. The status date may not precede
/// the opening. Licences: one per row, or several with the entries of every licence column separated by ';' ('；'),
/// the n-th entry of each column making the n-th licence (then scopes must not contain ';' themselves); a licence with
/// any cell filled needs its kind and number, and may not expire before it was issued.
/// </remarks>
public sealed class LedgerRowParser
{
    /// <summary>China's box for a ledger point, in degrees: wider than the land by a little, narrower than GCJ-02's.</summary>
    public const double MinLon = 73, MaxLon = 136, MinLat = 3, MaxLat = 54;

    public const string OutsideChina = "coordinates_outside_china";

    private static readonly char[] LicenceSeparators = [';', '；'];
    private static readonly string[] Snake = Enum.GetValues<LedgerField>().Select(SnakeCase).ToArray();
    private static readonly string KnownSectors = string.Join("、", Enum.GetValues<Sector>().Select(LedgerLabels.Of));

    private readonly int[] _index;
    private readonly LedgerParseOptions _options;

    public LedgerRowParser(ResolvedColumns columns, LedgerParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(options);
        _index = Enum.GetValues<LedgerField>().Select(columns.IndexOf).ToArray();
        _options = options;
    }

    public RowResult Parse(int line, IReadOnlyList<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (IsBlank(cells)) return RowResult.Blank(line);
        var p = new Problems(line);
        RefuseControlCharacters(cells, p);

        LedgerCode? code = null;
        if (Cell(cells, LedgerField.Code) is not { } codeText) p.Required(LedgerField.Code, "The credit code (or 15-digit registration number) is required.");
        else
        {
            try { code = LedgerCode.Parse(codeText, LedgerField.Code.FieldName()); }
            catch (RuleViolation v) { p.Add(v.Field ?? LedgerField.Code.FieldName(), v.Code, v.Message, v.Arguments); }
        }

        var name = RequiredText(cells, LedgerField.Name, Business.MaxNameLength, p);
        var kind = Vocabulary(cells, LedgerField.Kind, LedgerValues.TryParseKind, _options.DefaultKind, p,
            "use 企业, 个体工商户, 农民专业合作社 or 分公司");
        var (sector, sectors) = ParseSectors(cells, p);
        var scale = Vocabulary(cells, LedgerField.Scale, LedgerValues.TryParseScale, _options.DefaultScale, p, "use 微型, 小型, 中型 or 大型");
        var keyIndustry = false;
        if (Cell(cells, LedgerField.KeyIndustry) is { } keyText && !LedgerValues.TryParseBoolean(keyText, out keyIndustry))
            p.Add(LedgerField.KeyIndustry, "key_industry_invalid", $"'{keyText}' is not yes or no; use 是 or 否.");
        var legal = OptionalText(cells, LedgerField.LegalRepresentative, Business.MaxPersonLength, p);
        var address = RequiredText(cells, LedgerField.Address, Business.MaxAddressLength, p);
        var (lon, lat) = ParseLocation(cells, p);
        var status = Vocabulary(cells, LedgerField.Status, LedgerValues.TryParseStatus, BusinessStatus.Operating, p,
            "use 在营 (存续), 停业 or 注销");
        var openedOn = Date(cells, LedgerField.OpenedOn, required: true, mayBeFuture: false, p);
        var statusSince = Date(cells, LedgerField.StatusSince, required: false, mayBeFuture: false, p);
        if (openedOn is { } o && statusSince is { } s && s < o)
            p.Add(LedgerField.StatusSince, "status_before_opening",
                $"The status date {s:yyyy-MM-dd} is before the opening date {o:yyyy-MM-dd}.");
        var contactPerson = OptionalText(cells, LedgerField.ContactPerson, Business.MaxPersonLength, p);
        var contactPhone = OptionalText(cells, LedgerField.ContactPhone, Business.MaxPhoneLength, p);
        var licences = ParseLicences(cells, p);

        if (p.Any) return RowResult.Refused(line, p.List, code);
        return RowResult.Valid(line, new BusinessFacts(code!.Value, name!, kind, sector, sectors, scale, keyIndustry, address!, lon, lat,
            legal, contactPerson, contactPhone, status, openedOn!.Value, statusSince, licences));
    }

    private (Sector Primary, SectorSet All) ParseSectors(IReadOnlyList<string?> cells, Problems p)
    {
        if (Cell(cells, LedgerField.Sectors) is not { } text)
        {
            p.Required(LedgerField.Sectors, $"At least one sector is required ({KnownSectors}).");
            return default;
        }
        Sector? primary = null;
        var all = new SectorSet(0);
        var any = false;
        foreach (var part in LedgerValues.SplitList(text))
        {
            any = true;
            if (!LedgerValues.TryParseSector(part, out var sector))
            {
                p.Add(LedgerField.Sectors, "sector_unknown", $"unknown sector '{part}'; the sectors are {KnownSectors}.");
                continue;
            }
            primary ??= sector;
            all = all.With(sector);
        }
        if (!any) p.Required(LedgerField.Sectors, $"At least one sector is required ({KnownSectors}).");
        return (primary ?? default, all);
    }

    private (double Lon, double Lat) ParseLocation(IReadOnlyList<string?> cells, Problems p)
    {
        var lon = Coordinate(cells, LedgerField.Lon, "longitude", p);
        var lat = Coordinate(cells, LedgerField.Lat, "latitude", p);
        var crs = _options.CoordinatesAreGcj02 ? LedgerCrs.Gcj02 : LedgerCrs.Wgs84;
        if (Cell(cells, LedgerField.Crs) is { } crsText && !LedgerValues.TryParseCrs(crsText, out crs))
            p.Add(LedgerField.Crs, "crs_unknown", crsText.Contains("bd", StringComparison.OrdinalIgnoreCase) || crsText.Contains("百度")
                ? $"'{crsText}': Baidu (BD-09) coordinates are not accepted; export GCJ-02 or WGS-84 instead."
                : $"'{crsText}' is not a coordinate system; use WGS-84 or GCJ-02 (火星坐标), or leave it empty for the file's default.");
        if (lon is not { } x || lat is not { } y) return default;

        var lonIn = x is >= MinLon and <= MaxLon;
        var latIn = y is >= MinLat and <= MaxLat;
        if (!lonIn || !latIn)
        {
            if (x is >= MinLat and <= MaxLat && y is >= MinLon and <= MaxLon)
                p.Add(LedgerField.Lon, OutsideChina,
                    $"Longitude {Show(x)} and latitude {Show(y)} look swapped: the longitude is a latitude in China and the latitude a longitude. Swap the two columns.");
            else
            {
                if (!lonIn) p.Add(LedgerField.Lon, OutsideChina, $"Longitude {Show(x)} is outside China ({MinLon}–{MaxLon}).");
                if (!latIn) p.Add(LedgerField.Lat, OutsideChina, $"Latitude {Show(y)} is outside China ({MinLat}–{MaxLat}).");
            }
            return default;
        }
        if (crs != LedgerCrs.Gcj02) return (x, y);
        return (_options.Gcj02ToWgs84 ?? throw new InvalidOperationException("GCJ-02 rows need LedgerParseOptions.Gcj02ToWgs84."))(x, y);
    }

    private double? Coordinate(IReadOnlyList<string?> cells, LedgerField field, string what, Problems p)
    {
        if (Cell(cells, field) is not { } text)
        {
            p.Required(field, $"The {what} is required.");
            return null;
        }
        if (LedgerValues.TryParseCoordinate(text, out var value)) return value;
        p.Add(field, "coordinate_invalid", $"'{text}' is not a {what} in decimal degrees (e.g. 113.2644).");
        return null;
    }

    private IReadOnlyList<LicenceFacts> ParseLicences(IReadOnlyList<string?> cells, Problems p)
    {
        var kindText = Cell(cells, LedgerField.LicenceKind);
        var numberText = Cell(cells, LedgerField.LicenceNumber);
        var scopeText = Cell(cells, LedgerField.LicenceScope);
        var issuedText = Cell(cells, LedgerField.LicenceIssuedOn);
        var expiresText = Cell(cells, LedgerField.LicenceExpiresOn);
        if (kindText is null && numberText is null && scopeText is null && issuedText is null && expiresText is null) return [];

        // How many licences the row lists is decided by the kind and number columns; the others must list as many.
        var count = Math.Max(Entries(kindText), Entries(numberText));
        if (count <= 1)
            return OneLicence(kindText, numberText, scopeText, issuedText, expiresText, null, p) is { } one ? [one] : [];
        var columns = new (LedgerField Field, string? Text)[]
        {
            (LedgerField.LicenceKind, kindText), (LedgerField.LicenceNumber, numberText), (LedgerField.LicenceScope, scopeText),
            (LedgerField.LicenceIssuedOn, issuedText), (LedgerField.LicenceExpiresOn, expiresText),
        };
        var split = new string?[columns.Length][];
        var mismatch = false;
        for (var c = 0; c < columns.Length; c++)
        {
            split[c] = columns[c].Text is { } t ? t.Split(LicenceSeparators, StringSplitOptions.TrimEntries) : new string?[count];
            if (split[c].Length == count) continue;
            mismatch = true;
            p.Add(columns[c].Field, "licence_count_mismatch",
                $"The row lists {count} licences but {split[c].Length} entries in {columns[c].Field.FieldName()}; separate the entries of every licence column with ';', leaving an entry empty rather than out.");
        }
        if (mismatch) return [];
        var licences = new List<LicenceFacts>(count);
        for (var i = 0; i < count; i++)
            if (OneLicence(Empty(split[0][i]), Empty(split[1][i]), Empty(split[2][i]), Empty(split[3][i]), Empty(split[4][i]), i + 1, p) is { } l)
                licences.Add(l);
        return licences;
    }

    private LicenceFacts? OneLicence(string? kindText, string? numberText, string? scope, string? issuedText, string? expiresText, int? ordinal, Problems p)
    {
        if (kindText is null && numberText is null && scope is null && issuedText is null && expiresText is null) return null;
        var which = ordinal is { } n ? $" (licence {n})" : "";
        LicenceKind? kind = null;
        if (kindText is null) p.Required(LedgerField.LicenceKind, $"A licence needs its kind{which}, e.g. 食品经营许可证.");
        else if (LedgerValues.TryParseLicenceKind(kindText, out var k)) kind = k;
        else p.Add(LedgerField.LicenceKind, "licence_kind_unknown", $"Unknown licence kind '{kindText}'{which}; e.g. 食品经营许可证, 食品生产许可证, 小餐饮登记证.");
        if (numberText is null) p.Required(LedgerField.LicenceNumber, $"A licence needs its number{which}.");
        else if (numberText.Length > Licence.MaxNumberLength)
            p.TooLong(LedgerField.LicenceNumber, Licence.MaxNumberLength, which);
        if (scope is { Length: > Licence.MaxScopeLength })
            p.TooLong(LedgerField.LicenceScope, Licence.MaxScopeLength, which);
        var issued = ParseDate(issuedText, LedgerField.LicenceIssuedOn, required: false, mayBeFuture: false, which, p);
        var expires = ParseDate(expiresText, LedgerField.LicenceExpiresOn, required: false, mayBeFuture: true, which, p);
        if (issued is { } i && expires is { } e && e < i)
            p.Add(LedgerField.LicenceExpiresOn, "licence_expires_before_issued", $"The licence expires on {e:yyyy-MM-dd}, before it was issued on {i:yyyy-MM-dd}{which}.");
        return kind is { } kk && numberText is not null ? new LicenceFacts(kk, numberText, scope, issued, expires) : null;
    }

    private DateOnly? Date(IReadOnlyList<string?> cells, LedgerField field, bool required, bool mayBeFuture, Problems p) =>
        ParseDate(Cell(cells, field), field, required, mayBeFuture, "", p);

    private DateOnly? ParseDate(string? text, LedgerField field, bool required, bool mayBeFuture, string which, Problems p)
    {
        if (text is null)
        {
            if (required) p.Required(field, $"The {Words(field)} is required.");
            return null;
        }
        if (!LedgerValues.TryParseDate(text, out var date))
        {
            p.Add(field, "date_invalid", $"'{text}' is not a date{which}; write it as 2021-03-15, 2021/3/15, 20210315 or 2021年3月15日.", [text]);
            return null;
        }
        if (LedgerValues.IsTooEarly(date))
        {
            p.Add(field, "date_too_early", $"{date:yyyy-MM-dd}{which} is before {LedgerValues.EarliestDate:yyyy-MM-dd}, earlier than any ledger date can be.");
            return null;
        }
        if (!mayBeFuture && LedgerValues.IsInFuture(date, _options.AsOf))
        {
            p.Add(field, "date_in_future", $"{date:yyyy-MM-dd}{which} is in the future (today is {_options.AsOf:yyyy-MM-dd}).");
            return null;
        }
        return date;
    }

    private T Vocabulary<T>(IReadOnlyList<string?> cells, LedgerField field, TryParse<T> parse, T fallback, Problems p, string hint)
    {
        if (Cell(cells, field) is not { } text) return fallback;
        if (parse(text, out var value)) return value;
        p.Add(field, $"{Snake[(int)field]}_unknown", $"Unknown {Words(field)} '{text}'; {hint}.", [text]);
        return fallback;
    }

    private delegate bool TryParse<T>(string text, out T value);

    private string? RequiredText(IReadOnlyList<string?> cells, LedgerField field, int max, Problems p)
    {
        if (Cell(cells, field) is not { } text)
        {
            p.Required(field, $"The {Words(field)} is required.");
            return null;
        }
        if (text.Length > max) p.TooLong(field, max, "");
        return text;
    }

    private string? OptionalText(IReadOnlyList<string?> cells, LedgerField field, int max, Problems p)
    {
        var text = Cell(cells, field);
        if (text is { } t && t.Length > max) p.TooLong(field, max, "");
        return text;
    }

    /// <summary>
    /// A NUL, another control character or a text-direction override in a cell is refused with its row, by the same
    /// rule as the API's (<see cref="TextRules"/>): PostgreSQL cannot store NUL at all, and a record must read the same
    /// on either database. Tab and line breaks are text (an address typed with Alt+Enter).
    /// </summary>
    private void RefuseControlCharacters(IReadOnlyList<string?> cells, Problems p)
    {
        foreach (var field in Enum.GetValues<LedgerField>())
        {
            var i = _index[(int)field];
            if (i < 0 || i >= cells.Count || cells[i] is not { } text) continue;
            if (TextRules.Problem(text) is { } why)
                p.Add(field, "control_character", $"The {Words(field)} {why}; remove it and import the row again.");
        }
    }

    private string? Cell(IReadOnlyList<string?> cells, LedgerField field)
    {
        var i = _index[(int)field];
        return i >= 0 && i < cells.Count ? Empty(cells[i]) : null;
    }

    private static string? Empty(string? text)
    {
        if (text is null) return null;
        var t = text.Trim();
        return t.Length == 0 ? null : t;
    }

    private static bool IsBlank(IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
            if (!string.IsNullOrWhiteSpace(cells[i])) return false;
        return true;
    }

    private static int Entries(string? text) => text is null ? 0 : text.Split(LicenceSeparators).Length;

    private static string Show(double v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Words(LedgerField field) => field switch
    {
        LedgerField.Code => "credit code",
        LedgerField.KeyIndustry => "key-industry flag",
        LedgerField.Lon => "longitude",
        LedgerField.Lat => "latitude",
        LedgerField.Crs => "coordinate system",
        LedgerField.OpenedOn => "opening date",
        LedgerField.StatusSince => "status date",
        LedgerField.LicenceIssuedOn => "licence issue date",
        LedgerField.LicenceExpiresOn => "licence expiry date",
        _ => Snake[(int)field].Replace('_', ' '),
    };

    private static string SnakeCase(LedgerField field)
    {
        var name = field.ToString();
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    /// <summary>The problems of one row, collected in column order.</summary>
    private sealed class Problems(int line)
    {
        public List<RowProblem> List { get; } = [];
        public bool Any => List.Count > 0;

        public void Add(string field, string code, string message, IReadOnlyList<string>? arguments = null) =>
            List.Add(new RowProblem(line, field, code, message, arguments is { Count: > 0 } ? arguments : null));

        public void Add(LedgerField field, string code, string message, IReadOnlyList<string>? arguments = null) =>
            Add(field.FieldName(), code, message, arguments);

        public void Required(LedgerField field, string message) => Add(field, $"{Snake[(int)field]}_required", message);

        public void TooLong(LedgerField field, int max, string which) =>
            Add(field, $"{Snake[(int)field]}_too_long", $"The {Words(field)}{which} is longer than {max} characters.");
    }
}
