using NetTopologySuite.Geometries;

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
/// <para>How: a uniform lattice over all grids (<see cref="CellRaster"/>) settles most points with one array read;
/// the others are tested exactly against the few grids whose edges cross their cell, read from flat coordinate
/// arrays (<see cref="GridRings"/>). Grids are numbered in code order, so "smallest code" is "smallest number".</para>
/// </remarks>
public sealed class GridIndex
{
    // Large enough that scheduling overhead is noise, small enough to spread a district's points over cores.
    private const int ChunkSize = 4096;

    // Up to this many points, ordering them and starting threads costs more than it saves.
    private const int SmallBatch = 8192;

    private readonly string[] _codes;
    private readonly GridRings _rings;
    private readonly CellRaster _raster;

    public GridIndex(IEnumerable<(string Code, MultiPolygon Border)> grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<(string Code, MultiPolygon Border)>();
        foreach (var (code, border) in grids)
        {
            if (string.IsNullOrEmpty(code))
                throw new ArgumentException("Every grid needs a code.", nameof(grids));
            ArgumentNullException.ThrowIfNull(border, nameof(grids));
            if (!codes.Add(code))
                throw new ArgumentException($"Grid code '{code}' appears twice.", nameof(grids));
            if (!border.IsEmpty)
                kept.Add((code, border));
        }
        Count = codes.Count;
        kept.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        _codes = kept.Select(grid => grid.Code).ToArray();
        _rings = new GridRings(kept.Select(grid => grid.Border).ToArray());
        _raster = new CellRaster(_rings);
    }

    /// <summary>How many grids were given, including any with an empty border (which never match).</summary>
    public int Count { get; }

    /// <summary>The code of the grid holding the point under the border rule in the type's remarks, or null.</summary>
    public string? Locate(double lon, double lat)
    {
        if (!double.IsFinite(lon) || !double.IsFinite(lat))
            return null;
        var grid = _raster.Find(_rings, lon, lat);
        return grid == CellRaster.Nothing ? null : _codes[grid];
    }

    /// <summary>
    /// <see cref="Locate"/> for many points; result <c>i</c> belongs to point <c>i</c>. Points are visited in
    /// Hilbert-curve order so neighbouring lookups touch the same lattice cells and grid edges, and chunks of that
    /// order run in parallel; since each answer depends only on its own point, the output does not depend on
    /// scheduling.
    /// </summary>
    public IReadOnlyList<string?> LocateAll(IReadOnlyList<(double Lon, double Lat)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var results = new string?[points.Count];
        var input = points as (double Lon, double Lat)[] ?? points.ToArray();
        if (input.Length <= SmallBatch)
        {
            for (var i = 0; i < input.Length; i++)
                results[i] = Locate(input[i].Lon, input[i].Lat);
            return results;
        }

        var (xs, ys, index) = SpatialOrder.Of(input, _raster.Extent);
        var chunks = (input.Length + ChunkSize - 1) / ChunkSize;
        void RunChunk(int chunk)
        {
            var end = Math.Min(input.Length, (chunk + 1) * ChunkSize);
            for (var k = chunk * ChunkSize; k < end; k++)
                results[index[k]] = Locate(xs[k], ys[k]);
        }

        Parallel.For(0, chunks, RunChunk);
        return results;
    }
}
