using NetTopologySuite.Geometries;

namespace Wangge.Geo.Placement;

/// <summary>
/// A uniform lattice of cells laid over all grids, so that most points are answered by one array read and the
/// rest test only the two or three grids whose borders cross their cell.
/// </summary>
/// <remarks>
/// <para>Each cell is either <em>settled</em> — no grid's border passes through it, so every point in it gets the
/// same answer, computed once at build time — or <em>mixed</em>, holding the grids whose border may cross it
/// (smallest code first) plus the smallest-coded grid whose interior covers it whole, if any.</para>
/// <para>Why settled cells are exact, to the last bit: a point goes to cell
/// <c>(int)((x - minX) * scale)</c>, and an edge marks every cell between those of its bounding box's corners, by
/// the same formula. Floating-point subtraction and multiplication by a positive constant never reverse an order,
/// so any point of an edge (a real point, between the edge's end coordinates) falls within the marked range; and
/// the same holds across the gap between two neighbouring cells. Hence an unmarked cell, with everything between it
/// and an unmarked neighbour in the same row, holds no border point at all, and its location relative to each
/// grid is constant: one exact test of one point decides it for the whole run of unmarked cells.</para>
/// </remarks>
internal sealed class CellRaster
{
    /// <summary>What a cell or a lookup holds when no grid's closure contains the point.</summary>
    public const int Nothing = -1;

    // About 64 cells per grid: a typical grid is then some 8 × 8 cells, of which roughly half are settled; finer
    // lattices settle more points but cost memory and cache misses that the saved polygon tests do not repay.
    private const int CellsPerGrid = 64;
    private const int CellsPerSegment = 2;
    private const long MaxCells = 1 << 24;

    private readonly double _minX, _minY, _maxX, _maxY;
    private readonly double _scaleX, _scaleY, _cellWidth, _cellHeight;
    private readonly int _columns, _rows;
    // ≥ 0: settled in that grid; Nothing: settled outside all grids; ≤ -2: mixed, its list at _lists[-(value + 2)].
    private readonly int[] _cells;
    // Per mixed cell: candidate count, the covering grid or Nothing, then the candidates in ascending order.
    private readonly int[] _lists;

    public CellRaster(GridRings rings)
    {
        if (rings.Count == 0)
        {
            _cells = [];
            _lists = [];
            return;
        }
        (_minX, _minY, _maxX, _maxY) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
        for (var g = 0; g < rings.Count; g++)
        {
            _minX = Math.Min(_minX, rings.MinX(g));
            _minY = Math.Min(_minY, rings.MinY(g));
            _maxX = Math.Max(_maxX, rings.MaxX(g));
            _maxY = Math.Max(_maxY, rings.MaxY(g));
        }
        (_columns, _rows) = Shape(_maxX - _minX, _maxY - _minY,
            Math.Clamp(Math.Max((long)rings.Count * CellsPerGrid, rings.SegmentCount * CellsPerSegment), 1, MaxCells));
        var width = _maxX - _minX;
        var height = _maxY - _minY;
        _scaleX = width > 0 ? _columns / width : 0;
        _scaleY = height > 0 ? _rows / height : 0;
        _cellWidth = width / _columns;
        _cellHeight = height / _rows;

        var entries = new RasterEntries(rings.Count);
        Parallel.For(0, rings.Count, () => new RasterWork(), (g, _, work) =>
        {
            Rasterise(rings, g, work);
            return work;
        }, entries.Add);
        (_cells, _lists) = entries.Settle(_columns * _rows);
    }

    /// <summary>The grid holding the point under <see cref="GridIndex"/>'s border rule, or <see cref="Nothing"/>.</summary>
    public int Find(GridRings rings, double x, double y)
    {
        // Written so that NaN fails too.
        if (_cells.Length == 0 || !(x >= _minX && x <= _maxX && y >= _minY && y <= _maxY))
            return Nothing;
        var value = _cells[Row(y) * _columns + Column(x)];
        if (value >= Nothing)
            return value;

        var at = -(value + 2);
        var end = at + 2 + _lists[at];
        var covering = _lists[at + 1];
        var boundary = Nothing;
        for (var k = at + 2; k < end; k++)
        {
            var g = _lists[k];
            if (!rings.EnvelopeContains(g, x, y))
                continue;
            switch (rings.Locate(g, x, y))
            {
                // Candidates come smallest code first, so the first interior hit is the answer.
                case Location.Interior:
                    return g;
                case Location.Boundary when boundary == Nothing:
                    boundary = g;
                    break;
            }
        }
        // A covering grid holds the point in its interior, which beats any border; candidates all sort before it.
        return covering != Nothing ? covering : boundary;
    }

