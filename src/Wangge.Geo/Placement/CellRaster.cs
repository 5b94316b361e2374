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

    // About 64 cells per grid, and at least 2 per edge: a grid of 40 edges is then some 9 × 9 cells. Finer
    // lattices settle more points but cost memory and cache misses that the saved polygon tests do not repay.
    private const int CellsPerGrid = 64;
    private const int CellsPerEdge = 2;
    private const long MaxCells = 1 << 24;

    private readonly Lattice _lattice;
    // ≥ 0: settled in that grid; Nothing: settled outside all grids; ≤ -2: mixed, its list at _lists[-(value + 2)].
    private readonly int[] _cells;
    // Per mixed cell: candidate count, the covering grid or Nothing, then the candidates in ascending order.
    private readonly int[] _lists;

    public CellRaster(GridRings rings)
    {
        _lattice = rings.Lattice;
        if (rings.Count == 0)
        {
            _cells = [];
            _lists = [];
            return;
        }
        var entries = new RasterEntries(rings.Count);
        Parallel.For(0, rings.Count, () => new RasterWork(), (g, _, work) =>
        {
            Rasterise(rings, g, work);
            return work;
        }, entries.Add);
        (_cells, _lists) = entries.Settle(_lattice.Columns * _lattice.Rows);
    }

    /// <summary>How many cells a lattice for this many grids and edges should have.</summary>
    public static long TargetCells(int grids, long edges) =>
        Math.Clamp(Math.Max((long)grids * CellsPerGrid, edges * CellsPerEdge), 1, MaxCells);

    /// <summary>The lattice's extent, for ordering points spatially; empty when there are no grids.</summary>
    public Envelope Extent => _cells.Length == 0 ? new Envelope() : _lattice.Extent;

    /// <summary>The grid holding the point under <see cref="GridIndex"/>'s border rule, or <see cref="Nothing"/>.</summary>
    public int Find(GridRings rings, double x, double y)
    {
        if (_cells.Length == 0 || !_lattice.Contains(x, y))
            return Nothing;
        var value = _cells[_lattice.Row(y) * _lattice.Columns + _lattice.Column(x)];
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

    private void Rasterise(GridRings rings, int g, RasterWork work)
    {
        var column0 = _lattice.Column(rings.MinX(g));
        var row0 = _lattice.Row(rings.MinY(g));
        var width = _lattice.Column(rings.MaxX(g)) - column0 + 1;
        var height = _lattice.Row(rings.MaxY(g)) - row0 + 1;
        var crossed = work.Scratch(width * height);

        // 1. Every cell an edge's bounding box touches may hold border points: mark it.
        foreach (var edge in rings.Edges(g))
        {
            var (minX, minY, maxX, maxY) = rings.EdgeBox(edge);
            var from = _lattice.Column(minX) - column0;
            var to = _lattice.Column(maxX) - column0;
            for (var row = _lattice.Row(minY) - row0; row <= _lattice.Row(maxY) - row0; row++)
                crossed.AsSpan(row * width + from, to - from + 1).Fill(true);
        }

        // 2. Unmarked runs within a row share one location relative to this grid: test one point per run.
        for (var row = 0; row < height; row++)
        {
            var column = 0;
            while (column < width)
            {
                var cell = (row0 + row) * _lattice.Columns + column0 + column;
                var location = crossed[row * width + column] ? Location.Boundary
                    : _lattice.Inside(column0 + column, row0 + row) is { } inside ? rings.Locate(g, inside.X, inside.Y)
                    : Location.Boundary;
                if (location == Location.Boundary)
                {
                    // Crossed; or the cell's centre rounded into a neighbour, or (impossible, by the argument
                    // above) lies on the border: leave this cell to exact tests.
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
}
