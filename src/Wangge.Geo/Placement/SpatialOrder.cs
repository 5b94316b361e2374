using NetTopologySuite.Geometries;

namespace Wangge.Geo.Placement;

/// <summary>
/// Orders points tile by tile along a Hilbert curve, so consecutive lookups read the same few cells and grid
/// edges while they are still in cache.
/// </summary>
/// <remarks>
/// A counting sort over 256 × 256 tiles rather than a full sort on fine keys: two linear passes instead of
/// n log n comparisons, and a tile is already small enough (a few hundred lattice cells) to stay cache-resident.
/// </remarks>
internal static class SpatialOrder
{
    private const int Bits = 8;
    private const int Side = 1 << Bits;

    // Tile (column + row · Side) → its position along the curve, computed once.
    private static readonly Lazy<int[]> Curve = new(() =>
    {
        var curve = new int[Side * Side];
        for (var row = 0; row < Side; row++)
            for (var column = 0; column < Side; column++)
                curve[row * Side + column] = HilbertIndex(column, row);
        return curve;
    });

    /// <summary>
    /// The points rearranged in curve order — their coordinates and each one's index in the input — with points
    /// outside <paramref name="extent"/> last.
    /// </summary>
    /// <remarks>
    /// Copying the coordinates into order, rather than handing back only a permutation, matters as much as the
    /// order itself: looking each point up through a permutation costs a cache miss per point on the input.
    /// </remarks>
    public static (double[] X, double[] Y, int[] Index) Of(ReadOnlySpan<(double Lon, double Lat)> points, Envelope extent)
    {
        const int outside = Side * Side;
        var curve = Curve.Value;
        var scaleX = extent.Width > 0 ? Side / extent.Width : 0;
        var scaleY = extent.Height > 0 ? Side / extent.Height : 0;
        var keys = new int[points.Length];
        var start = new int[outside + 2];
        for (var i = 0; i < points.Length; i++)
        {
            var (x, y) = points[i];
            var key = outside;
            // Written so that NaN falls outside too.
            if (x >= extent.MinX && x <= extent.MaxX && y >= extent.MinY && y <= extent.MaxY)
            {
                var column = Math.Min((int)((x - extent.MinX) * scaleX), Side - 1);
                var row = Math.Min((int)((y - extent.MinY) * scaleY), Side - 1);
                key = curve[row * Side + column];
            }
            keys[i] = key;
            start[key + 1]++;
        }
        for (var k = 0; k <= outside; k++)
            start[k + 1] += start[k];
        var xs = new double[points.Length];
        var ys = new double[points.Length];
        var index = new int[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            var at = start[keys[i]]++;
            (xs[at], ys[at], index[at]) = (points[i].Lon, points[i].Lat, i);
        }
        return (xs, ys, index);
    }

    // Hilbert rather than Morton: consecutive tiles always share an edge, so a run of tiles is a compact blob.
    private static int HilbertIndex(int x, int y)
    {
        var index = 0;
        for (var s = Side >> 1; s > 0; s >>= 1)
        {
            var rx = (x & s) > 0 ? 1 : 0;
            var ry = (y & s) > 0 ? 1 : 0;
            index += s * s * ((3 * rx) ^ ry);
            if (ry == 0)
            {
                if (rx == 1)
                {
                    x = Side - 1 - x;
                    y = Side - 1 - y;
                }
                (x, y) = (y, x);
            }
        }
        return index;
    }
}
