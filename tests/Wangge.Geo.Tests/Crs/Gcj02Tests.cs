using NetTopologySuite.Geometries;
using Wangge.Geo.Crs;

namespace Wangge.Geo.Tests.Crs;

public class Gcj02Tests
{
    // What the product promises for the inverse, in degrees (about 1 cm).
    private const double TenthOfMicrodegree = 1e-7;

    // Reference pairs published with the open-source implementations of the same formula, which agree to
    // the last digit: wgs lon, wgs lat, gcj lon, gcj lat, where from.
    public static TheoryData<double, double, double, double, string> PublishedPairs => new()
    {
        { 113.912316, 22.543847, 113.9171764808363, 22.540796131694766, "Shenzhen, googollee/eviltransform tests" },
        { 121.5272106, 31.1774276, 121.531541859215, 31.17530398364597, "Shanghai, googollee/eviltransform tests" },
        { 116.377817, 39.911954, 116.38404722455657, 39.91334545536069, "Beijing, googollee/eviltransform tests" },
        { 116.404, 39.915, 116.41024449916938, 39.91640428150164, "Beijing, wandergis/coordtransform test/app.js" },
    };

    [Theory]
    [MemberData(nameof(PublishedPairs))]
    public void FromWgs84_PublishedReferencePair_MatchesToTheLastDigits(
        double wgsLon, double wgsLat, double gcjLon, double gcjLat, string source)
    {
        var (lon, lat) = Gcj02.FromWgs84(wgsLon, wgsLat);

        Assert.True(Math.Abs(lon - gcjLon) < 1e-12, $"{source}: lon {lon:R} vs {gcjLon:R}");
        Assert.True(Math.Abs(lat - gcjLat) < 1e-12, $"{source}: lat {lat:R} vs {gcjLat:R}");
    }

    [Theory]
    [MemberData(nameof(PublishedPairs))]
    public void ToWgs84_PublishedReferencePair_RecoversWgs84WithinTenthOfMicrodegree(
        double wgsLon, double wgsLat, double gcjLon, double gcjLat, string source)
    {
        var (lon, lat) = Gcj02.ToWgs84(gcjLon, gcjLat);

        Assert.True(Math.Abs(lon - wgsLon) < TenthOfMicrodegree, $"{source}: lon {lon:R} vs {wgsLon:R}");
        Assert.True(Math.Abs(lat - wgsLat) < TenthOfMicrodegree, $"{source}: lat {lat:R} vs {wgsLat:R}");
    }

    // Every 0.05° over Guangzhou's whole extent and a margin around it: 25 × 31 points.
    private static IEnumerable<(double Lon, double Lat)> GuangzhouGrid() =>
        from i in Enumerable.Range(0, 25)
        from j in Enumerable.Range(0, 31)
        select (112.9 + i * 0.05, 22.5 + j * 0.05);

    [Fact]
    public void ToWgs84_RoundTripsFromWgs84_WithinTenthOfMicrodegree()
    {
        foreach (var (lon, lat) in GuangzhouGrid())
        {
            var (gcjLon, gcjLat) = Gcj02.FromWgs84(lon, lat);
            var (backLon, backLat) = Gcj02.ToWgs84(gcjLon, gcjLat);

            Assert.True(Math.Abs(backLon - lon) < TenthOfMicrodegree, $"lon at ({lon}, {lat}): {backLon:R}");
            Assert.True(Math.Abs(backLat - lat) < TenthOfMicrodegree, $"lat at ({lon}, {lat}): {backLat:R}");
        }
    }

    [Fact]
    public void FromWgs84_RoundTripsToWgs84_WithinTenthOfMicrodegree()
    {
        foreach (var (gcjLon, gcjLat) in GuangzhouGrid())
        {
            var (lon, lat) = Gcj02.ToWgs84(gcjLon, gcjLat);
            var (againLon, againLat) = Gcj02.FromWgs84(lon, lat);

            Assert.True(Math.Abs(againLon - gcjLon) < TenthOfMicrodegree, $"lon at ({gcjLon}, {gcjLat}): {againLon:R}");
            Assert.True(Math.Abs(againLat - gcjLat) < TenthOfMicrodegree, $"lat at ({gcjLon}, {gcjLat}): {againLat:R}");
        }
    }

    [Fact]
    public void FromWgs84_InGuangzhou_ShiftsAboutHalfAKilometreEastAndSouth()
    {
        // Baiyun district's centre. Guards against a "conversion" that silently does nothing or flips a sign.
        var (lon, lat) = Gcj02.FromWgs84(113.27, 23.16);

        var eastKm = (lon - 113.27) * 111.32 * Math.Cos(23.16 * Math.PI / 180);
        var northKm = (lat - 23.16) * 110.57;
        Assert.InRange(eastKm, 0.50, 0.60);
        Assert.InRange(northKm, -0.33, -0.26);
    }

