namespace Wangge.Core.Businesses.Import;

/// <summary>Where each <see cref="LedgerField"/> is in the rows of one file, as <see cref="ColumnMapping.Resolve"/> found it.</summary>
public sealed class ResolvedColumns
{
    private readonly int[] _index;

    internal ResolvedColumns(int[] index, IReadOnlyList<string?> headers, IReadOnlyList<string> ignored)
    {
        _index = index;
        Headers = headers;
        Ignored = ignored;
    }

    /// <summary>The header row as read.</summary>
    public IReadOnlyList<string?> Headers { get; }

    /// <summary>Headers that mean no field, in file order; their columns are not read.</summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <summary>The 0-based column of a field, or -1 when the file has none.</summary>
    public int IndexOf(LedgerField field) => _index[(int)field];

    public bool Has(LedgerField field) => _index[(int)field] >= 0;

    /// <summary>The header text of a field's column, or null when the file has none.</summary>
    public string? HeaderOf(LedgerField field) => _index[(int)field] is >= 0 and var i ? Headers[i]?.Trim() : null;
}
