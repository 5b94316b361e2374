namespace Wangge.Core.Businesses.Import;

/// <summary>
/// One thing wrong with one row of an import file. <see cref="Line"/> is the physical line (CSV) or sheet row
/// (XLSX) where the row starts, so a clerk can find it; <see cref="Field"/> is the camelCase
/// <see cref="LedgerField"/> name; <see cref="Code"/> is stable for translations and tests.
/// </summary>
public sealed record RowProblem(int Line, string Field, string Code, string Message);
