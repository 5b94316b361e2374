namespace Wangge.Core.Businesses.Import;

/// <summary>
/// One thing wrong with one row of an import file. <see cref="Line"/> is the physical line (CSV) or sheet row
/// (XLSX) where the row starts, so a clerk can find it; <see cref="Field"/> is the camelCase
/// <see cref="LedgerField"/> name; <see cref="Code"/> is stable for translations and tests; <see cref="Arguments"/> are
/// the values the message names (the cell, the check character it should have, the line of the first duplicate).
/// </summary>
public sealed record RowProblem(int Line, string Field, string Code, string Message, IReadOnlyList<string>? Arguments = null);
