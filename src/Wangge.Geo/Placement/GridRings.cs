using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Wangge.Geo.Placement;

/// <summary>
/// Every grid's rings copied into one flat coordinate array, each grid's edges filed by lattice row, and an exact
/// point-in-area test over them.
/// </summary>
/// <remarks>
/// <para>A grid's vertices then sit in a few cache lines instead of being scattered over NTS's per-coordinate
/// objects, a test allocates nothing, and it reads only the edges filed under the point's row — the only ones a
/// horizontal ray from the point can meet — rather than all of them.</para>
/// <para>The test is NTS's <see cref="RayCrossingCounter"/> step for step, with the same extended-precision
/// orientation predicate, so it classifies every point exactly as <c>IndexedPointInAreaLocator</c> does,
/// including which points are on the boundary. Edges left out (those not spanning the point's y) are exactly
/// those that counter ignores, and the count's outcome does not depend on the order edges are fed to it.</para>
/// </remarks>
internal sealed class GridRings
{
    // A grid with more edges than this is tested through NTS's interval-indexed locator instead: within one row
    // band it could still have hundreds of edges, where the locator's tree reaches the few that matter directly.
    // The locator runs the same exact algorithm, so answers agree.
    private const int LargeGrid = 1024;

    // x0, y0, x1, y1, … for all rings of all grids, each ring closed (last point repeats the first). An edge is
    // named by the index of its end point: edge i runs from point i - 1 to point i.
    private readonly double[] _xy;
    // Ring r spans points [_ringStart[r], _ringStart[r + 1]); grid g spans rings [_gridRing[g], _gridRing[g + 1]).
    private readonly int[] _ringStart;
    private readonly int[] _gridRing;
    // Per grid: min x, min y, max x, max y.
    private readonly double[] _envelopes;
    // Grid g's band for lattice row _bandRow[g] + k holds edges _bandEdges[_bandStart[_bandAt[g] + k] ..
    // _bandStart[_bandAt[g] + k + 1]); its rows run up to _bandAt[g + 1] - _bandAt[g] - 1 past the first.
    private readonly int[] _bandRow;
    private readonly int[] _bandAt;
    private readonly int[] _bandStart;
    private readonly int[] _bandEdges;
    // Per grid: its indexed locator when it is large, else null.
    private readonly IndexedPointInAreaLocator?[] _large;

    public GridRings(IReadOnlyList<MultiPolygon> borders)
    {
        var rings = new List<LineString>();
        _gridRing = new int[borders.Count + 1];
        _envelopes = new double[4 * borders.Count];
        _large = new IndexedPointInAreaLocator?[borders.Count];
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (var g = 0; g < borders.Count; g++)
        {
            foreach (var polygon in borders[g].Geometries.Cast<Polygon>())
            {
                // A ring of fewer than two points has no edge, so it cannot move a crossing count.
                rings.AddRange(polygon.InteriorRings.Prepend(polygon.ExteriorRing).Where(ring => ring.NumPoints > 1));
            }
            _gridRing[g + 1] = rings.Count;
            var edges = 0;
            for (var r = _gridRing[g]; r < rings.Count; r++)
                edges += rings[r].NumPoints - 1;
            EdgeCount += edges;
            if (edges > LargeGrid)
                _large[g] = new IndexedPointInAreaLocator(borders[g]);

            var envelope = borders[g].EnvelopeInternal;
            (_envelopes[4 * g], _envelopes[4 * g + 1]) = (envelope.MinX, envelope.MinY);
            (_envelopes[4 * g + 2], _envelopes[4 * g + 3]) = (envelope.MaxX, envelope.MaxY);
            (minX, minY) = (Math.Min(minX, envelope.MinX), Math.Min(minY, envelope.MinY));
            (maxX, maxY) = (Math.Max(maxX, envelope.MaxX), Math.Max(maxY, envelope.MaxY));
        }

        _ringStart = new int[rings.Count + 1];
        for (var r = 0; r < rings.Count; r++)
            _ringStart[r + 1] = _ringStart[r] + rings[r].NumPoints;
        _xy = new double[2 * _ringStart[rings.Count]];
        Parallel.For(0, rings.Count, r =>
        {
            var sequence = rings[r].CoordinateSequence;
            for (int i = 0, at = _ringStart[r]; i < sequence.Count; i++, at++)
                (_xy[2 * at], _xy[2 * at + 1]) = (sequence.GetX(i), sequence.GetY(i));
        });

        Lattice = borders.Count == 0
            ? new Lattice(0, 0, 0, 0, 1)
            : new Lattice(minX, minY, maxX, maxY, CellRaster.TargetCells(borders.Count, EdgeCount));
        (_bandRow, _bandAt, _bandStart, _bandEdges) = FileIntoBands();
    }

    public int Count => _gridRing.Length - 1;

    public long EdgeCount { get; }

    /// <summary>The lattice over all grids, sized for them; its rows are the edge bands.</summary>
    public Lattice Lattice { get; }

    public double MinX(int grid) => _envelopes[4 * grid];

