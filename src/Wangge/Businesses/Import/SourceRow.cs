using Wangge.Core.Businesses.Import;

namespace Wangge.Businesses.Import;

/// <summary>
/// One record of a file below its header: <see cref="Line"/> is the 1-based physical line where it starts (CSV, so
/// lines inside quoted fields count) or its sheet row number (XLSX); cells are as read, untrimmed. A row the reader
/// could not take apart (a quote left open) carries its <see cref="Problem"/> instead of cells.
/// </summary>
public sealed record SourceRow(int Line, IReadOnlyList<string?> Cells, RowProblem? Problem = null);
