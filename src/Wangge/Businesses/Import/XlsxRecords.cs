using System.Globalization;
using System.Xml;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Wangge.Core.Common;

namespace Wangge.Businesses.Import;

/// <summary>
/// The rows of one XLSX sheet, streamed by MiniExcel, each numbered by its sheet row (empty rows included, so the
/// numbers are the ones Excel shows). Merged cells carry their value into every cell they cover, as they look on
/// screen. Numbers and dates become the text a ledger parser reads: a date as yyyy-MM-dd, a whole number without a
/// decimal point, any other number in the invariant culture.
/// </summary>
internal sealed class XlsxRecords(Stream stream, string? sheet, int maxColumns, string fileName)
{
    private static readonly OpenXmlConfiguration Configuration = new() { FillMergedCells = true };

    public IEnumerable<SourceRow> Read(int? headerFields)
    {
        RefuseWideSheet();
        stream.Position = 0;
        IEnumerable<object> rows = MiniExcel.Query(new NonClosingStream(stream), useHeaderRow: false, sheetName: sheet,
            excelType: ExcelType.XLSX, configuration: Configuration);
        using var e = rows.GetEnumerator();
        var line = 0;
        while (true)
        {
            bool more;
            try { more = e.MoveNext(); }
            catch (Exception ex) when (IsUnreadable(ex))
            {
                throw RuleViolation.Invalid("file", "file_unreadable", $"The workbook cannot be read after row {line}: {ex.Message}");
            }
            if (!more) yield break;
            line++;
            var row = (IDictionary<string, object?>)e.Current;
            if (row.Count > maxColumns) throw CsvRecords.TooManyColumns(line, row.Count, maxColumns);
            var cells = new string?[row.Count];
            var i = 0;
            foreach (var value in row.Values) cells[i++] = Text(value);
            yield return new SourceRow(line, cells);
        }
    }

    /// <summary>The sheets of the workbook, in order; refuses a file that is not an XLSX workbook.</summary>
    public static IReadOnlyList<string> SheetNames(Stream stream, string fileName)
    {
        stream.Position = 0;
        Span<byte> magic = stackalloc byte[4];
        var read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read == 4 && magic is [0xD0, 0xCF, 0x11, 0xE0])
            throw RuleViolation.Invalid("file", "file_not_xlsx",
                $"'{fileName}' is an Excel 97–2003 workbook (or a password-protected one): save it as .xlsx without a password and import it again.");
        if (read < 4 || magic is not [0x50, 0x4B, 0x03 or 0x05, 0x04 or 0x06])
            throw RuleViolation.Invalid("file", "file_not_xlsx", $"'{fileName}' is not an XLSX workbook (an .xlsx file is a zip archive).");
        try
        {
            return MiniExcel.GetSheetNames(new NonClosingStream(stream));
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            throw RuleViolation.Invalid("file", "file_not_xlsx", $"'{fileName}' is not a readable XLSX workbook: {ex.Message}");
        }
        finally
        {
            stream.Position = 0;
        }
    }

    /// <summary>
    /// A sheet whose recorded size is wider than the limit is refused before its first row is read: MiniExcel builds every
    /// row as wide as the sheet, which for 16,000 columns takes seconds a row. A sheet without a recorded size is held to
    /// the limit row by row.
    /// </summary>
    private void RefuseWideSheet()
    {
        int columns;
        try
        {
            stream.Position = 0;
            var dimensions = MiniExcel.GetSheetDimensions(new NonClosingStream(stream));
            stream.Position = 0;
            var names = MiniExcel.GetSheetNames(new NonClosingStream(stream));
            // The dimensions come in the workbook's sheet order.
            columns = dimensions.Select((d, i) => (Name: i < names.Count ? names[i] : null, d.Columns.Count))
                .Where(d => sheet is null || d.Name == sheet).Select(d => d.Count).DefaultIfEmpty(0).Max();
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return;
        }
        finally
        {
            stream.Position = 0;
        }
        if (columns > maxColumns)
            throw RuleViolation.Invalid("file", "file_too_many_columns",
                $"'{fileName}': the sheet {sheet} has {columns} columns; a ledger file may have at most {maxColumns} (setting Wangge:Imports:MaxColumns).");
    }

    /// <summary>What a broken or hostile workbook makes the reader throw; a bug of ours (a null reference) still surfaces.</summary>
    private static bool IsUnreadable(Exception ex) =>
        ex is InvalidDataException or XmlException or InvalidOperationException or IOException or FormatException or ArgumentException
            or IndexOutOfRangeException or OverflowException or KeyNotFoundException or NotSupportedException
            || ex.GetType().Namespace?.StartsWith("MiniExcelLibs", StringComparison.Ordinal) == true;

    internal static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double x when x == Math.Floor(x) && Math.Abs(x) < 1e15 => ((long)x).ToString(CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>
    /// The file's stream as MiniExcel sees it: its readers dispose the stream they get (one of them only when the
    /// garbage collector finalises it), while the file is read more than once and closed by its owner.
    /// </summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { }
    }
}
