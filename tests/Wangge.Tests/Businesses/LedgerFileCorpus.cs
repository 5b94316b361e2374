using System.Globalization;
using System.IO.Compression;
using System.Text;
using Wangge.Tests.Businesses.Import;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Businesses;

/// <summary>What an upload of the corpus must get: a refusal with nothing saved, a report of refused rows with the
/// good ones saved, everything saved, or at least no server error and a database that matches the answer.</summary>
public enum Expect
{
    Refused,
    Rows,
    Saved,
    NoServerError,
}

/// <summary>One bad (or awkward) file for an import endpoint and what it must get.</summary>
public sealed record UploadCase(string Name, Func<byte[]> File, string FileName, Expect Expect, string? Field = null, string Query = "",
    Func<byte[]>? Mapping = null, int? Created = null, int? ProblemLine = null, string? ProblemCode = null);

/// <summary>
/// Ledger files a careless client or an attacker sends to POST /api/v1/businesses/import: encodings, BOMs, NULs and
/// control characters, quotes, separators, huge fields and headers, too many columns, files that are not workbooks,
/// broken zips and LIVES feeds. Each case has its own credit codes (600,000 + 20 × its number on), so a case that
/// saves rows it should not is seen.
/// </summary>
public static class LedgerFileCorpus
{
    private const string Header = "统一社会信用代码,名称,主体类型,行业,地址,经度,纬度,成立日期";

