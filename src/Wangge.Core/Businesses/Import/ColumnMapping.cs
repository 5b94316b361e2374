using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Wangge.Core.Common;

namespace Wangge.Core.Businesses.Import;

/// <summary>
/// Which header text means which <see cref="LedgerField"/>. The built-in aliases cover the column names of the
/// ledger templates in use (Chinese and English); a mapping file adds a district's own names or overrides them.
/// Headers are compared after folding full-width forms, dropping whitespace, '_', '-' and the '*' that templates
/// put on required columns, and ignoring case, so 「 企业名称* 」, "Credit_Code" and "creditCode" all match.
/// A header with a bracketed note that matches nothing, such as 经度(WGS84), is tried again without the note.
/// </summary>
public sealed class ColumnMapping
{
    private static readonly (LedgerField Field, string[] Aliases)[] BuiltIn =
    [
        (LedgerField.Code, ["统一社会信用代码", "社会信用代码", "信用代码", "注册号", "统一社会信用代码/注册号", "统一代码", "credit_code", "code", "business_id", "ledger_code"]),
        (LedgerField.Name, ["名称", "企业名称", "主体名称", "单位名称", "字号名称", "市场主体名称", "name"]),
        (LedgerField.Kind, ["主体类型", "类型", "市场主体类型", "企业类型", "kind", "type"]),
        (LedgerField.Sectors, ["行业", "行业类别", "监管类别", "经营类别", "sector", "sectors"]),
        (LedgerField.Scale, ["规模", "企业规模", "scale", "size"]),
        (LedgerField.KeyIndustry, ["重点行业", "是否重点", "是否重点行业", "key_industry"]),
        (LedgerField.LegalRepresentative, ["法定代表人", "负责人", "经营者", "法定代表人/负责人", "法定代表人(负责人)", "legal_representative"]),
        (LedgerField.Address, ["地址", "经营地址", "经营场所", "住所", "住所/经营场所", "address"]),
        (LedgerField.Lon, ["经度", "lon", "lng", "longitude"]),
        (LedgerField.Lat, ["纬度", "lat", "latitude"]),
        (LedgerField.Crs, ["坐标系", "crs"]),
        (LedgerField.Status, ["状态", "经营状态", "登记状态", "status"]),
        (LedgerField.OpenedOn, ["成立日期", "开业日期", "注册日期", "opened_on"]),
        (LedgerField.StatusSince, ["状态日期", "注销日期", "变更日期", "status_since"]),
        (LedgerField.ContactPerson, ["联系人", "contact_person"]),
        (LedgerField.ContactPhone, ["联系电话", "电话", "手机", "联系方式", "contact_phone", "phone"]),
        (LedgerField.LicenceKind, ["许可证类型", "证照类型", "许可证种类", "licence_kind", "license_kind"]),
        (LedgerField.LicenceNumber, ["许可证号", "许可证编号", "证照编号", "licence_number", "license_number"]),
        (LedgerField.LicenceScope, ["许可范围", "经营项目", "licence_scope", "license_scope"]),
        (LedgerField.LicenceIssuedOn, ["发证日期", "licence_issued_on", "license_issued_on"]),
        (LedgerField.LicenceExpiresOn, ["有效期至", "到期日期", "有效期限至", "licence_expires_on", "license_expires_on"]),
    ];

    private static readonly FrozenDictionary<string, LedgerField> FieldsByName =
        Enum.GetValues<LedgerField>().ToFrozenDictionary(f => Normalise(f.ToString()), f => f);

    // A null value is a header that a mapping file says to ignore even though an alias would match it.
    private readonly FrozenDictionary<string, LedgerField?> _fields;

    private ColumnMapping(Dictionary<string, LedgerField?> fields) => _fields = fields.ToFrozenDictionary();

    /// <summary>The built-in aliases only.</summary>
    public static ColumnMapping Default { get; } = new(DefaultAliases());

