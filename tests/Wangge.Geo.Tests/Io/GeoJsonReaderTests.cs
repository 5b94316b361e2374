using System.Text;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using Wangge.Geo.Crs;
using Wangge.Geo.Io;
using static Wangge.Geo.Tests.Io.IoFiles;

namespace Wangge.Geo.Tests.Io;

public class GeoJsonReaderTests
{
    private const string TwoGrids = """
        {"type":"FeatureCollection","name":"grids","features":[
          {"type":"Feature","id":7,"properties":{"code":"44011100100101","name":"三元里网格","staff":3,"area":1.50,"big":44011100100101999,"active":true,"note":null,"tags":["a"]},
           "geometry":{"type":"Polygon","coordinates":[[[113.25,23.15],[113.26,23.15],[113.26,23.16],[113.25,23.16],[113.25,23.15]]]}},
          {"type":"Feature","properties":{"code":"44011100100102","id":"own"},
           "geometry":{"type":"MultiPolygon","coordinates":[[[[113.26,23.15],[113.27,23.15],[113.27,23.16],[113.26,23.15]]],[[[113.28,23.15],[113.29,23.15],[113.29,23.16],[113.28,23.15]]]]}}
        ]}
        """;

    [Fact]
    public void FeatureCollection_IsReadInOrder_WithIndexPropertiesAndWgs84Geometry()
    {
        var features = ReadGeoJson(TwoGrids);

        Assert.Equal([0, 1], features.Select(f => f.Index));
        Assert.All(features, f => Assert.Null(f.Problem));
        Assert.Equal("三元里网格", features[0].Properties["name"]);
        Assert.IsType<Polygon>(features[0].Geometry);
        Assert.Equal(Wgs84.Srid, features[0].Geometry!.SRID);
        Assert.IsType<MultiPolygon>(features[1].Geometry);
        Assert.Equal(2, features[1].Geometry!.NumGeometries);
    }

    [Fact]
    public void Properties_AreTextAsWritten_NumbersUnrounded_NullKept_ArraysAsJson()
    {
        var p = ReadGeoJson(TwoGrids)[0].Properties;

        Assert.Equal("3", p["staff"]);
        Assert.Equal("1.50", p["area"]);
        Assert.Equal("44011100100101999", p["big"]);
        Assert.Equal("true", p["active"]);
        Assert.Null(p["note"]);
        Assert.Equal("[\"a\"]", p["tags"]);
    }

    [Fact]
    public void FeatureId_BecomesIdProperty_UnlessPropertiesHaveOne()
    {
        var features = ReadGeoJson(TwoGrids);

        Assert.Equal("7", features[0].Properties["id"]);
        Assert.Equal("own", features[1].Properties["id"]);
    }

    [Fact]
    public void Rings_ComeOutCounterClockwiseWithClockwiseHoles_WhateverTheFileHad()
    {
        // Exterior clockwise and hole counter-clockwise: the opposite of RFC 7946, as older tools write.
        var json = """
            {"type":"Polygon","coordinates":[
              [[113.25,23.15],[113.25,23.16],[113.26,23.16],[113.26,23.15],[113.25,23.15]],
              [[113.253,23.153],[113.255,23.153],[113.255,23.155],[113.253,23.155],[113.253,23.153]]]}
            """;

        var polygon = Assert.IsType<Polygon>(Assert.Single(ReadGeoJson(json)).Geometry);

        Assert.True(Orientation.IsCCW(polygon.Shell.CoordinateSequence));
        Assert.False(Orientation.IsCCW(polygon.Holes[0].CoordinateSequence));
        Assert.Equal(new Coordinate(113.25, 23.15), polygon.Shell.Coordinates[0]);
    }

    [Fact]
    public void SingleFeature_IsReadAsOneFeatureAtIndexZero()
    {
        var json = """{"type":"Feature","properties":{"name":"松柏"},"geometry":{"type":"Polygon","coordinates":[[[113.25,23.15],[113.26,23.15],[113.26,23.16],[113.25,23.15]]]}}""";

        var f = Assert.Single(ReadGeoJson(json));

        Assert.Equal(0, f.Index);
        Assert.Equal("松柏", f.Properties["name"]);
        Assert.NotNull(f.Geometry);
    }

    [Theory]
    [InlineData("""{"type":"Polygon","coordinates":[[[113.25,23.15],[113.26,23.15],[113.26,23.16],[113.25,23.15]]]}""", "Polygon")]
    [InlineData("""{"coordinates":[[[[113.25,23.15],[113.26,23.15],[113.26,23.16],[113.25,23.15]]]],"type":"MultiPolygon"}""", "MultiPolygon")]
    public void BareGeometry_IsReadAsOneFeatureWithoutProperties(string json, string type)
    {
        var f = Assert.Single(ReadGeoJson(json));

        Assert.Equal(type, f.Geometry!.GeometryType);
        Assert.Empty(f.Properties);
    }

