namespace Wangge.Businesses.Import;

/// <summary>
/// One record of a file below its header: <see cref="Line"/> is the 1-based physical line where it starts (CSV, so
/// lines inside quoted fields count) or its sheet row number (XLSX); cells are as read, untrimmed.
/// </summary>
public sealed record SourceRow(int Line, IReadOnlyList<string?> Cells);
