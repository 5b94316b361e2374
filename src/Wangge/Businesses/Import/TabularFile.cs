using Wangge.Core.Businesses.Import;
using Wangge.Core.Common;

namespace Wangge.Businesses.Import;

public enum TabularFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// An open ledger file (<see cref="TabularReader.Open(string, TabularOptions, string?)"/>): its header, found among
/// the first rows, and its rows below the header, streamed. <see cref="Rows"/> reads the file again from the start
/// each time it is enumerated, one enumeration at a time.
/// </summary>
public sealed class TabularFile : IDisposable
{
    /// <summary>How many rows from the top may hold the header: title rows and group headers come above it.</summary>
    public const int HeaderSearchRows = 10;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly Func<int?, IEnumerable<SourceRow>> _records;
    private int _reading;
    private bool _disposed;

    internal TabularFile(Stream stream, bool ownsStream, TabularFormat format, string fileName, string sha256, string encoding,
        string? sheet, char? separator, Func<int?, IEnumerable<SourceRow>> records, ColumnMapping mapping)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _records = records;
        Format = format;
        FileName = fileName;
        Sha256 = sha256;
        DetectedEncoding = encoding;
        Sheet = sheet;
        Separator = separator;
        (HeaderLine, Headers) = FindHeader(mapping);
    }

    public TabularFormat Format { get; }
    public string FileName { get; }

    /// <summary>The SHA-256 of the file's bytes, lowercase hex: the same file gives the same value, so an import can resume.</summary>
    public string Sha256 { get; }

    /// <summary>The text encoding a CSV file was read in (utf-8, gb18030, utf-16le, utf-16be…); empty for XLSX.</summary>
    public string DetectedEncoding { get; }

    /// <summary>The sheet read, for XLSX.</summary>
    public string? Sheet { get; }

    /// <summary>The field separator, for CSV.</summary>
    public char? Separator { get; }

    /// <summary>The 1-based line (CSV) or sheet row (XLSX) of the header.</summary>
    public int HeaderLine { get; }

    /// <summary>The header cells, an empty one filled from the cell above it (a two-row header whose upper cell is merged down).</summary>
    public IReadOnlyList<string?> Headers { get; }

    /// <summary>The records below the header, in file order.</summary>
    public IEnumerable<SourceRow> Rows()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Below(HeaderLine);
    }

    private IEnumerable<SourceRow> Below(int headerLine)
    {
        if (Interlocked.Exchange(ref _reading, 1) == 1)
            throw new InvalidOperationException("A tabular file is read by one enumeration at a time.");
        try
        {
            foreach (var row in _records(Headers.Count))
                if (row.Line > headerLine)
                    yield return row;
        }
        finally
        {
            _reading = 0;
        }
    }

    /// <summary>
    /// Among the first <see cref="HeaderSearchRows"/> rows, the one whose cells name the most ledger fields, an empty
    /// cell counting with the text of the cell above it (a name merged down over a two-row header); the lower row on a
    /// tie, since in a two-row header the lower row is the specific one. Rows above the header (a title such as
    /// XX网格经济户口台帐, a group header such as 许可证信息) are not read, except for the cells carried down.
    /// </summary>
    private (int Line, IReadOnlyList<string?> Headers) FindHeader(ColumnMapping mapping)
    {
        var top = new List<SourceRow>(HeaderSearchRows);
        foreach (var row in _records(null))
        {
            top.Add(row);
            if (top.Count == HeaderSearchRows) break;
        }
        if (top.Count == 0) throw RuleViolation.Invalid("file", "file_empty", $"'{FileName}' has no rows.");
        var best = -1;
        var bestScore = 0;
        var candidates = new IReadOnlyList<string?>[top.Count];
        for (var i = 0; i < top.Count; i++)
        {
            if (top[i].Cells.All(string.IsNullOrWhiteSpace)) continue;
            candidates[i] = FilledFromAbove(top[i], i > 0 ? top[i - 1] : null);
            var score = mapping.KnownFieldCount(candidates[i]);
            if (score > 0 && score >= bestScore) (best, bestScore) = (i, score);
        }
        if (best < 0)
        {
            var first = top.FirstOrDefault(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c)));
            var shown = first is null ? "" : $" Line {first.Line} reads: {string.Join(" | ", first.Cells.Where(c => !string.IsNullOrWhiteSpace(c)).Take(8).Select(Shown))}.";
            throw RuleViolation.Invalid("file", "file_no_header",
                $"None of the first {HeaderSearchRows} rows of '{FileName}' names a ledger column such as 统一社会信用代码 or 企业名称.{shown}");
        }
        return (top[best].Line, candidates[best]);
    }

    /// <summary>A cell as an error message shows it: never a megabyte of the file echoed back, nor its control characters.</summary>
    private static string Shown(string? cell)
    {
        var text = new string((cell ?? "").Select(c => char.IsControl(c) ? '?' : c).Take(41).ToArray());
        return text.Length > 40 ? text[..40] + "…" : text;
    }

    /// <summary>A row's cells with each empty one taken from the row directly above, if there is one.</summary>
    private static IReadOnlyList<string?> FilledFromAbove(SourceRow row, SourceRow? above)
    {
        var cells = row.Cells.ToArray();
        if (above is null || above.Line != row.Line - 1) return cells;
        for (var i = 0; i < cells.Length && i < above.Cells.Count; i++)
            if (string.IsNullOrWhiteSpace(cells[i]))
                cells[i] = above.Cells[i];
        return cells;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_ownsStream) _stream.Dispose();
    }
}