    [Theory]
    [InlineData(113.212890625, 23.142578125, 113.20753595263845, 23.145220424106807)] // first vertex of Baiyun's source ring
    [InlineData(113.5107421875, 23.4287109375, 113.50543355993695, 23.431320976846507)] // its north-east corner
    public void ToWgs84_SameInputAsDemoExtract_GivesTheSameBits(double gcjLon, double gcjLat, double wgsLon, double wgsLat)
    {
        // tools/demo-extract/extract.mjs converted data/demo/baiyun/outline.geojson with the same formula;
        // data the product converts itself must land exactly on that outline.
        var (lon, lat) = Gcj02.ToWgs84(gcjLon, gcjLat);

        Assert.Equal(wgsLon, lon);
        Assert.Equal(wgsLat, lat);
    }

    [Theory]
    [InlineData(0.0, 0.0)] // null island
    [InlineData(139.6917, 35.6895)] // Tokyo: east of the box
    [InlineData(37.6173, 55.7558)] // Moscow: west of the box
    [InlineData(151.2093, -33.8688)] // Sydney: south
    [InlineData(-122.4194, 37.7749)] // San Francisco: western hemisphere
    [InlineData(-0.1276, 51.5072)] // London
    [InlineData(72.0, 30.0)] // just west of the box's edge at 72.004°
    [InlineData(100.0, 55.9)] // just north of the box's edge at 55.8271°
    public void OutsideChina_BothDirections_LeaveThePointUnchanged(double lon, double lat)
    {
        Assert.True(Gcj02.IsOutsideChina(lon, lat));
        Assert.Equal((lon, lat), Gcj02.FromWgs84(lon, lat));
        Assert.Equal((lon, lat), Gcj02.ToWgs84(lon, lat));
    }

    [Theory]
    [InlineData(113.27, 23.16)] // Guangzhou
    [InlineData(116.40, 39.91)] // Beijing
    [InlineData(87.62, 43.83)] // Ürümqi, far west
    [InlineData(126.63, 45.75)] // Harbin, far north-east
    [InlineData(109.51, 18.25)] // Sanya, far south
    public void IsOutsideChina_ChineseCity_IsFalse(double lon, double lat)
    {
        Assert.False(Gcj02.IsOutsideChina(lon, lat));
    }

    [Fact]
    public void ToWgs84_NaN_PassesThrough()
    {
        var (lon, lat) = Gcj02.ToWgs84(double.NaN, 23.16);

        Assert.True(double.IsNaN(lon));
        Assert.Equal(23.16, lat);
    }

    [Fact]
    public void ToWgs84_Geometry_ConvertsEveryVertexOfACopy()
    {
        var factory = new GeometryFactory();
        var shell = Ring(factory, (113.20, 23.14), (113.40, 23.14), (113.40, 23.40), (113.20, 23.40));
        var hole = Ring(factory, (113.25, 23.20), (113.25, 23.30), (113.30, 23.30), (113.30, 23.20));
        var point = factory.CreatePoint(new CoordinateZ(113.27, 23.16, 21.0));
        var source = factory.CreateGeometryCollection([
            factory.CreateMultiPolygon([factory.CreatePolygon(shell, [hole])]),
            point,
        ]);
        var before = source.Coordinates.Select(c => c.Copy()).ToArray();

        var converted = Gcj02.ToWgs84(source);

        Assert.NotSame(source, converted);
        Assert.Equal(before, source.Coordinates); // the input is untouched
        Assert.Equal(Wgs84.Srid, converted.SRID);
        Assert.Equal(before.Length, converted.NumPoints);
        for (var i = 0; i < before.Length; i++)
        {
            var (lon, lat) = Gcj02.ToWgs84(before[i].X, before[i].Y);
            Assert.Equal(lon, converted.Coordinates[i].X);
            Assert.Equal(lat, converted.Coordinates[i].Y);
        }
        Assert.Equal(21.0, converted.GetGeometryN(1).Coordinate.Z); // heights are not a GCJ-02 matter
        Assert.True(converted.GetGeometryN(0).IsValid);
    }

    private static LinearRing Ring(GeometryFactory factory, params (double Lon, double Lat)[] points) =>
        factory.CreateLinearRing([.. points.Select(p => new Coordinate(p.Lon, p.Lat)), new Coordinate(points[0].Lon, points[0].Lat)]);
}
