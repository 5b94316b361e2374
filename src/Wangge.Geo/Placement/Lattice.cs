using NetTopologySuite.Geometries;

namespace Wangge.Geo.Placement;

/// <summary>
/// A uniform lattice of columns and rows over the grids' extent, and the one formula that puts a coordinate in
/// a column or row.
/// </summary>
/// <remarks>
/// Everything that indexes by lattice position — marking the cells an edge touches, filing edges into row bands,
/// finding a query point's cell — goes through <see cref="Column"/> and <see cref="Row"/>. Floating-point
/// subtraction and multiplication by a positive constant never reverse an order, so the formula is monotone: a
/// point between two coordinates always lands between their columns (rows). <see cref="CellRaster"/> relies on
/// that to be exact.
/// </remarks>
internal sealed class Lattice
{
    private readonly double _scaleX, _scaleY, _cellWidth, _cellHeight;

    public Lattice(double minX, double minY, double maxX, double maxY, long targetCells)
    {
        (MinX, MinY, MaxX, MaxY) = (minX, minY, maxX, maxY);
        var width = maxX - minX;
        var height = maxY - minY;
        (Columns, Rows) = Shape(width, height, Math.Max(1, targetCells));
        _scaleX = width > 0 ? Columns / width : 0;
        _scaleY = height > 0 ? Rows / height : 0;
        _cellWidth = width / Columns;
        _cellHeight = height / Rows;
    }

    public double MinX { get; }

    public double MinY { get; }

    public double MaxX { get; }

    public double MaxY { get; }

    public int Columns { get; }

    public int Rows { get; }

    public Envelope Extent => new(MinX, MaxX, MinY, MaxY);

    /// <summary>Whether the point is within the extent; false for NaN.</summary>
    public bool Contains(double x, double y) => x >= MinX && x <= MaxX && y >= MinY && y <= MaxY;

    /// <summary>The column of an x within the extent.</summary>
    public int Column(double x) => Math.Min((int)((x - MinX) * _scaleX), Columns - 1);

    /// <summary>The row of a y within the extent.</summary>
    public int Row(double y) => Math.Min((int)((y - MinY) * _scaleY), Rows - 1);

    /// <summary>
    /// A point that <see cref="Column"/> and <see cref="Row"/> put in the given cell, or null on the (rounding)
    /// off-chance that the cell's centre lands in a neighbour.
    /// </summary>
    public (double X, double Y)? Inside(int column, int row)
    {
        var x = MinX + (column + 0.5) * _cellWidth;
        var y = MinY + (row + 0.5) * _cellHeight;
        return Column(x) == column && Row(y) == row ? (x, y) : null;
    }

    private static (int Columns, int Rows) Shape(double width, double height, long target)
    {
        if (!(width > 0) && !(height > 0))
            return (1, 1);
        if (!(height > 0))
            return ((int)target, 1);
        if (!(width > 0))
            return (1, (int)target);
        // Square cells in degrees: near the equator and in south China a degree of longitude is close to one of
        // latitude, and a lattice need not be exactly square to work.
        var side = Math.Sqrt(width * height / target);
        var columns = (int)Math.Clamp(Math.Ceiling(width / side), 1, target);
        var rows = (int)Math.Clamp(Math.Ceiling(height / side), 1, Math.Max(1, 2 * target / columns));
        return (columns, rows);
    }
}
