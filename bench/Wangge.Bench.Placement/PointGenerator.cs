using NetTopologySuite.Geometries;

namespace Wangge.Bench.Placement;

/// <summary>Business locations: mostly around the centres, some anywhere, and a few exactly on grid borders.</summary>
internal static class PointGenerator
{
    /// <summary>One point in this many sits exactly on a vertex shared by two or three grids.</summary>
    public const int BorderEvery = 1000;

    private const double Clustered = 0.85;

    public static (double Lon, double Lat)[] Generate(int count, Tiling tiling, Centres centres, Random random)
    {
        var points = new (double Lon, double Lat)[count];
        for (var i = 0; i < count; i++)
        {
            // Geocoders snap to road junctions, and borders follow roads: exact border hits do happen.
            var c = i % BorderEvery == BorderEvery - 1
                ? tiling.SharedVertices[random.Next(tiling.SharedVertices.Length)]
                : random.NextDouble() < Clustered ? centres.Near(random) : centres.Uniform(random);
            points[i] = (c.X, c.Y);
        }
        return points;
    }

    /// <summary>Whether a point is one of the deliberate border hits (by index, as generated).</summary>
    public static bool OnBorder(int index) => index % BorderEvery == BorderEvery - 1;

    public static Envelope Bounds((double Lon, double Lat)[] points)
    {
        var envelope = new Envelope();
        foreach (var (lon, lat) in points)
            envelope.ExpandToInclude(lon, lat);
        return envelope;
    }
}