    public double MinY(int grid) => _envelopes[4 * grid + 1];

    public double MaxX(int grid) => _envelopes[4 * grid + 2];

    public double MaxY(int grid) => _envelopes[4 * grid + 3];

    public bool EnvelopeContains(int grid, double x, double y)
    {
        var e = _envelopes.AsSpan(4 * grid, 4);
        return x >= e[0] && y >= e[1] && x <= e[2] && y <= e[3];
    }

    /// <summary>The edges of one grid, as end-point indexes for <see cref="EdgeBox"/>.</summary>
    public IEnumerable<int> Edges(int grid)
    {
        for (var r = _gridRing[grid]; r < _gridRing[grid + 1]; r++)
            for (var i = _ringStart[r] + 1; i < _ringStart[r + 1]; i++)
                yield return i;
    }

    public (double MinX, double MinY, double MaxX, double MaxY) EdgeBox(int edge)
    {
        double x1 = _xy[2 * edge - 2], y1 = _xy[2 * edge - 1], x2 = _xy[2 * edge], y2 = _xy[2 * edge + 1];
        return (Math.Min(x1, x2), Math.Min(y1, y2), Math.Max(x1, x2), Math.Max(y1, y2));
    }

    /// <summary>Where the point lies relative to the grid's area: inside, on its boundary, or outside.</summary>
    public Location Locate(int grid, double x, double y)
    {
        if (_large[grid] is { } locator)
            return locator.Locate(new Coordinate(x, y));
        if (!(y >= _envelopes[4 * grid + 1] && y <= _envelopes[4 * grid + 3]))
            return Location.Exterior;

        // The envelope check above keeps the band within this grid's rows (the row formula is monotone).
        var band = _bandAt[grid] + Lattice.Row(y) - _bandRow[grid];
        var xy = _xy;
        var crossings = 0;
        for (var k = _bandStart[band]; k < _bandStart[band + 1]; k++)
        {
            var i = _bandEdges[k];
            double x1 = xy[2 * i - 2], y1 = xy[2 * i - 1], x2 = xy[2 * i], y2 = xy[2 * i + 1];
            // Edges wholly above, below or left of the point change nothing in RayCrossingCounter.
            if ((y1 > y && y2 > y) || (y1 < y && y2 < y) || (x1 < x && x2 < x))
                continue;
            if (x == x2 && y == y2)
                return Location.Boundary;
            if (y1 == y && y2 == y)
            {
                if (x >= Math.Min(x1, x2) && x <= Math.Max(x1, x2))
                    return Location.Boundary;
            }
            else if ((y1 > y && y2 <= y) || (y2 > y && y1 <= y))
            {
                var orientation = CGAlgorithmsDD.OrientationIndex(x1, y1, x2, y2, x, y);
                if (orientation == 0)
                    return Location.Boundary;
                // Counted as for an upward edge: the point must lie to its left.
                if (y2 < y1)
                    orientation = -orientation;
                if (orientation > 0)
                    crossings++;
            }
        }
        return (crossings & 1) == 1 ? Location.Interior : Location.Exterior;
    }

    /// <summary>
    /// Files each grid's edges under every lattice row its y-range touches, by <see cref="Lattice.Row"/>: a point
    /// on an edge's y-range then always finds the edge in its own row's band.
    /// </summary>
    private (int[] Row, int[] At, int[] Start, int[] Edges) FileIntoBands()
    {
        var row = new int[Count];
        var at = new int[Count + 1];
        for (var g = 0; g < Count; g++)
        {
            row[g] = Lattice.Row(MinY(g));
            at[g + 1] = at[g] + (_large[g] is null ? Lattice.Row(MaxY(g)) - row[g] + 1 : 0);
        }
        // Each grid owns its own stretch of bands, so grids can be filed in parallel without sharing a slot.
        var start = new int[at[Count] + 1];
        Parallel.For(0, Count, g => VisitBands(g, row[g], edge => start[at[g] + edge.Band + 1]++));
        for (var b = 0; b < at[Count]; b++)
            start[b + 1] += start[b];
        var edges = new int[start[at[Count]]];
        var fill = start.AsSpan(0, at[Count]).ToArray();
        Parallel.For(0, Count, g => VisitBands(g, row[g], edge => edges[fill[at[g] + edge.Band]++] = edge.Edge));
        return (row, at, start, edges);
    }

    private void VisitBands(int grid, int firstRow, Action<(int Edge, int Band)> visit)
    {
        if (_large[grid] is not null)
            return;
        for (var r = _gridRing[grid]; r < _gridRing[grid + 1]; r++)
        {
            for (var i = _ringStart[r] + 1; i < _ringStart[r + 1]; i++)
            {
                var (low, high) = (Math.Min(_xy[2 * i - 1], _xy[2 * i + 1]), Math.Max(_xy[2 * i - 1], _xy[2 * i + 1]));
                for (var band = Lattice.Row(low) - firstRow; band <= Lattice.Row(high) - firstRow; band++)
                    visit((i, band));
            }
        }
    }
}
