using NetTopologySuite.Geometries;
using Wangge.Geo.Synthesis;

namespace Wangge.Geo.Tests.Synthesis;

public sealed class LocalProjectionTests
{
    [Fact]
    public void DistanceKm_OneDegreeOfLatitude_Is110Point57()
    {
        var projection = new LocalProjection(113.3, 23.3);

        Assert.Equal(110.57, projection.DistanceKm(new Coordinate(113.3, 23.0), new Coordinate(113.3, 24.0)), 1e-9);
    }

    [Fact]
    public void DistanceKm_OneDegreeOfLongitude_ShrinksWithCosineOfOriginLatitude()
    {
        var projection = new LocalProjection(113.3, 23.3);

        var expected = 111.32 * Math.Cos(23.3 * Math.PI / 180);
        Assert.Equal(expected, projection.DistanceKm(new Coordinate(113.0, 23.3), new Coordinate(114.0, 23.3)), 1e-9);
    }

    [Fact]
    public void ToLonLat_AfterToKm_ReturnsThePoint()
    {
        var projection = LocalProjection.Around(Shapes.Square());
        var point = new Coordinate(113.2871, 23.2519);

        var back = projection.ToLonLat(projection.ToKm(point));

        Assert.Equal(point.X, back.X, 1e-12);
        Assert.Equal(point.Y, back.Y, 1e-12);
    }

    [Fact]
    public void ToKm_Geometry_LeavesTheInputAloneAndScalesItsArea()
    {
        var square = Shapes.Square();
        var before = square.Copy();
        var projection = LocalProjection.Around(square);

        var km = projection.ToKm(square);

        Assert.True(square.EqualsExact(before));
        Assert.Equal(projection.AreaKm2(square), km.Area, 1e-9);
        Assert.InRange(km.Area, 100, 115);
    }

    [Fact]
    public void Around_OriginIsTheEnvelopeCentre()
    {
        var projection = LocalProjection.Around(Shapes.Square());

        Assert.Equal(Shapes.Lon0 + 0.05, projection.OriginLongitude, 1e-12);
        Assert.Equal(Shapes.Lat0 + 0.05, projection.OriginLatitude, 1e-12);
        Assert.Equal(0, projection.ToKm(Shapes.Lon0 + 0.05, Shapes.Lat0 + 0.05).Distance(new Coordinate(0, 0)), 1e-9);
    }
}
