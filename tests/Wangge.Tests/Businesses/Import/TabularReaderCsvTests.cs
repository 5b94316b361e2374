using System.Security.Cryptography;
using System.Text;
using Wangge.Businesses.Import;
using Wangge.Core.Businesses.Import;
using Wangge.Core.Common;

namespace Wangge.Tests.Businesses.Import;

public sealed class TabularReaderCsvTests : IDisposable
{
    private static readonly Encoding Gb18030;
    private readonly TempFolder _dir = new();

    static TabularReaderCsvTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = Encoding.GetEncoding("GB18030");
    }

    public void Dispose() => _dir.Dispose();

    private static string Lines(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    private static RuleViolation Refused(Action open, string code, string field)
    {
        var ex = Assert.Throws<RuleViolation>(open);
        Assert.Equal((code, field, ViolationKind.Invalid), (ex.Code, ex.Field, ex.Kind));
        return ex;
    }

    [Fact]
    public void Open_Utf8WithoutBom_ReadsHeaderAndRowsWithTheirLines()
    {
        var path = _dir.Write("台帐.csv", Lines(LedgerFile.Header, LedgerFile.Row(1), LedgerFile.Row(2)), new UTF8Encoding(false));

        using var file = TabularReader.Open(path, new TabularOptions());

        Assert.Equal(TabularFormat.Csv, file.Format);
        Assert.Equal("utf-8", file.DetectedEncoding);
        Assert.Equal(',', file.Separator);
        Assert.Equal(1, file.HeaderLine);
        Assert.Equal(LedgerFile.Header.Split(','), file.Headers);
        var rows = file.Rows().ToList();
        Assert.Equal([2, 3], rows.Select(r => r.Line));
        Assert.Equal(LedgerFile.Row(2).Split(','), rows[1].Cells);
    }

    [Theory]
    [InlineData("utf-8", Label = "UTF-8 with a byte order mark, as Excel's 'CSV UTF-8' saves it")]
    [InlineData("utf-16le", Label = "UTF-16 little-endian with its mark, as Excel's 'Unicode text' saves it")]
    [InlineData("utf-16be", Label = "UTF-16 big-endian with its mark")]
    public void Open_ByteOrderMark_DecidesTheEncoding(string name)
    {
        Encoding encoding = name switch { "utf-8" => new UTF8Encoding(true), "utf-16le" => Encoding.Unicode, _ => Encoding.BigEndianUnicode };
        var path = _dir.Write("台帐.csv", Lines(LedgerFile.Header, LedgerFile.Row(1)), encoding, bom: true);

        using var file = TabularReader.Open(path, new TabularOptions());

        Assert.Equal(name, file.DetectedEncoding);
        Assert.Equal("统一社会信用代码", file.Headers[0]);
        Assert.Equal("示例餐饮店1", Assert.Single(file.Rows()).Cells[1]);
    }

    [Fact]
    public void Open_GbkBytesWithoutBom_AreReadAsGb18030()
    {
        // What Excel on Chinese Windows saves as "CSV (comma delimited)".
        var path = _dir.Write("台帐.csv", Lines(LedgerFile.Header, LedgerFile.Row(1), "," + "歙县徽州区餐馆" + ",,,,,"), Gb18030);

        using var file = TabularReader.Open(path, new TabularOptions());

        Assert.Equal("gb18030", file.DetectedEncoding);
        Assert.Equal("企业名称", file.Headers[1]);
        Assert.Equal(["示例餐饮店1", "歙县徽州区餐馆"], file.Rows().Select(r => r.Cells[1]));
    }

    [Fact]
    public void Open_Gb18030FileWhoseFirstMegabyteIsAscii_IsRefusedAtTheFirstChineseLine_AndReadWithTheEncodingGiven()
    {
        // An English header and a megabyte of ASCII rows look like UTF-8; the GBK text further on is not.
        var text = new StringBuilder("code,name,sectors,address,lon,lat,openedOn\r\n");
        var line = 1;
        while (text.Length < TabularReader.SniffBytes + 1000)
        {
            text.Append($"{LedgerFile.Code(line)},Shop {line},catering,No. {line} Jingtai Street,113.27,23.16,2019-05-20\r\n");
            line++;
        }
        text.Append($"{LedgerFile.Code(line)},白云餐馆,餐饮服务,景泰街道1号,113.27,23.16,2019-05-20\r\n");
        var path = _dir.Write("ledger.csv", text.ToString(), Gb18030);

        using (var detected = TabularReader.Open(path, new TabularOptions()))
        {
            Assert.Equal("utf-8", detected.DetectedEncoding);
            var ex = Refused(() => detected.Rows().ToList(), "file_encoding", "file");
            Assert.Contains($"Line {line + 1}", ex.Message);
            Assert.Contains("gb18030", ex.Message);
        }
        using var given = TabularReader.Open(path, new TabularOptions(Encoding: "gbk"));
        Assert.Equal("gb18030", given.DetectedEncoding);
        Assert.Equal("白云餐馆", given.Rows().Last().Cells[1]);
    }

    [Fact]
    public void Open_ExplicitEncoding_WinsOverDetection()
    {
        var path = _dir.Write("台帐.csv", Lines(LedgerFile.Header, LedgerFile.Row(1)), Gb18030);

        // Told UTF-8, the reader does not fall back to detection: it says the bytes are not UTF-8.
        Refused(() => TabularReader.Open(path, new TabularOptions(Encoding: "utf-8")), "file_encoding", "file");
        using var file = TabularReader.Open(path, new TabularOptions(Encoding: "GB18030"));
        Assert.Equal("gb18030", file.DetectedEncoding);
    }

    [Fact]
    public void Open_UnknownEncodingName_IsRefusedOnTheEncodingField()
    {
        var path = _dir.Write("台帐.csv", Lines(LedgerFile.Header), new UTF8Encoding(false));

        Refused(() => TabularReader.Open(path, new TabularOptions(Encoding: "big-five-ish")), "encoding_unknown", "encoding");
    }

    [Fact]
    public void Open_Utf8FileLongerThanTheSniff_CutInsideACharacter_IsStillUtf8()
    {
        // Pad so that the sniffed megabyte ends one byte into the three bytes of '店'.
        var head = Encoding.UTF8.GetBytes(Lines(LedgerFile.Header));
        var filler = Encoding.ASCII.GetBytes(Lines(new string('x', TabularReader.SniffBytes - 1 - head.Length - 2)));
        var path = _dir.Write("台帐.csv", [.. head, .. filler, .. Encoding.UTF8.GetBytes(Lines("店", LedgerFile.Row(1)))]);
        Assert.Equal(0xE5, File.ReadAllBytes(path)[TabularReader.SniffBytes - 1]);
        Assert.True(new FileInfo(path).Length > TabularReader.SniffBytes);

        using var file = TabularReader.Open(path, new TabularOptions());

        Assert.Equal("utf-8", file.DetectedEncoding);
        Assert.Equal("示例餐饮店1", file.Rows().Last().Cells[1]);
    }

    [Fact]
    public void Open_QuotedFieldsWithLineBreaks_NumberEachRecordByTheLineItStartsOn()
    {
        var text = Lines(
            LedgerFile.Header,
            LedgerFile.Row(1),
            $"{LedgerFile.Code(2)},\"示例\r\n餐饮店\n（分店）\",餐饮服务,\"景泰街道\"\"广园中路\"\"1号\",113.27,23.16,2019-05-20",
            LedgerFile.Row(3));
        var path = _dir.Write("台帐.csv", text, new UTF8Encoding(false));

        using var file = TabularReader.Open(path, new TabularOptions());
        var rows = file.Rows().ToList();

        Assert.Equal([2, 3, 6], rows.Select(r => r.Line));
        Assert.Equal("示例\r\n餐饮店\n（分店）", rows[1].Cells[1]);
        Assert.Equal("景泰街道\"广园中路\"1号", rows[1].Cells[3]);
    }

    [Fact]
    public void Open_EmptyLinesAndTitleRow_AreSkippedButCounted()
    {
        var text = Lines("白云区景泰网格经济户口台帐,,,,,,", "", LedgerFile.Header, LedgerFile.Row(1), "", "", LedgerFile.Row(2));
        var path = _dir.Write("台帐.csv", text, new UTF8Encoding(false));

        using var file = TabularReader.Open(path, new TabularOptions());

        Assert.Equal(3, file.HeaderLine);
        Assert.Equal([4, 7], file.Rows().Select(r => r.Line));
    }

    [Theory]
    [InlineData("\t", '\t', Label = "tab, as 'Unicode text' and database exports write")]
    [InlineData(";", ';', Label = "semicolon, as Excel writes where the comma is the decimal mark")]
    [InlineData(",", ',', Label = "comma")]
    public void Open_Separator_IsDetectedFromTheHeader(string separator, char expected)
    {
        // Commas inside the name must not fool the detection of a tab or semicolon file.
        var text = Lines(LedgerFile.Header.Replace(",", separator), LedgerFile.Row(1, separator).Replace("示例餐饮店1", "\"示例,餐饮,店\""));
        var path = _dir.Write("台帐.txt", text, new UTF8Encoding(false));

        using var file = TabularReader.Open(path, new TabularOptions());

        Assert.Equal(expected, file.Separator);
        Assert.Equal(7, file.Headers.Count);
        Assert.Equal("示例,餐饮,店", Assert.Single(file.Rows()).Cells[1]);
    }

    [Fact]
    public void Open_ExcelSeparatorHint_IsHonoured()
    {
        var path = _dir.Write("台帐.csv", Lines("sep=;", LedgerFile.Header.Replace(",", ";"), LedgerFile.Row(1, ";")), new UTF8Encoding(false));

        using var file = TabularReader.Open(path, new TabularOptions());

        Assert.Equal((';', 2), (file.Separator!.Value, file.HeaderLine));
    }

    [Fact]
    public void Open_Sha256_IsTheHashOfTheFileBytes_WhicheverWayItIsOpened()
    {
        var bytes = Encoding.UTF8.GetBytes(Lines(LedgerFile.Header, LedgerFile.Row(1)));
        var path = _dir.Write("台帐.csv", bytes);
        var expected = Convert.ToHexStringLower(SHA256.HashData(bytes));

        using var fromPath = TabularReader.Open(path, new TabularOptions());
        using var seekable = new MemoryStream(bytes);
        using var fromStream = TabularReader.Open(seekable, new TabularOptions(), "upload.csv");
        using var forwardOnly = new ForwardOnlyStream(bytes);
        using var fromUpload = TabularReader.Open(forwardOnly, new TabularOptions(), "upload.csv");

        Assert.Equal([expected, expected, expected], [fromPath.Sha256, fromStream.Sha256, fromUpload.Sha256]);
        Assert.Equal([2], fromUpload.Rows().Select(r => r.Line));
        Assert.Equal([2], fromStream.Rows().Select(r => r.Line));
    }

    [Fact]
    public void Rows_EnumeratedTwice_ReadsTheFileAgain()
    {
        var path = _dir.Write("台帐.csv", Lines(LedgerFile.Header, LedgerFile.Row(1), LedgerFile.Row(2)), new UTF8Encoding(false));
        using var file = TabularReader.Open(path, new TabularOptions());

        var first = file.Rows().Select(r => r.Line).ToList();

        Assert.Equal([2, 3], first);
        Assert.Equal(first, file.Rows().Select(r => r.Line).ToList());
    }

    [Fact]
    public void Rows_TwoEnumerationsAtOnce_AreRefused()
    {
        var path = _dir.Write("台帐.csv", Lines(LedgerFile.Header, LedgerFile.Row(1), LedgerFile.Row(2)), new UTF8Encoding(false));
        using var file = TabularReader.Open(path, new TabularOptions());
        using var outer = file.Rows().GetEnumerator();
        outer.MoveNext();

        Assert.Throws<InvalidOperationException>(() => file.Rows().First());
    }

    [Fact]
    public void Open_ProblemLinesOfParsedRows_PointAtThePhysicalLine()
    {
        var text = Lines(
            LedgerFile.Header,
            $"{LedgerFile.Code(1)},\"多行\n名称\",餐饮服务,地址,113.27,23.16,2019-05-20",
            $"{LedgerFile.Code(2)},缺地址,餐饮服务,,113.27,23.16,2019-05-20",
            LedgerFile.Row(1));
        var path = _dir.Write("台帐.csv", text, new UTF8Encoding(false));
        using var file = TabularReader.Open(path, new TabularOptions());
        var parser = new LedgerRowParser(ColumnMapping.Default.Resolve(file.Headers), new LedgerParseOptions(new DateOnly(2026, 3, 1)));
        var duplicates = new InFileDuplicates();

        var problems = new List<RowProblem>();
        foreach (var row in file.Rows())
        {
            var result = parser.Parse(row.Line, row.Cells);
            problems.AddRange(result.Problems);
            if (result.Facts is { } facts && duplicates.Check(row.Line, facts.Code) is { } dup) problems.Add(dup);
        }

        Assert.Equal([(4, "address_required"), (5, "duplicate_in_file")], problems.Select(p => (p.Line, p.Code)));
        Assert.Contains("line 2", problems[1].Message);
    }

    [Fact]
    public void Open_StreamingManyRows_KeepsEveryLine()
    {
        const int count = 50_000;
        var text = new StringBuilder(LedgerFile.Header).Append('\n');
        for (var i = 1; i <= count; i++) text.Append(LedgerFile.Row(i)).Append('\n');
        var path = _dir.Write("台帐.csv", text.ToString(), new UTF8Encoding(false));

        using var file = TabularReader.Open(path, new TabularOptions());
        var lines = 0;
        var last = 0;
        foreach (var row in file.Rows()) { lines++; last = row.Line; }

        Assert.Equal((count, count + 1), (lines, last));
    }

    [Fact]
    public void Open_NoRowNamesALedgerColumn_IsRefusedShowingTheFirstLine()
    {
        var path = _dir.Write("台帐.csv", Lines("甲,乙,丙", "1,2,3"), new UTF8Encoding(false));

        var ex = Refused(() => TabularReader.Open(path, new TabularOptions()), "file_no_header", "file");

        Assert.Contains("甲 | 乙 | 丙", ex.Message);
    }

    [Fact]
    public void Open_EmptyFile_IsRefused()
    {
        Refused(() => TabularReader.Open(_dir.Write("台帐.csv", []), new TabularOptions()), "file_empty", "file");
    }

    [Theory]
    [InlineData("台帐.docx", Label = "not a table")]
    [InlineData("台帐.xls", Label = "Excel 97-2003")]
    [InlineData("台帐", Label = "no extension")]
    public void Open_UnsupportedExtension_IsRefused(string name)
    {
        Refused(() => TabularReader.Open(_dir.Write(name, [1, 2, 3]), new TabularOptions()), "file_format", "file");
    }

    [Fact]
    public void Open_MissingFile_IsRefused()
    {
        Refused(() => TabularReader.Open(_dir.PathOf("没有.csv"), new TabularOptions()), "file_unreadable", "file");
    }

    [Fact]
    public void Open_UploadNamedDifferentlyFromTheTemporaryPath_TakesItsFormatFromTheName()
    {
        var path = _dir.Write("upload.tmp", Lines(LedgerFile.Header, LedgerFile.Row(1)), new UTF8Encoding(false));

        using var file = TabularReader.Open(path, new TabularOptions(), "台帐.csv");

        Assert.Equal(("台帐.csv", TabularFormat.Csv), (file.FileName, file.Format));
    }

    [Fact]
    public void Open_MappingInOptions_FindsAHeaderOfTheDistrictsOwnNames()
    {
        var path = _dir.Write("台帐.csv", Lines("企业代码,门店", $"{LedgerFile.Code(1)},示例店"), new UTF8Encoding(false));
        var mapping = ColumnMapping.FromJson("""{"columns": {"企业代码": "code", "门店": "name"}}""");

        using var file = TabularReader.Open(path, new TabularOptions(Mapping: mapping));

        Assert.Equal(0, mapping.Resolve(file.Headers).IndexOf(LedgerField.Code));
    }

    /// <summary>An upload body: readable once, front to back.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
