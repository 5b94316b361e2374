using NetTopologySuite.Geometries;
using Wangge.Geo.Geodesy;

namespace Wangge.Geo.Tests.Geodesy;

/// <summary>
/// Areas agree with PostGIS <c>ST_Area(geography)</c> (GeographicLib, geodesic edges on WGS-84). The reference
/// values were computed with PostGIS 3 for the same rings; the PostgreSQL specification of the web project
/// compares real county borders live.
/// </summary>
public sealed class EllipsoidAreaTests
{
    private static Polygon Box(double west, double south, double east, double north, bool clockwise = false)
    {
        Coordinate[] c = [new(west, south), new(east, south), new(east, north), new(west, north), new(west, south)];
        if (clockwise)
            Array.Reverse(c);
        return Wgs84.Factory.CreatePolygon(c);
    }

    [Theory]
    // A 1 km box in Baiyun, and one-degree boxes in Guangdong and in Heilongjiang (long edges, 111 km).
    [InlineData(113.25, 23.2, 113.26, 23.21, 1_133_683.301158905, 1e-7)]
    [InlineData(113, 23, 114, 24, 11_312_236_864.29596, 1e-4)]
    [InlineData(120, 45, 121, 46, 8_686_380_423.556202, 1e-4)]
    public void M2_OfABox_MatchesPostGisGeographyArea(double w, double s, double e, double n, double postGisM2, double relative)
    {
        var area = EllipsoidArea.M2(Box(w, s, e, n));

        Assert.InRange(area / postGisM2, 1 - relative, 1 + relative);
    }

    [Fact]
    public void M2_IgnoresRingOrientation_AndSubtractsHoles()
    {
        var shell = Box(113.25, 23.2, 113.27, 23.22);
        var hole = Box(113.255, 23.205, 113.26, 23.21, clockwise: true);
        var withHole = Wgs84.Factory.CreatePolygon((LinearRing)shell.ExteriorRing, [(LinearRing)hole.ExteriorRing]);

        Assert.Equal(EllipsoidArea.M2(shell), EllipsoidArea.M2(Box(113.25, 23.2, 113.27, 23.22, clockwise: true)), 6);
        Assert.Equal(EllipsoidArea.M2(shell) - EllipsoidArea.M2(hole), EllipsoidArea.M2(withHole), 6);
        Assert.Equal(2 * EllipsoidArea.M2(hole),
            EllipsoidArea.M2(Wgs84.Factory.CreateMultiPolygon([hole, Box(113.3, 23.205, 113.305, 23.21)])), 3);
    }

    [Fact]
    public void M2_DiffersFromTheFixedKilometresPerDegree_ByTheirKnownError()
    {
        // 110.57 km per degree of latitude is the value near the equator; at 23° a degree is 110.76 km.
        var box = Box(113.25, 23.2, 113.26, 23.21);
        var flat = new Wangge.Geo.Synthesis.LocalProjection(113.255, 23.205).AreaKm2(box) * 1e6;

        Assert.InRange(EllipsoidArea.M2(box) / flat, 1.001, 1.005);
    }

    [Fact]
    public void M2_OfAnEmptyOrLinearGeometry_IsZero()
    {
        Assert.Equal(0, EllipsoidArea.M2(Wgs84.Factory.CreatePolygon()));
        Assert.Equal(0, EllipsoidArea.M2(Wgs84.Factory.CreateLineString([new(113, 23), new(114, 24)])));
    }
}