    /// <summary>The lattice's extent, for ordering points spatially; empty when there are no grids.</summary>
    public Envelope Extent => _cells.Length == 0 ? new Envelope() : new Envelope(_minX, _maxX, _minY, _maxY);

    private int Column(double x) => Math.Min((int)((x - _minX) * _scaleX), _columns - 1);

    private int Row(double y) => Math.Min((int)((y - _minY) * _scaleY), _rows - 1);

    private static (int Columns, int Rows) Shape(double width, double height, long target)
    {
        if (!(width > 0) && !(height > 0))
            return (1, 1);
        if (!(height > 0))
            return ((int)target, 1);
        if (!(width > 0))
            return (1, (int)target);
        var side = Math.Sqrt(width * height / target);
        var columns = (int)Math.Clamp(Math.Ceiling(width / side), 1, target);
        var rows = (int)Math.Clamp(Math.Ceiling(height / side), 1, Math.Max(1, 2 * target / columns));
        return (columns, rows);
    }

    private void Rasterise(GridRings rings, int g, RasterWork work)
    {
        var column0 = Column(rings.MinX(g));
        var row0 = Row(rings.MinY(g));
        var width = Column(rings.MaxX(g)) - column0 + 1;
        var height = Row(rings.MaxY(g)) - row0 + 1;
        var crossed = work.Scratch(width * height);

        // 1. Every cell an edge's bounding box touches may hold border points: mark it.
        var marker = new EdgeMarker(this, crossed, column0, row0, width);
        rings.ForEachSegmentBox(g, ref marker, EdgeMarker.Mark);

        // 2. Unmarked runs within a row share one location relative to this grid: test one point per run.
        for (var row = 0; row < height; row++)
        {
            var column = 0;
            while (column < width)
            {
                var cell = (row0 + row) * _columns + column0 + column;
                if (crossed[row * width + column])
                {
                    work.Add(cell, g, mixed: true);
                    column++;
                    continue;
                }
                var x = _minX + (column0 + column + 0.5) * _cellWidth;
                var y = _minY + (row0 + row + 0.5) * _cellHeight;
                var location = Column(x) == column0 + column && Row(y) == row0 + row
                    ? rings.Locate(g, x, y)
                    : Location.Boundary;
                if (location == Location.Boundary)
                {
                    // The cell's centre rounded into a neighbour, or (impossible, by the argument above) sits on
                    // the border: leave this cell to exact tests.
                    work.Add(cell, g, mixed: true);
                    column++;
                    continue;
                }
                for (; column < width && !crossed[row * width + column]; column++, cell++)
                {
                    if (location == Location.Interior)
                        work.Add(cell, g, mixed: false);
                }
            }
        }
    }

    private readonly struct EdgeMarker(CellRaster raster, bool[] crossed, int column0, int row0, int width)
    {
        public static void Mark(ref EdgeMarker m, double minX, double minY, double maxX, double maxY)
        {
            var columnFrom = m.Column(minX) - m._column0;
            var columnTo = m.Column(maxX) - m._column0;
            for (var row = m.Row(minY) - m._row0; row <= m.Row(maxY) - m._row0; row++)
                m._crossed.AsSpan(row * m._width + columnFrom, columnTo - columnFrom + 1).Fill(true);
        }

        private readonly CellRaster _raster = raster;
        private readonly bool[] _crossed = crossed;
        private readonly int _column0 = column0;
        private readonly int _row0 = row0;
        private readonly int _width = width;

        private int Column(double x) => _raster.Column(x);

        private int Row(double y) => _raster.Row(y);
    }
}
