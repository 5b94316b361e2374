using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Wangge.Geo.Placement;

/// <summary>
/// Places lon/lat points into bottom grids. Immutable after construction and safe to query from many threads.
/// </summary>
/// <remarks>
/// Border rule, so that a point lands in the same grid whatever order the grids were given in:
/// <list type="number">
/// <item>A point in the interior of a grid goes to that grid. (Should overlapping borders put it in the
/// interior of several, the ordinally smallest code among those wins.)</item>
/// <item>Otherwise a point on the boundary of one or more grids — a shared edge, a vertex where several
/// grids meet, or the rim of a hole — goes to the grid with the ordinally smallest code
/// (<see cref="string.CompareOrdinal(string, string)"/>) among those whose closure contains it.</item>
/// <item>A point outside every grid, inside a hole not filled by another grid, or with a non-finite
/// coordinate gets <c>null</c>.</item>
/// </list>
/// Boundary tests are exact (NTS's robust ray-crossing counter), so "on the border" means on it to the last
/// bit, not within a tolerance.
/// </remarks>
public sealed class GridIndex
{
    // Large enough that scheduling overhead is noise, small enough to spread a district's points over cores.
    private const int ChunkSize = 4096;

    private readonly STRtree<Grid> _tree = new();

    public GridIndex(IEnumerable<(string Code, MultiPolygon Border)> grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (code, border) in grids)
        {
            if (string.IsNullOrEmpty(code))
                throw new ArgumentException("Every grid needs a code.", nameof(grids));
            ArgumentNullException.ThrowIfNull(border, nameof(grids));
            if (!codes.Add(code))
                throw new ArgumentException($"Grid code '{code}' appears twice.", nameof(grids));
            if (border.IsEmpty)
                continue;
            _tree.Insert(border.EnvelopeInternal, new Grid(code, border));
        }
        Count = codes.Count;
        // Building now rather than on the first query keeps the first caller from paying for it under contention.
        _tree.Build();
    }

    /// <summary>How many grids were given, including any with an empty border (which never match).</summary>
    public int Count { get; }

    /// <summary>The code of the grid holding the point under the border rule in the type's remarks, or null.</summary>
    public string? Locate(double lon, double lat)
    {
        if (!double.IsFinite(lon) || !double.IsFinite(lat))
            return null;
        var point = new Coordinate(lon, lat);
        string? interior = null;
        string? boundary = null;
        foreach (var grid in _tree.Query(new Envelope(point)))
        {
            switch (grid.Locator.Value.Locate(point))
            {
                case Location.Interior when interior is null || string.CompareOrdinal(grid.Code, interior) < 0:
                    interior = grid.Code;
                    break;
                case Location.Boundary when boundary is null || string.CompareOrdinal(grid.Code, boundary) < 0:
                    boundary = grid.Code;
                    break;
            }
        }
        return interior ?? boundary;
    }

    /// <summary>
    /// <see cref="Locate"/> for many points; result <c>i</c> belongs to point <c>i</c>. Points are visited in
    /// Hilbert-curve order so neighbouring lookups touch the same tree nodes and locators, and chunks of that
    /// order run in parallel; since each answer depends only on its own point, the output does not depend on
    /// scheduling.
    /// </summary>
    public IReadOnlyList<string?> LocateAll(IReadOnlyList<(double Lon, double Lat)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var results = new string?[points.Count];
        if (points.Count == 0)
            return results;

        var order = HilbertOrder(points);
        var chunks = (order.Length + ChunkSize - 1) / ChunkSize;
        void RunChunk(int chunk)
        {
            var end = Math.Min(order.Length, (chunk + 1) * ChunkSize);
            for (var k = chunk * ChunkSize; k < end; k++)
            {
                var i = order[k];
                results[i] = Locate(points[i].Lon, points[i].Lat);
            }
        }

        if (chunks == 1)
            RunChunk(0);
        else
            Parallel.For(0, chunks, RunChunk);
        return results;
    }

    private static int[] HilbertOrder(IReadOnlyList<(double Lon, double Lat)> points)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        foreach (var (lon, lat) in points)
        {
            if (!double.IsFinite(lon) || !double.IsFinite(lat))
                continue;
            minX = Math.Min(minX, lon);
            maxX = Math.Max(maxX, lon);
            minY = Math.Min(minY, lat);
            maxY = Math.Max(maxY, lat);
        }

        var keys = new ulong[points.Count];
        var order = new int[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            order[i] = i;
            var (lon, lat) = points[i];
            keys[i] = double.IsFinite(lon) && double.IsFinite(lat)
                ? HilbertKey(Cell(lon, minX, maxX), Cell(lat, minY, maxY))
                : ulong.MaxValue;
        }
        Array.Sort(keys, order);
        return order;
    }

    private const int HilbertBits = 16;

    private static uint Cell(double value, double min, double max)
    {
        const uint top = (1u << HilbertBits) - 1;
        return max > min ? (uint)Math.Clamp((value - min) / (max - min) * top, 0, top) : 0;
    }

    // Hilbert rather than Morton: consecutive keys are always adjacent cells, so chunks are compact blobs.
    private static ulong HilbertKey(uint x, uint y)
    {
        const uint n = 1u << HilbertBits;
        ulong key = 0;
        for (var s = n >> 1; s > 0; s >>= 1)
        {
            var rx = (x & s) > 0 ? 1u : 0u;
            var ry = (y & s) > 0 ? 1u : 0u;
            key += (ulong)s * s * ((3 * rx) ^ ry);
            if (ry == 0)
            {
                if (rx == 1)
                {
                    x = n - 1 - x;
                    y = n - 1 - y;
                }
                (x, y) = (y, x);
            }
        }
        return key;
    }

    private sealed class Grid(string code, MultiPolygon border)
    {
        public string Code { get; } = code;

        // Built on first use, once, so indexing a whole district costs nothing for grids no point falls near.
        public Lazy<IndexedPointInAreaLocator> Locator { get; } = new(() => new IndexedPointInAreaLocator(border));
    }
}
