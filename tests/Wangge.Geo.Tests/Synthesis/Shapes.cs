using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace Wangge.Geo.Tests.Synthesis;

/// <summary>Test areas around Baiyun's latitude, from easy (a square) to awkward (concave, holed, split).</summary>
internal static class Shapes
{
    public const double Lon0 = 113.25;
    public const double Lat0 = 23.2;

    /// <summary>About 10 km × 11 km.</summary>
    public static MultiPolygon Square() => Multi(Rectangle(Lon0, Lat0, Lon0 + 0.1, Lat0 + 0.1));

    /// <summary>A "U": two arms joined at the bottom, so Voronoi cells straddle the notch.</summary>
    public static MultiPolygon UShape() => Multi(Ring(
        (Lon0, Lat0), (Lon0 + 0.1, Lat0), (Lon0 + 0.1, Lat0 + 0.1), (Lon0 + 0.07, Lat0 + 0.1),
        (Lon0 + 0.07, Lat0 + 0.02), (Lon0 + 0.03, Lat0 + 0.02), (Lon0 + 0.03, Lat0 + 0.1), (Lon0, Lat0 + 0.1)));

    /// <summary>A square with a square hole (a lake, an airport) in the middle.</summary>
    public static MultiPolygon Holed()
    {
        var shell = Wgs84.Factory.CreateLinearRing(Corners(Lon0, Lat0, Lon0 + 0.1, Lat0 + 0.1));
        var hole = Wgs84.Factory.CreateLinearRing(Corners(Lon0 + 0.04, Lat0 + 0.04, Lon0 + 0.06, Lat0 + 0.06).Reverse().ToArray());
        return Multi(Wgs84.Factory.CreatePolygon(shell, [hole]));
    }

    /// <summary>An irregular, strongly concave star with 60 vertices, like a district outline with inlets.</summary>
    public static MultiPolygon Star()
    {
        var random = new Random(12);
        var points = Enumerable.Range(0, 60).Select(i =>
        {
            var angle = 2 * Math.PI * i / 60;
            var radius = 0.05 * (i % 2 == 0 ? 1 : 0.45 + 0.3 * random.NextDouble());
            return (Lon0 + 0.05 + radius * Math.Cos(angle), Lat0 + 0.05 + radius * Math.Sin(angle));
        });
        return Multi(Ring(points.ToArray()));
    }

    /// <summary>Two islands; parts may legitimately span both.</summary>
    public static MultiPolygon Islands() => Wgs84.Factory.CreateMultiPolygon([
        Rectangle(Lon0, Lat0, Lon0 + 0.05, Lat0 + 0.05),
        Rectangle(Lon0 + 0.06, Lat0 + 0.01, Lon0 + 0.09, Lat0 + 0.03),
    ]);

    public static MultiPolygon ByName(string name) => name switch
    {
        "square" => Square(),
        "u" => UShape(),
        "holed" => Holed(),
        "star" => Star(),
        "islands" => Islands(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static Polygon Rectangle(double minX, double minY, double maxX, double maxY) =>
        Wgs84.Factory.CreatePolygon(Corners(minX, minY, maxX, maxY));

    public static Geometry Union(IEnumerable<Geometry> parts) =>
        OverlayNGRobust.Union(Wgs84.Factory.BuildGeometry(parts.ToArray()));

    private static Polygon Ring(params (double X, double Y)[] points) =>
        Wgs84.Factory.CreatePolygon(points.Append(points[0]).Select(p => new Coordinate(p.X, p.Y)).ToArray());

    private static Coordinate[] Corners(double minX, double minY, double maxX, double maxY) =>
        [new(minX, minY), new(maxX, minY), new(maxX, maxY), new(minX, maxY), new(minX, minY)];

    private static MultiPolygon Multi(Polygon polygon) => Wgs84.Factory.CreateMultiPolygon([polygon]);
}
