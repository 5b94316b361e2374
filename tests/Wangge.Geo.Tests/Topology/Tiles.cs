using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;
using Wangge.Geo.Topology;

namespace Wangge.Geo.Tests.Topology;

/// <summary>Boxes and tilings near Baiyun (lon 113.25, lat 23.2), where 0.01° is about 1 km.</summary>
internal static class Tiles
{
    public const double Lon0 = 113.25;
    public const double Lat0 = 23.2;

    public static readonly IReadOnlyDictionary<string, Geometry> NoExistingParents = new Dictionary<string, Geometry>();

    /// <summary>A box given by its offsets in degrees from (<see cref="Lon0"/>, <see cref="Lat0"/>).</summary>
    public static Polygon Box(double west, double south, double east, double north) => Wgs84.Factory.CreatePolygon(
    [
        new(Lon0 + west, Lat0 + south), new(Lon0 + east, Lat0 + south), new(Lon0 + east, Lat0 + north),
        new(Lon0 + west, Lat0 + north), new(Lon0 + west, Lat0 + south),
    ]);

    public static GridShape Grid(string code, string? parent, Geometry? border, int? sourceIndex = null) =>
        new(code, $"Name of {code}", parent, border, sourceIndex);

    /// <summary>Metres² of a lon/lat box of this size here, worked out independently of the check's projection.</summary>
    public static double M2(double dLon, double dLat) =>
        dLon * 111_320 * Math.Cos(Lat0 * Math.PI / 180) * dLat * 110_570;

    public static IReadOnlyList<TopologyProblem> Check(params GridShape[] shapes) =>
        TopologyCheck.Check(shapes, NoExistingParents, new TopologyOptions());

    public static IReadOnlyList<TopologyProblem> Check(TopologyOptions options, params GridShape[] shapes) =>
        TopologyCheck.Check(shapes, NoExistingParents, options);

    /// <summary>The parent box [0, 0.02] × [0, 0.01] cut into two halves at 0.01: a clean tiling.</summary>
    public static (GridShape Parent, GridShape West, GridShape East) TwoHalves(string parentCode = "P") => (
        Grid(parentCode, null, Box(0, 0, 0.02, 0.01)),
        Grid(parentCode + "-01", parentCode, Box(0, 0, 0.01, 0.01)),
        Grid(parentCode + "-02", parentCode, Box(0.01, 0, 0.02, 0.01)));

    /// <summary>
    /// Voronoi cells of random sites, clipped to <paramref name="area"/>'s box: irregular polygons that tile
    /// it, with neighbours sharing edges only up to the bits of floating-point clipping, like real borders.
    /// </summary>
    public static List<Polygon> VoronoiCells(Polygon area, int count, int seed)
    {
        var random = new Random(seed);
        var box = area.EnvelopeInternal;
        var sites = Enumerable.Range(0, count)
            .Select(_ => new Coordinate(box.MinX + random.NextDouble() * box.Width, box.MinY + random.NextDouble() * box.Height))
            .ToList();
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = box };
        builder.SetSites(sites);
        var diagram = builder.GetDiagram(Wgs84.Factory);
        return Enumerable.Range(0, diagram.NumGeometries).Select(i => (Polygon)diagram.GetGeometryN(i)).ToList();
    }

    public static TopologyProblem Single(IReadOnlyList<TopologyProblem> problems, TopologyProblemKind kind)
    {
        var matching = problems.Where(p => p.Kind == kind).ToList();
        Assert.True(matching.Count == 1,
            $"Expected one {kind}, found {matching.Count}. All problems:\n{string.Join("\n", problems.Select(p => $"{p.Kind}: {p.Message}"))}");
        return matching[0];
    }

    public static void AssertNone(IReadOnlyList<TopologyProblem> problems) =>
        Assert.True(problems.Count == 0, "Expected no problems, found:\n" + string.Join("\n", problems.Select(p => $"{p.Kind}: {p.Message}")));

    public static void AssertArea(double expectedM2, TopologyProblem problem)
    {
        Assert.NotNull(problem.Location);
        Assert.InRange(problem.AreaM2, expectedM2 * 0.99, expectedM2 * 1.01);
        // The drawn location must be the area reported, not just a marker near it.
        Assert.InRange(problem.Location!.Area / Wgs84Area(expectedM2), 0.99, 1.01);
    }

    private static double Wgs84Area(double m2) => m2 / M2(1, 1);
}
