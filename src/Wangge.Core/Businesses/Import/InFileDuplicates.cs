namespace Wangge.Core.Businesses.Import;

/// <summary>
/// Codes seen so far in one file. The first row for a code wins; every later row with that code is refused
/// with <c>duplicate_in_file</c>, naming the first line, since the file cannot say which of them is right.
/// </summary>
public sealed class InFileDuplicates
{
    public const string ProblemCode = "duplicate_in_file";

    private readonly Dictionary<string, int> _firstLine = new(StringComparer.Ordinal);

    /// <summary>How many different codes have been seen.</summary>
    public int Count => _firstLine.Count;

    /// <summary>Null for the first row of a code (and for the same line checked again); the problem for a later one.</summary>
    public RowProblem? Check(int line, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (_firstLine.TryAdd(code, line)) return null;
        var first = _firstLine[code];
        if (first == line) return null;
        return new RowProblem(line, LedgerField.Code.FieldName(), ProblemCode,
            $"Code {code} is already on line {first}; the first row for a code is the one imported, so merge the two rows.",
            [code, first.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }

    public RowProblem? Check(int line, LedgerCode code) => Check(line, code.Value);
}