    [Fact]
    public void Utf8ByteOrderMark_IsAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(TwoGrids)).ToArray();

        var features = BorderReader.Read(new MemoryStream(bytes), BorderFormat.GeoJson, InputCrs.Wgs84).ToList();

        Assert.Equal(2, features.Count);
    }

    [Fact]
    public void Gcj02Input_IsShiftedToWgs84_ExactlyAsGcj02ToWgs84Does()
    {
        var asWgs = ReadGeoJson(TwoGrids, InputCrs.Wgs84);
        var asGcj = ReadGeoJson(TwoGrids, InputCrs.Gcj02);

        for (var i = 0; i < asWgs.Count; i++)
        {
            var expected = Gcj02.ToWgs84(asWgs[i].Geometry!);
            Assert.True(expected.EqualsExact(asGcj[i].Geometry!, 0), $"feature {i}");
            // In Guangzhou the correction is several hundred metres, so a missed conversion cannot pass.
            Assert.True(asWgs[i].Geometry!.Coordinate.Distance(asGcj[i].Geometry!.Coordinate) > 0.003);
        }
    }

    [Fact]
    public void SlowStream_SplittingEveryTokenAndAFeatureLargerThanTheBuffer_ReadsTheSame()
    {
        // A ring of 20,000 positions is about 800 kB, far past the reader's first 64 kB buffer.
        var positions = Enumerable.Range(0, 20_000).Select(i =>
        {
            var a = 2 * Math.PI * i / 20_000;
            return FormattableString.Invariant($"[{113.3 + 0.1 * Math.Cos(a):R},{23.1 + 0.1 * Math.Sin(a):R}]");
        }).ToList();
        var ring = string.Join(",", positions.Append(positions[0]));
        var big = $$$"""{"type":"Feature","properties":{"name":"big"},"geometry":{"type":"Polygon","coordinates":[[{{{ring}}}]]}}""";
        var json = TwoGrids.Replace("\n]}", "," + big + "\n]}");
        var bytes = Encoding.UTF8.GetBytes(json);

        var whole = BorderReader.Read(new MemoryStream(bytes), BorderFormat.GeoJson, InputCrs.Wgs84).ToList();
        var trickled = BorderReader.Read(new TrickleStream(bytes, 7), BorderFormat.GeoJson, InputCrs.Wgs84).ToList();

        Assert.Equal(3, whole.Count);
        Assert.Null(whole[2].Problem);
        Assert.Equal(20_001, whole[2].Geometry!.NumPoints);
        Assert.Equal(whole.Count, trickled.Count);
        for (var i = 0; i < whole.Count; i++)
        {
            Assert.True(whole[i].Geometry!.EqualsExact(trickled[i].Geometry!, 0));
            Assert.Equal(whole[i].Properties, trickled[i].Properties);
        }
    }

    [Fact]
    public void EchartsCompressedFile_DecodesToTheSameGeometryAsTheRepositoryDecoder()
    {
        // The decoded twin was made by tools/demo-extract/extract.mjs, which built the committed demo outline.
        using var compressed = File.OpenRead(DataPath("echarts-shanghai-3-districts.compressed.geojson"));
        using var decoded = File.OpenRead(DataPath("echarts-shanghai-3-districts.decoded.geojson"));

        var fromCompressed = BorderReader.Read(compressed, BorderFormat.GeoJson, InputCrs.Gcj02).ToList();
        var fromDecoded = BorderReader.Read(decoded, BorderFormat.GeoJson, InputCrs.Gcj02).ToList();

        Assert.Equal(["黄浦区", "徐汇区", "崇明区"], fromCompressed.Select(f => f.Properties["name"]));
        Assert.Equal("310101", fromCompressed[0].Properties["id"]);
        Assert.IsType<MultiPolygon>(fromCompressed[2].Geometry);
        for (var i = 0; i < 3; i++)
            Assert.True(fromDecoded[i].Geometry!.EqualsExact(fromCompressed[i].Geometry!, 0), $"feature {i}");
    }

    [Fact]
    public void EchartsScale_GivenBeforeTheFeatures_IsUsed()
    {
        // "@@" is a zero step, so each ring position is encodeOffsets / scale.
        var json = """
            {"type":"FeatureCollection","UTF8Encoding":true,"UTF8Scale":2048,"features":[{"type":"Feature","properties":{},
             "geometry":{"type":"Polygon","coordinates":["@@B@@BA@@A"],"encodeOffsets":[[231936,47104]]}}]}
            """;

        var polygon = Assert.Single(ReadGeoJson(json)).Geometry!;

        Assert.Equal(new Coordinate(231936 / 2048.0, 47104 / 2048.0), polygon.Coordinates[0]);
        Assert.Equal(5, polygon.NumPoints);
    }

    [Theory]
    [InlineData("urn:ogc:def:crs:OGC:1.3:CRS84")]
    [InlineData("EPSG:4326")]
    [InlineData("urn:ogc:def:crs:EPSG::4490")]
    public void LegacyCrsMember_NamingLongitudeLatitude_IsAccepted(string name)
    {
        var json = TwoGrids.Replace("\"name\":\"grids\",", $$$"""
            "crs":{"type":"name","properties":{"name":"{{{name}}}"}},
            """);

        Assert.Equal(2, ReadGeoJson(json).Count);
    }

    [Fact]
    public void LegacyCrsMember_NamingAProjectedSystem_RefusesTheFile()
    {
        var json = TwoGrids.Replace("\"name\":\"grids\",", """
            "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},
            """);

        var e = Assert.Throws<BorderFileException>(() => ReadGeoJson(json));

        Assert.Contains("EPSG::3857", e.Message);
    }
}