    /// <summary>
    /// The built-in aliases extended and overridden by a mapping file:
    /// <c>{"columns": {"企业名称": "name", "X坐标": "lon", "备注": null}}</c>. Field names are the camelCase names
    /// of <see cref="LedgerField"/>, case-insensitive; null (or "") ignores a header that an alias would match.
    /// </summary>
    public static ColumnMapping FromJson(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }); }
        catch (JsonException e) { throw RuleViolation.Invalid("mapping", "mapping_invalid", $"The mapping file is not valid JSON: {e.Message}"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("columns", out var columns)
                || columns.ValueKind != JsonValueKind.Object)
                throw RuleViolation.Invalid("mapping", "mapping_invalid", """The mapping file needs an object "columns" of header → field, e.g. {"columns": {"企业名称": "name"}}.""");
            var fields = DefaultAliases();
            foreach (var entry in columns.EnumerateObject())
            {
                var header = Normalise(entry.Name);
                if (header.Length == 0)
                    throw RuleViolation.Invalid("mapping", "mapping_header_empty", "The mapping file has an entry with an empty header.");
                var value = entry.Value.ValueKind switch
                {
                    JsonValueKind.Null => "",
                    JsonValueKind.String => entry.Value.GetString() ?? "",
                    _ => throw RuleViolation.Invalid("mapping", "mapping_field_unknown", $"Mapping entry '{entry.Name}': the field must be a name such as \"name\", not {entry.Value.GetRawText()}."),
                };
                if (value.Trim().Length == 0) { fields[header] = null; continue; }
                if (!FieldsByName.TryGetValue(Normalise(value), out var field))
                    throw RuleViolation.Invalid("mapping", "mapping_field_unknown",
                        $"Mapping entry '{entry.Name}': '{value}' is not a ledger field; the fields are {string.Join(", ", Enum.GetValues<LedgerField>().Select(f => f.FieldName()))}.");
                fields[header] = field;
            }
            return new ColumnMapping(fields);
        }
    }

    /// <summary>The field a header means, if any.</summary>
    public bool TryGetField(string? header, out LedgerField field)
    {
        field = default;
        if (header is null) return false;
        var key = Normalise(header);
        if (key.Length == 0) return false;
        if (_fields.TryGetValue(key, out var found))
        {
            if (found is not { } f) return false;
            field = f;
            return true;
        }
        var bracket = key.IndexOf('(');
        if (bracket > 0 && _fields.TryGetValue(key[..bracket], out found) && found is { } g)
        {
            field = g;
            return true;
        }
        return false;
    }

    /// <summary>How many different fields the cells of a row name: how much the row looks like this file's header.</summary>
    public int KnownFieldCount(IReadOnlyList<string?> cells)
    {
        var seen = 0L;
        var count = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            if (!TryGetField(cells[i], out var f)) continue;
            var bit = 1L << (int)f;
            if ((seen & bit) != 0) continue;
            seen |= bit;
            count++;
        }
        return count;
    }

    /// <summary>
    /// Finds each field's column. Headers that mean nothing are ignored and listed; two headers meaning the same
    /// field, or no column for the code or the name, are refused on the field "columns".
    /// </summary>
    public ResolvedColumns Resolve(IReadOnlyList<string?> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var index = new int[LedgerFieldNames.Count];
        Array.Fill(index, -1);
        var ignored = new List<string>();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            if (string.IsNullOrWhiteSpace(header)) continue;
            if (!TryGetField(header, out var field))
            {
                ignored.Add(header.Trim());
                continue;
            }
            var first = index[(int)field];
            if (first >= 0)
                throw RuleViolation.Invalid("columns", "column_duplicate",
                    $"Columns '{headers[first]!.Trim()}' (column {first + 1}) and '{header.Trim()}' (column {i + 1}) both mean {field.FieldName()}; remove one, or map one to another field or to null in a mapping file.");
            index[(int)field] = i;
        }
        var missing = RequiredFields.Where(f => index[(int)f] < 0).Select(f => f.FieldName()).ToList();
        if (missing.Count > 0)
        {
            var seen = headers.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => $"'{h!.Trim()}'").ToList();
            throw RuleViolation.Invalid("columns", "columns_missing",
                $"The file has no column for {string.Join(" and ", missing)}. Headers seen: {(seen.Count == 0 ? "none" : string.Join(", ", seen))}. " +
                """Name the columns in a mapping file, e.g. {"columns": {"企业代码": "code"}}.""");
        }
        return new ResolvedColumns(index, [.. headers], ignored);
    }

    /// <summary>The columns a file must have for a row to be read at all.</summary>
    public static IReadOnlyList<LedgerField> RequiredFields { get; } = [LedgerField.Code, LedgerField.Name];

    private static Dictionary<string, LedgerField?> DefaultAliases()
    {
        var fields = new Dictionary<string, LedgerField?>();
        foreach (var (field, aliases) in BuiltIn)
            foreach (var alias in aliases)
                fields[Normalise(alias)] = field;
        foreach (var (name, field) in FieldsByName) fields.TryAdd(name, field);
        return fields;
    }

    /// <summary>A header as it is compared: full-width folded, no whitespace, '_', '-' or '*', lowercase.</summary>
    private static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (char.IsWhiteSpace(c) || c is '_' or '-' or '*' or '\uFEFF' or '\u200B') continue;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
