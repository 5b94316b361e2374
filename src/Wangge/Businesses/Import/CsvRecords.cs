using System.Text;
using System.Text.Unicode;
using CsvHelper;
using Wangge.Core.Businesses.Import;
using Wangge.Core.Common;

namespace Wangge.Businesses.Import;

/// <summary>
/// The records of a CSV file, streamed by CsvHelper's SIMD reader: RFC 4180 quoting with line breaks inside quotes,
/// every record numbered by the physical line it starts on. UTF-8 is read as bytes without transcoding (and
/// checked record by record, since only a prefix was sniffed); other encodings are transcoded by the reader.
/// </summary>
internal sealed class CsvRecords(Stream stream, TextEncoding encoding, char separator, int maxColumns)
{
    /// <summary>The separators a ledger CSV uses, in order of preference when the header does not decide.</summary>
    public static readonly char[] Separators = [',', '\t', ';'];

    /// <summary>
    /// A record longer than this is not a ledger row but a quote that is never closed, which would otherwise swallow
    /// the rest of the file into one field.
    /// </summary>
    public const int MaxRecordBytes = 4 << 20;

    public char Separator => separator;

    /// <summary>
    /// The records in file order. Given the header's width, a record that a quote opened and left open ran over several
    /// lines (its field count differs, or a line it swallowed looks like a row of its own) is taken apart again: each
    /// line with an unbalanced quote becomes a refused row at its own line, and each other line is read on its own.
    /// </summary>
    public IEnumerable<SourceRow> Read(int? headerFields)
    {
        stream.Position = encoding.BomLength;
        var options = Options(separator) with
        {
            Encoding = encoding.IsUtf8 ? null : encoding.Encoding,
            MaxRecordSize = MaxRecordBytes,
        };
        using var reader = CsvReader.Create(stream, options, leaveOpen: true);
        while (true)
        {
            bool more;
            try { more = reader.Read(); }
            catch (CsvFormatException e) { throw Unreadable(reader, e.Message); }
            catch (DecoderFallbackException e) { throw Unreadable(reader, e.Message); }
            if (!more) yield break;
            var line = (int)reader.LineNumber;
            if (encoding.IsUtf8 && !Utf8.IsValid(reader.RawRecord))
                throw RuleViolation.Invalid("file", "file_encoding",
                    $"Line {line} is not valid UTF-8 although the lines before it were: the file is probably GBK/GB18030. Import it again with the encoding gb18030.");
            if (reader.FieldCount > maxColumns) throw TooManyColumns(line, reader.FieldCount, maxColumns);
            if (headerFields is { } width && SwallowedLines(reader.RawRecord, reader.FieldCount, width) is { } lines)
            {
                foreach (var part in Apart(line, lines)) yield return part;
                continue;
            }
            var cells = new string?[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = FormulaGuard.Unguard(reader.GetString(i));
            yield return new SourceRow(line, cells);
        }
    }

    public static RuleViolation TooManyColumns(int line, int count, int max) =>
        RuleViolation.Invalid("file", "file_too_many_columns",
            $"Line {line} has {count} columns; a ledger file may have at most {max} (setting Wangge:Imports:MaxColumns).");

    /// <summary>The physical lines of a record that a stray quote made of several rows, or null for a sound record.</summary>
    private string[]? SwallowedLines(ReadOnlySpan<byte> raw, int fieldCount, int headerFields)
    {
        if (raw.IndexOfAny((byte)'\n', (byte)'\r') < 0) return null;
        var lines = Encoding.UTF8.GetString(raw).Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        // A cell may hold a line break (an address typed with Alt+Enter); a line holding a whole row's separators does not.
        var rowLike = Math.Max(1, headerFields - 1);
        return fieldCount != headerFields || lines.Skip(1).Any(l => l.Count(c => c == separator) >= rowLike) ? lines : null;
    }

    private IEnumerable<SourceRow> Apart(int firstLine, string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var line = firstLine + i;
            if (lines[i].Count(c => c == '"') % 2 == 1)
            {
                yield return new SourceRow(line, [], new RowProblem(line, "file", "quote_unclosed",
                    $"Line {line} opens a quote (\") that it does not close; the row is not read. Close the quote or remove it."));
                continue;
            }
            if (lines[i].Length == 0) continue;
            using var reader = CsvReader.FromText(lines[i], Options(separator) with { AllowLineBreaksInQuotes = false });
            if (!reader.Read()) continue;
            var cells = new string?[reader.FieldCount];
            for (var c = 0; c < cells.Length; c++) cells[c] = reader.GetString(c);
            yield return new SourceRow(line, cells);
        }
    }

    /// <summary>
    /// The separator of a file from its first lines (the sniffed prefix, decoded): an Excel <c>sep=;</c> line decides;
    /// otherwise the separator under which the header names the most ledger fields, and failing that the one that
    /// occurs most often on the first line.
    /// </summary>
    public static char DetectSeparator(string prefix, ColumnMapping mapping, int searchRows)
    {
        if (prefix.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && prefix.Length > 4 && Array.IndexOf(Separators, prefix[4]) >= 0)
            return prefix[4];
        var best = Separators[0];
        var bestScore = 0;
        foreach (var candidate in Separators)
        {
            using var reader = CsvReader.FromText(prefix, Options(candidate));
            for (var n = 0; n < searchRows && reader.Read(); n++)
            {
                var cells = new string?[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = reader.GetString(i);
                var score = mapping.KnownFieldCount(cells);
                if (score > bestScore) (best, bestScore) = (candidate, score);
            }
        }
        if (bestScore > 0) return best;
        var firstLine = prefix.AsSpan(0, prefix.IndexOfAny(['\r', '\n']) is >= 0 and var end ? end : prefix.Length);
        var most = 0;
        foreach (var candidate in Separators)
            if (firstLine.Count(candidate) is var count && count > most) (best, most) = (candidate, count);
        return best;
    }

    private static CsvReaderOptions Options(char separator) => CsvReaderOptions.Default with
    {
        HasHeader = false,
        Separator = separator,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        DetectSeparatorHint = false,
    };

    private static RuleViolation Unreadable(CsvReader reader, string why) =>
        RuleViolation.Invalid("file", "file_unreadable",
            $"The CSV file cannot be read after line {reader.LineNumber} (a quote opened there may never be closed): {why}");
}
