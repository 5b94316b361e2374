using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Wangge.Geo.Placement;

/// <summary>
/// Every grid's rings copied into one flat coordinate array, with an exact point-in-area test over them.
/// </summary>
/// <remarks>
/// A grid's 20–60 vertices then sit in one or two cache lines' worth of neighbours instead of being scattered over
/// NTS's per-coordinate objects, and a test allocates nothing. The test is NTS's
/// <see cref="RayCrossingCounter"/> step for step, with the same extended-precision orientation predicate, so it
/// classifies every point exactly as <c>IndexedPointInAreaLocator</c> does, including which points are on the
/// boundary.
/// </remarks>
internal sealed class GridRings
{
    // x0, y0, x1, y1, … for all rings of all grids, each ring closed (last point repeats the first).
    private readonly double[] _xy;
    // Ring r spans points [_ringStart[r], _ringStart[r + 1]); grid g spans rings [_gridRing[g], _gridRing[g + 1]).
    private readonly int[] _ringStart;
    private readonly int[] _gridRing;
    // Per grid: min x, min y, max x, max y.
    private readonly double[] _envelopes;

    // A grid with more edges than this is tested through NTS's interval-indexed locator instead: a scan of every
    // edge would cost more than the index's lookup. The locator runs the same exact algorithm, so answers agree.
    private const int LargeGrid = 256;

    // Per grid: its indexed locator when it is large, else null.
    private readonly IndexedPointInAreaLocator?[] _large;

    public GridRings(IReadOnlyList<MultiPolygon> borders)
    {
        _large = new IndexedPointInAreaLocator?[borders.Count];
        var rings = new List<LineString>();
        _gridRing = new int[borders.Count + 1];
        _envelopes = new double[4 * borders.Count];
        var points = 0;
        for (var g = 0; g < borders.Count; g++)
        {
            foreach (var polygon in borders[g].Geometries.Cast<Polygon>())
            {
                if (polygon.IsEmpty)
                    continue;
                // A ring of fewer than two points has no segment, so it cannot move a crossing count.
                rings.AddRange(polygon.InteriorRings.Prepend(polygon.ExteriorRing).Where(ring => ring.NumPoints > 1));
            }
            _gridRing[g + 1] = rings.Count;
            var segments = 0;
            for (var r = _gridRing[g]; r < rings.Count; r++)
                segments += rings[r].NumPoints - 1;
            SegmentCount += segments;
            if (segments > LargeGrid)
                _large[g] = new IndexedPointInAreaLocator(borders[g]);
            var envelope = borders[g].EnvelopeInternal;
            _envelopes[4 * g] = envelope.MinX;
            _envelopes[4 * g + 1] = envelope.MinY;
            _envelopes[4 * g + 2] = envelope.MaxX;
            _envelopes[4 * g + 3] = envelope.MaxY;
        }

        _ringStart = new int[rings.Count + 1];
        foreach (var ring in rings)
            points += ring.NumPoints;
        _xy = new double[2 * points];
        var at = 0;
        for (var r = 0; r < rings.Count; r++)
        {
            _ringStart[r] = at;
            var sequence = rings[r].CoordinateSequence;
            for (var i = 0; i < sequence.Count; i++, at++)
            {
                _xy[2 * at] = sequence.GetX(i);
                _xy[2 * at + 1] = sequence.GetY(i);
            }
        }
        _ringStart[rings.Count] = at;
    }

    public int Count => _gridRing.Length - 1;

    public long SegmentCount { get; }

    public double MinX(int grid) => _envelopes[4 * grid];

    public double MinY(int grid) => _envelopes[4 * grid + 1];

    public double MaxX(int grid) => _envelopes[4 * grid + 2];

    public double MaxY(int grid) => _envelopes[4 * grid + 3];

    public bool EnvelopeContains(int grid, double x, double y)
    {
        var e = _envelopes.AsSpan(4 * grid, 4);
        return x >= e[0] && y >= e[1] && x <= e[2] && y <= e[3];
    }

    /// <summary>Calls <paramref name="segment"/> with the bounding box of every edge of the grid.</summary>
    public void ForEachSegmentBox<TState>(int grid, ref TState state, SegmentBox<TState> segment)
    {
        for (var r = _gridRing[grid]; r < _gridRing[grid + 1]; r++)
        {
            for (var i = _ringStart[r] + 1; i < _ringStart[r + 1]; i++)
            {
                double x1 = _xy[2 * i - 2], y1 = _xy[2 * i - 1], x2 = _xy[2 * i], y2 = _xy[2 * i + 1];
                segment(ref state, Math.Min(x1, x2), Math.Min(y1, y2), Math.Max(x1, x2), Math.Max(y1, y2));
            }
        }
    }

    public delegate void SegmentBox<TState>(ref TState state, double minX, double minY, double maxX, double maxY);

    /// <summary>Where the point lies relative to the grid's area: inside, on its boundary, or outside.</summary>
    public Location Locate(int grid, double x, double y)
    {
        if (_large[grid] is { } locator)
            return locator.Locate(new Coordinate(x, y));
        var xy = _xy;
        var crossings = 0;
        for (var r = _gridRing[grid]; r < _gridRing[grid + 1]; r++)
        {
            var end = _ringStart[r + 1];
            var i = _ringStart[r];
            double x1 = xy[2 * i], y1 = xy[2 * i + 1];
            for (i++; i < end; i++)
            {
                double x2 = xy[2 * i], y2 = xy[2 * i + 1];
                // Segments wholly above or below the ray change nothing in RayCrossingCounter; most exit here.
                if ((y1 > y && y2 > y) || (y1 < y && y2 < y) || (x1 < x && x2 < x))
                {
                    x1 = x2;
                    y1 = y2;
                    continue;
                }
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
                    // Counted as for an upward segment: the point must lie to its left.
                    if (y2 < y1)
                        orientation = -orientation;
                    if (orientation > 0)
                        crossings++;
                }
                x1 = x2;
                y1 = y2;
            }
        }
        return (crossings & 1) == 1 ? Location.Interior : Location.Exterior;
    }
}
