using Wangge.Core.Businesses.Import;

namespace Wangge.Businesses.Import;

/// <summary>
/// How to open a ledger file. <paramref name="Encoding"/> ("utf-8", "gbk", "gb18030", "utf-16"…) overrides detection
/// for CSV; null detects it. <paramref name="Sheet"/> names the XLSX sheet; null takes the first. <paramref name="Mapping"/>
/// is what finds the header row (the row naming the most ledger fields); null is <see cref="ColumnMapping.Default"/>.
/// A row wider than <paramref name="MaxColumns"/> refuses the file (Wangge:Imports:MaxColumns).
/// </summary>
public sealed record TabularOptions(string? Encoding = null, string? Sheet = null, ColumnMapping? Mapping = null,
    int MaxColumns = TabularOptions.DefaultMaxColumns)
{
    public const int DefaultMaxColumns = 500;
}
