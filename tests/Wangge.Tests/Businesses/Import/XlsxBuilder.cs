using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Wangge.Tests.Businesses.Import;

/// <summary>
/// Writes a minimal XLSX by hand: MiniExcel cannot write merged cells, and ledger templates are full of them (a
/// title merged across the sheet, 许可证信息 over its sub-columns, names merged down over two header rows). The
/// sheet XML is what Excel writes: inline strings, numbers, dates as serials with a date style, a dimension, and
/// the cells a merge covers present but empty (or, optionally, absent as some other tools write them).
/// </summary>
internal sealed class XlsxBuilder
{
    private readonly List<(string Name, SortedDictionary<int, SortedDictionary<int, object?>> Rows, List<string> Merges)> _sheets = [];

    public XlsxBuilder Sheet(string name)
    {
        _sheets.Add((name, [], []));
        return this;
    }

    /// <summary>Values from column A of a row; null leaves a cell out. A <see cref="DateOnly"/> is a date-styled serial.</summary>
    public XlsxBuilder Row(int row, params object?[] values)
    {
        var cells = Current.Rows.TryGetValue(row, out var r) ? r : Current.Rows[row] = [];
        for (var c = 0; c < values.Length; c++)
            if (values[c] is not null)
                cells[c] = values[c];
        return this;
    }

    /// <summary>Merges a range such as "A1:F1"; <paramref name="writeCoveredCells"/> writes its other cells empty, as Excel does.</summary>
    public XlsxBuilder Merge(string range, bool writeCoveredCells = true)
    {
        Current.Merges.Add(range);
        if (!writeCoveredCells) return this;
        var (c1, r1) = Parse(range.Split(':')[0]);
        var (c2, r2) = Parse(range.Split(':')[1]);
        for (var r = r1; r <= r2; r++)
            for (var c = c1; c <= c2; c++)
                if (r != r1 || c != c1)
                {
                    var cells = Current.Rows.TryGetValue(r, out var x) ? x : Current.Rows[r] = [];
                    cells.TryAdd(c, Covered.Instance);
                }
        return this;
    }

    public void Save(string path) => File.WriteAllBytes(path, Build());

    public byte[] Build()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            var overrides = string.Concat(_sheets.Select((_, i) =>
                $"""<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""));
            Entry(zip, "[Content_Types].xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>""");
            Entry(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            var sheets = string.Concat(_sheets.Select((s, i) => $"""<sheet name="{SecurityElement.Escape(s.Name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>"""));
            Entry(zip, "xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>""");
            var rels = string.Concat(_sheets.Select((_, i) =>
                $"""<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>"""));
            Entry(zip, "xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}<Relationship Id="rId{_sheets.Count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");
            // Style 1 is the built-in short date format 14, which is how Excel stores a typed date.
            Entry(zip, "xl/styles.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""");
            for (var i = 0; i < _sheets.Count; i++) Entry(zip, $"xl/worksheets/sheet{i + 1}.xml", SheetXml(_sheets[i].Rows, _sheets[i].Merges));
        }
        return ms.ToArray();
    }

    private (string Name, SortedDictionary<int, SortedDictionary<int, object?>> Rows, List<string> Merges) Current =>
        _sheets.Count > 0 ? _sheets[^1] : Sheet("Sheet1")._sheets[^1];

    private static string SheetXml(SortedDictionary<int, SortedDictionary<int, object?>> rows, List<string> merges)
    {
        var sb = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        var maxRow = rows.Count == 0 ? 1 : rows.Keys.Max();
        var maxCol = rows.Count == 0 ? 0 : rows.Values.Where(r => r.Count > 0).Select(r => r.Keys.Max()).DefaultIfEmpty(0).Max();
        sb.Append($"""<dimension ref="A1:{Column(maxCol)}{maxRow}"/><sheetData>""");
        foreach (var (r, cells) in rows)
        {
            sb.Append($"""<row r="{r}">""");
            foreach (var (c, value) in cells)
            {
                var reference = $"{Column(c)}{r}";
                sb.Append(value switch
                {
                    Covered => $"""<c r="{reference}"/>""",
                    string s => $"""<c r="{reference}" t="inlineStr"><is><t>{SecurityElement.Escape(s)}</t></is></c>""",
                    DateOnly d => $"""<c r="{reference}" s="1"><v>{d.DayNumber - new DateOnly(1899, 12, 30).DayNumber}</v></c>""",
                    bool b => $"""<c r="{reference}" t="b"><v>{(b ? 1 : 0)}</v></c>""",
                    IFormattable n => $"""<c r="{reference}"><v>{n.ToString(null, CultureInfo.InvariantCulture)}</v></c>""",
                    _ => throw new ArgumentException($"Cannot write {value}."),
                });
            }
            sb.Append("</row>");
        }
        sb.Append("</sheetData>");
        if (merges.Count > 0)
            sb.Append($"""<mergeCells count="{merges.Count}">{string.Concat(merges.Select(m => $"""<mergeCell ref="{m}"/>"""))}</mergeCells>""");
        return sb.Append("</worksheet>").ToString();
    }

    private static void Entry(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    private static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private static (int Col, int Row) Parse(string reference)
    {
        var letters = reference.TakeWhile(char.IsLetter).Aggregate(0, (acc, ch) => acc * 26 + (ch - 'A' + 1));
        return (letters - 1, int.Parse(reference[reference.TakeWhile(char.IsLetter).Count()..], CultureInfo.InvariantCulture));
    }

    private sealed class Covered
    {
        public static readonly Covered Instance = new();
    }
}