    public static string Row(int n, string name = "语料餐厅", string lon = "113.05", string lat = "23.3", string address = "测试路1号",
        string opened = "2020-01-01", char sep = ',') =>
        string.Join(sep, TestDistrict.Code(n), name + n.ToString(CultureInfo.InvariantCulture), "企业", "餐饮服务", address, lon, lat, opened);

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static Encoding Gb18030
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030");
        }
    }

    private static byte[] Csv(params string[] lines) => Utf8(string.Join("\n", lines));

    public static byte[] Zip(params (string Name, byte[] Data)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, data) in entries)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(data);
            }
        return memory.ToArray();
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] Junk(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Workbook(params object?[][] rows)
    {
        var builder = new XlsxBuilder().Sheet("台账");
        for (var i = 0; i < rows.Length; i++) builder.Row(i + 1, rows[i]);
        return builder.Build();
    }

    private static object?[] Cells(int n, string name = "语料餐厅") => [TestDistrict.Code(n), name + n, "企业", "餐饮服务", "测试路1号", 113.05, 23.3, "2020-01-01"];

    private static readonly object?[] HeaderCells = Header.Split(',');

    /// <summary>A workbook whose sheet XML stops half-way, after its first rows.</summary>
    private static byte[] TruncatedWorkbook(int b)
    {
        var whole = Workbook([HeaderCells, Cells(b), Cells(b + 1), .. Enumerable.Range(2, 200).Select(i => Cells(b + i % 18))]);
        using var memory = new MemoryStream();
        memory.Write(whole);
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var r = new StreamReader(entry.Open())) xml = r.ReadToEnd();
            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            w.Write(xml[..(xml.Length * 2 / 3)]);
        }
        return memory.ToArray();
    }

    /// <summary>More than the sniffed megabyte of good UTF-8 rows, then one row in GBK: the case that used to save the rows before it.</summary>
    private static byte[] EncodingChangesAfterGoodRows()
    {
        var good = string.Join("\n", Enumerable.Range(700_000, 14_000).Select(n => Row(n)));
        return Concat(Utf8(Header + "\n" + good + "\n"), Gb18030.GetBytes(Row(714_001, name: "广东餐厅")));
    }

    private static byte[] LivesBusinesses(int b, int rows, string name = "LIVES餐厅") => Csv(
        ["business_id,name,address,city,longitude,latitude,phone_number", .. Enumerable.Range(b, rows).Select(n =>
            $"{TestDistrict.Code(n)},{name}{n},测试路{n}号,广州,113.05,23.3,020-1234567")]);

    private static readonly byte[] FeedInfo = Csv("feed_date,feed_version,municipality_name,municipality_url,contact_email", "20240101,1.0,白云区,https://example.org,a@example.org");
    private static readonly byte[] Legend = Csv("minimum_score,maximum_score,description", "0,59,不合格", "60,100,合格");

    public static IReadOnlyDictionary<string, UploadCase> Cases { get; } = Build();

    private static Dictionary<string, UploadCase> Build()
    {
        var list = new List<Func<int, UploadCase>>
        {
            // Empty and not text at all.
            _ => new("zero-byte csv", () => [], "ledger.csv", Expect.Refused, "file"),
            _ => new("zero-byte xlsx", () => [], "ledger.xlsx", Expect.Refused, "file"),
            _ => new("only a UTF-8 BOM", () => [0xEF, 0xBB, 0xBF], "ledger.csv", Expect.Refused, "file"),
            _ => new("only line breaks", () => Utf8("\n\n\r\n\n"), "ledger.csv", Expect.Refused, "file"),
            _ => new("binary junk as csv", () => Junk(50_000, 1), "ledger.csv", Expect.Refused, "file"),
            _ => new("a PNG named csv", () => Concat([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], Junk(2000, 2)), "ledger.csv", Expect.Refused, "file"),
            _ => new("NUL bytes only", () => new byte[4096], "ledger.csv", Expect.Refused, "file"),
            // Named .xlsx but not a workbook.
            _ => new("text named xlsx", () => Csv(Header, Row(1)), "ledger.xlsx", Expect.Refused, "file"),
            _ => new("junk named xlsx", () => Junk(10_000, 3), "ledger.xlsx", Expect.Refused, "file"),
            _ => new("truncated zip named xlsx", () => Workbook([HeaderCells, Cells(1)])[..300], "ledger.xlsx", Expect.Refused, "file"),
            _ => new("zip of a text file named xlsx", () => Zip(("hello.txt", Utf8("hello"))), "ledger.xlsx", Expect.Refused, "file"),
            _ => new("empty zip named xlsx", () => Zip(), "ledger.xlsx", Expect.Refused, "file"),
            _ => new("zip header then junk named xlsx", () => Concat([0x50, 0x4B, 0x03, 0x04], Junk(5000, 4)), "ledger.xlsx", Expect.Refused, "file"),
            _ => new("old Excel named xlsx", () => Concat([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], Junk(4000, 5)), "ledger.xlsx", Expect.Refused, "file"),
            b => new("sheet XML cut half-way", () => TruncatedWorkbook(b), "ledger.xlsx", Expect.Refused, "file"),
            _ => new("workbook with an empty sheet", () => new XlsxBuilder().Sheet("空").Build(), "ledger.xlsx", Expect.Refused, "file"),
            // Wrong extensions.
            _ => new("old .xls extension", () => Csv(Header, Row(1)), "ledger.xls", Expect.Refused, "file"),
            _ => new("pdf extension", () => Utf8("%PDF-1.4 junk"), "ledger.pdf", Expect.Refused, "file"),
            _ => new("no extension", () => Csv(Header, Row(1)), "ledger", Expect.Refused, "file"),
            _ => new("path in the file name", () => Junk(300, 6), "../../etc/passwd.csv", Expect.Refused, "file"),
            // Too wide, too long.
            _ => new("xlsx of 16,000 columns", () => Workbook(new object?[][] { [.. HeaderCells, .. Enumerable.Range(0, 16_000).Select(i => (object?)$"列{i}")] }), "ledger.xlsx", Expect.Refused, "file"),
            _ => new("csv header of 20,000 columns", () => Csv(Header + string.Concat(Enumerable.Range(0, 20_000).Select(i => $",c{i}")), Row(1)), "ledger.csv", Expect.Refused, "file"),
            b => new("data row of 600 columns after good rows", () => Csv(Header, Row(b), Row(b + 1), Row(b + 2) + new string(',', 600)), "ledger.csv", Expect.Refused, "file"),
            _ => new("header line of 5 MB", () => Utf8(new string('x', 5 << 20) + "\n" + Row(1)), "ledger.csv", Expect.Refused, "file"),
            b => new("a quote never closed, 5 MB on", () => Csv([Header, Row(b), Row(b + 1).Replace(",语料", ",\"语料"), .. Enumerable.Range(0, 60_000).Select(i => Row(b + 2 + i % 15))]),
                "ledger.csv", Expect.Refused, "file"),
            // Encodings.
            _ => new("GBK after a megabyte of UTF-8", EncodingChangesAfterGoodRows, "ledger.csv", Expect.Refused, "file"),
            b => new("GBK row in a file declared utf-8", () => Concat(Utf8(Header + "\n" + Row(b) + "\n"), Gb18030.GetBytes(Row(b + 1, name: "广东"))), "ledger.csv",
                Expect.Refused, "file", "?encoding=utf-8"),
            _ => new("unknown encoding name", () => Csv(Header, Row(1)), "ledger.csv", Expect.Refused, "encoding", "?encoding=klingon"),
            _ => new("UTF-8 file read as utf-16", () => Csv(Header, Row(1)), "ledger.csv", Expect.NoServerError, Query: "?encoding=utf-16"),
            _ => new("UTF-16 BOM then odd junk", () => Concat([0xFF, 0xFE], Junk(1001, 7)), "ledger.csv", Expect.Refused, "file"),
            _ => new("UTF-16BE BOM then junk", () => Concat([0xFE, 0xFF], Junk(1000, 8)), "ledger.csv", Expect.Refused, "file"),
            b => new("UTF-8 with BOM", () => Concat([0xEF, 0xBB, 0xBF], Csv(Header, Row(b), Row(b + 1))), "ledger.csv", Expect.Saved, Created: 2),
            b => new("GBK throughout", () => Gb18030.GetBytes(Header + "\n" + Row(b) + "\n" + Row(b + 1)), "ledger.csv", Expect.Saved, Created: 2),
            b => new("UTF-16LE with BOM", () => Concat([0xFF, 0xFE], Encoding.Unicode.GetBytes(Header + "\n" + Row(b))), "ledger.csv", Expect.Saved, Created: 1),
            b => new("a BOM inside a row", () => Csv(Header, Row(b), "\uFEFF" + Row(b + 1)), "ledger.csv", Expect.NoServerError),
            // Separators and line ends.
            b => new("tab separated", () => Csv(Header.Replace(',', '\t'), Row(b, sep: '\t')), "ledger.tsv", Expect.Saved, Created: 1),
            b => new("semicolon separated", () => Csv(Header.Replace(',', ';'), Row(b, sep: ';')), "ledger.csv", Expect.Saved, Created: 1),
            b => new("Excel's sep= line", () => Csv("sep=;", Header.Replace(',', ';'), Row(b, sep: ';')), "ledger.csv", Expect.Saved, Created: 1),
            b => new("CRLF line ends", () => Utf8(Header + "\r\n" + Row(b) + "\r\n" + Row(b + 1) + "\r\n"), "ledger.csv", Expect.Saved, Created: 2),
            b => new("CR-only line ends", () => Utf8(Header + "\r" + Row(b) + "\r" + Row(b + 1)), "ledger.csv", Expect.NoServerError),
            b => new("blank lines between rows", () => Csv(Header, "", Row(b), "", "", Row(b + 1), ""), "ledger.csv", Expect.Saved, Created: 2),
            b => new("extra separators at the end of a row", () => Csv(Header, Row(b) + ",,,,"), "ledger.csv", Expect.NoServerError),
            b => new("a row cut short", () => Csv(Header, Row(b), string.Join(',', Row(b + 1).Split(',')[..3])), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3),
            b => new("the header again mid-file", () => Csv(Header, Row(b), Header, Row(b + 1)), "ledger.csv", Expect.NoServerError),
            _ => new("header only", () => Csv(Header), "ledger.csv", Expect.Saved, Created: 0),
            _ => new("title rows but no header", () => Csv("某某网格经济户口台账", "", "制表：某人"), "ledger.csv", Expect.Refused, "file"),
            _ => new("header without the code column", () => Csv("名称,地址", "某店,某路"), "ledger.csv", Expect.Refused, "columns"),
            // NUL and control characters in cells: the row refused at its line, the others saved, on both databases.
            b => new("NUL in a name", () => Csv(Header, Row(b), Row(b + 1, name: "空\0字符")), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3, ProblemCode: "control_character"),
            b => new("NUL in an address", () => Csv(Header, Row(b + 1, address: "路\0号"), Row(b)), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 2, ProblemCode: "control_character"),
            b => new("NUL in the code", () => Csv(Header, Row(b), "\0" + Row(b + 1)), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3),
            b => new("U+0001 in a name", () => Csv(Header, Row(b), Row(b + 1, name: "控\u0001制")), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3, ProblemCode: "control_character"),
            b => new("DEL in a name", () => Csv(Header, Row(b), Row(b + 1, name: "删\u007F除")), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3, ProblemCode: "control_character"),
            b => new("C1 NEL in an address", () => Csv(Header, Row(b), Row(b + 1, address: "路\u0085号")), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3, ProblemCode: "control_character"),
            b => new("escape sequence in a name", () => Csv(Header, Row(b), Row(b + 1, name: "\u001B[31m红")), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3, ProblemCode: "control_character"),
            b => new("NUL in a column that is not read", () => Csv(Header + ",备注", Row(b) + ",备\0注"), "ledger.csv", Expect.Saved, Created: 1),
            b => new("tab inside a quoted name", () => Csv(Header, Row(b).Replace("语料餐厅", "\"语料\t餐厅\"")), "ledger.csv", Expect.NoServerError),
            b => new("line break inside a quoted address", () => Csv(Header, Row(b, address: "\"测试路\n1号\"")), "ledger.csv", Expect.Saved, Created: 1),
            b => new("zero-width name", () => Csv(Header, Row(b, name: "\u200B\u200B")), "ledger.csv", Expect.NoServerError),
            b => new("RTL override in a name", () => Csv(Header, Row(b, name: "\u202Egnp.exe")), "ledger.csv", Expect.NoServerError),
            b => new("formula in a name", () => Csv(Header, Row(b, name: "=cmd|' /C calc'!A0")), "ledger.csv", Expect.NoServerError),
            // Quotes.
            b => new("a quote left open swallows five rows", () => Csv([Header, Row(b), Row(b + 1).Replace(",语料", ",\"语料"), .. Enumerable.Range(2, 5).Select(i => Row(b + i)),
                Row(b + 7, address: "\"测试路, 7号\"")]), "ledger.csv", Expect.Rows, Created: 7, ProblemLine: 3, ProblemCode: "quote_unclosed"),
            b => new("a quote left open to the end of the file", () => Csv([Header, Row(b), Row(b + 1).Replace(",语料", ",\"语料"), .. Enumerable.Range(2, 5).Select(i => Row(b + i))]),
                "ledger.csv", Expect.Rows, Created: 6, ProblemLine: 3, ProblemCode: "quote_unclosed"),
            b => new("a quote left open in the last column", () => Csv([Header, Row(b), Row(b + 1, opened: "\"2020-01-01"), Row(b + 2), Row(b + 3)]),
                "ledger.csv", Expect.Rows, Created: 3, ProblemLine: 3, ProblemCode: "quote_unclosed"),
            b => new("a stray quote inside a field", () => Csv(Header, Row(b, name: "语\"料")), "ledger.csv", Expect.NoServerError),
            b => new("doubled quotes in a quoted field", () => Csv(Header, Row(b).Replace("语料餐厅", "\"语料\"\"餐厅\"\"\"")), "ledger.csv", Expect.Saved, Created: 1),
            b => new("text after a closing quote", () => Csv(Header, Row(b).Replace("语料餐厅", "\"语料\"餐厅")), "ledger.csv", Expect.NoServerError),
            // Huge fields and odd values.
            b => new("an address of 3 MB", () => Csv(Header, Row(b), Row(b + 1, address: new string('路', 1 << 20))), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3),
            b => new("a name of 10,000 characters", () => Csv(Header, Row(b), Row(b + 1, name: new string('名', 10_000))), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3),
            b => new("NaN as a coordinate", () => Csv(Header, Row(b), Row(b + 1, lon: "NaN")), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3),
            b => new("Infinity as a coordinate", () => Csv(Header, Row(b), Row(b + 1, lat: "Infinity")), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3),
            b => new("1e309 as a coordinate", () => Csv(Header, Row(b), Row(b + 1, lon: "1e309")), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3),
            b => new("(0, 0)", () => Csv(Header, Row(b), Row(b + 1, lon: "0", lat: "0")), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3),
            b => new("opened in 1800", () => Csv(Header, Row(b), Row(b + 1, opened: "1800-01-01")), "ledger.csv", Expect.NoServerError),
            b => new("opened in 2999", () => Csv(Header, Row(b), Row(b + 1, opened: "2999-01-01")), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3),
            b => new("one code twice", () => Csv(Header, Row(b), Row(b)), "ledger.csv", Expect.Rows, Created: 1, ProblemLine: 3, ProblemCode: "duplicate_in_file"),
            // Mappings.
            _ => new("mapping not JSON", () => Csv(Header, Row(1)), "ledger.csv", Expect.Refused, "mapping", Mapping: () => Utf8("{columns: nope")),
            _ => new("mapping an array", () => Csv(Header, Row(1)), "ledger.csv", Expect.Refused, "mapping", Mapping: () => Utf8("[1,2,3]")),
            _ => new("mapping to an unknown field", () => Csv(Header, Row(1)), "ledger.csv", Expect.Refused, "mapping", Mapping: () => Utf8("""{"columns":{"名称":"spaceship"}}""")),
            _ => new("mapping to a number", () => Csv(Header, Row(1)), "ledger.csv", Expect.Refused, "mapping", Mapping: () => Utf8("""{"columns":{"名称":42}}""")),
            _ => new("mapping with an empty header", () => Csv(Header, Row(1)), "ledger.csv", Expect.Refused, "mapping", Mapping: () => Utf8("""{"columns":{"  ":"name"}}""")),
            _ => new("mapping of binary junk", () => Csv(Header, Row(1)), "ledger.csv", Expect.Refused, "mapping", Mapping: () => Junk(3000, 9)),
            _ => new("mapping nested 10,000 deep", () => Csv(Header, Row(1)), "ledger.csv", Expect.Refused, "mapping",
                Mapping: () => Utf8(new string('[', 10_000) + new string(']', 10_000))),
            _ => new("mapping of 2 MB", () => Csv(Header, Row(1)), "ledger.csv", Expect.Refused, "mapping", Mapping: () => Utf8("{\"columns\":{\"" + new string('x', 2 << 20) + "\":\"name\"}}")),
            _ => new("unknown sheet", () => Workbook([HeaderCells, Cells(1)]), "ledger.xlsx", Expect.Refused, "sheet", "?sheet=nosuch"),
            b => new("good workbook", () => Workbook([HeaderCells, Cells(b), Cells(b + 1)]), "ledger.xlsx", Expect.Saved, Created: 2),
            b => new("workbook with a NUL name", () => Workbook([HeaderCells, Cells(b), Cells(b + 1, "空\0字")]), "ledger.xlsx", Expect.NoServerError),
            b => new("workbook with a control character", () => Workbook([HeaderCells, Cells(b), Cells(b + 1, "控\u0002制")]), "ledger.xlsx", Expect.NoServerError),
            // LIVES feeds.
            b => new("LIVES with feed_info.csv and legend.csv", () => Zip(("businesses.csv", LivesBusinesses(b, 3)), ("feed_info.csv", FeedInfo), ("legend.csv", Legend)),
                "feed.zip", Expect.Saved, Query: "?format=lives", Created: 3),
            b => new("LIVES in a folder with a readme and a picture", () => Zip(("feed/businesses.csv", LivesBusinesses(b, 2)), ("feed/README.txt", Utf8("说明")), ("feed/logo.png", Junk(500, 10)),
                ("feed/legend.csv", Legend)), "feed.zip", Expect.Saved, Query: "?format=lives", Created: 2),
            _ => new("LIVES that is not a zip", () => Csv(Header, Row(1)), "feed.zip", Expect.Refused, "file", "?format=lives"),
            _ => new("LIVES zero bytes", () => [], "feed.zip", Expect.Refused, "file", "?format=lives"),
            _ => new("LIVES truncated zip", () => Zip(("businesses.csv", LivesBusinesses(1, 50)))[..120], "feed.zip", Expect.Refused, "file", "?format=lives"),
            _ => new("LIVES without businesses.csv", () => Zip(("feed_info.csv", FeedInfo), ("legend.csv", Legend)), "feed.zip", Expect.Refused, "file", "?format=lives"),
            _ => new("LIVES with junk businesses.csv", () => Zip(("businesses.csv", Junk(2000, 11))), "feed.zip", Expect.Refused, "file", "?format=lives"),
            _ => new("LIVES with empty businesses.csv", () => Zip(("businesses.csv", [])), "feed.zip", Expect.Refused, "file", "?format=lives"),
            _ => new("LIVES of a thousand unknown files", () => Zip([.. Enumerable.Range(0, 1000).Select(i => ($"x{i}.csv", Utf8("a,b")))]), "feed.zip", Expect.Refused, "file", "?format=lives"),
            b => new("LIVES with a NUL in a business name", () => Zip(("businesses.csv", Concat(LivesBusinesses(b, 2), Utf8($"\n{TestDistrict.Code(b + 2)},空\0字,路,广州,113.05,23.3,1")))),
                "feed.zip", Expect.Rows, Query: "?format=lives", Created: 2, ProblemLine: 4, ProblemCode: "control_character"),
            b => new("LIVES with a NUL in an inspection", () => Zip(("businesses.csv", LivesBusinesses(b, 1)),
                ("inspections.csv", Csv("business_id,score,date,type,description", $"{TestDistrict.Code(b)},90,20240101,routine,好", $"{TestDistrict.Code(b)},50,20240202,routine,坏\0"))),
                "feed.zip", Expect.Rows, Query: "?format=lives", Created: 1, ProblemLine: 3, ProblemCode: "control_character"),
        };
        return list.Select((make, i) => make(600_000 + 20 * i)).ToDictionary(c => c.Name);
    }
}
