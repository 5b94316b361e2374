using System.Security.Cryptography;
using Wangge.Core.Businesses.Import;
using Wangge.Core.Common;

namespace Wangge.Businesses.Import;

/// <summary>
/// Opens a ledger file, CSV (.csv, .txt, .tsv) or XLSX (.xlsx, .xlsm) by its extension, for streaming its rows.
/// A file of any size is read in one pass for its hash, a prefix for the encoding and separator, and then streamed;
/// it is never held in memory.
/// </summary>
public static class TabularReader
{
    /// <summary>How much of a CSV file is sniffed for its encoding and separator.</summary>
    public const int SniffBytes = 1 << 20;

    /// <summary>Opens the file at <paramref name="path"/>; <paramref name="fileName"/> (an upload's original name) decides the format if given.</summary>
    public static TabularFile Open(string path, TabularOptions options, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = Path.GetFileName(fileName ?? path);
        var format = FormatOf(name);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw RuleViolation.Invalid("file", "file_unreadable", $"'{name}' cannot be opened: {e.Message}");
        }
        try
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            stream.Position = 0;
            return Create(stream, ownsStream: true, format, name, sha, options);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a file given as a stream, which stays the caller's to close. A stream that cannot seek, or is not at its
    /// start, is first copied to a temporary file that goes when the <see cref="TabularFile"/> is disposed.
    /// </summary>
    public static TabularFile Open(Stream stream, TabularOptions options, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        var name = Path.GetFileName(fileName);
        var format = FormatOf(name);
        if (stream.CanSeek && stream.Position == 0)
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            stream.Position = 0;
            return Create(stream, ownsStream: false, format, name, sha, options);
        }
        var copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                copy.Write(buffer, 0, read);
            }
            copy.Position = 0;
            return Create(copy, ownsStream: true, format, name, Convert.ToHexStringLower(hash.GetHashAndReset()), options);
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    /// <summary>The format a file name says: CSV or XLSX; anything else is refused on the field "file".</summary>
    public static TabularFormat FormatOf(string fileName)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        return ext switch
        {
            ".csv" or ".txt" or ".tsv" => TabularFormat.Csv,
            ".xlsx" or ".xlsm" => TabularFormat.Xlsx,
            ".xls" or ".et" => throw RuleViolation.Invalid("file", "file_format",
                $"'{fileName}' is an old Excel workbook; save it as .xlsx (or .csv) and import that."),
            _ => throw RuleViolation.Invalid("file", "file_format", $"'{fileName}' is neither CSV (.csv, .txt) nor XLSX (.xlsx)."),
        };
    }

    private static TabularFile Create(Stream stream, bool ownsStream, TabularFormat format, string name, string sha, TabularOptions options)
    {
        var mapping = options.Mapping ?? ColumnMapping.Default;
        if (format == TabularFormat.Xlsx)
        {
            var sheets = XlsxRecords.SheetNames(stream, name);
            var sheet = options.Sheet is null ? sheets.FirstOrDefault()
                : sheets.FirstOrDefault(s => s == options.Sheet) ?? sheets.FirstOrDefault(s => string.Equals(s.Trim(), options.Sheet.Trim(), StringComparison.OrdinalIgnoreCase));
            if (sheet is null)
                throw options.Sheet is null
                    ? RuleViolation.Invalid("file", "file_empty", $"'{name}' has no sheet.")
                    : RuleViolation.Invalid("sheet", "sheet_unknown", $"'{name}' has no sheet '{options.Sheet}'; its sheets are {string.Join(", ", sheets.Select(s => $"'{s}'"))}.");
            var xlsx = new XlsxRecords(stream, sheet, options.MaxColumns, name);
            return new TabularFile(stream, ownsStream, format, name, sha, "", sheet, null, xlsx.Read, mapping);
        }

        var prefix = new byte[(int)Math.Min(SniffBytes, stream.Length)];
        stream.Position = 0;
        stream.ReadExactly(prefix);
        var wholeFile = prefix.Length == stream.Length;
        var encoding = TextEncoding.Detect(prefix, wholeFile, options.Encoding);
        var text = prefix.AsSpan(encoding.BomLength);
        text = encoding.IsUtf8 && !wholeFile ? text[..TextEncoding.CompleteUtf8Length(text)]
            : encoding.Encoding.CodePage is 1200 or 1201 ? text[..(text.Length & ~1)] : text;
        var separator = CsvRecords.DetectSeparator(encoding.Encoding.GetString(text), mapping, TabularFile.HeaderSearchRows);
        var csv = new CsvRecords(stream, encoding, separator, options.MaxColumns);
        return new TabularFile(stream, ownsStream, format, name, sha, encoding.Name, null, separator, csv.Read, mapping);
    }
}
