using System.Text;
using Wangge.Geo.Io;
using static Wangge.Geo.Tests.Io.IoFiles;

namespace Wangge.Geo.Tests.Io;

/// <summary>
/// A bad feature is reported on that feature and the others are still read; a file that is not GeoJSON at
/// all is refused whole, with a message saying what it is.
/// </summary>
public class BadGeoJsonTests
{
    private const string Good = """{"type":"Feature","properties":{"code":"good"},"geometry":{"type":"Polygon","coordinates":[[[113.25,23.15],[113.26,23.15],[113.26,23.16],[113.25,23.15]]]}}""";

    private static BorderFeature ReadBetweenGoodOnes(string geometry)
    {
        var json = $$"""
            {"type":"FeatureCollection","features":[{{Good}},
             {"type":"Feature","properties":{"code":"bad"},"geometry":{{geometry}}},
             {{Good}}]}
            """;
        var features = ReadGeoJson(json);
        Assert.Equal(3, features.Count);
        Assert.Null(features[0].Problem);
        Assert.NotNull(features[0].Geometry);
        Assert.Null(features[2].Problem);
        Assert.NotNull(features[2].Geometry);
        Assert.Equal(1, features[1].Index);
        Assert.Equal("bad", features[1].Properties["code"]);
        Assert.Null(features[1].Geometry);
        return features[1];
    }

    [Fact]
    public void UnclosedRing_IsAProblemOnThatFeatureOnly()
    {
        var bad = ReadBetweenGoodOnes("""{"type":"Polygon","coordinates":[[[113.25,23.15],[113.26,23.15],[113.26,23.16],[113.25,23.16]]]}""");

        Assert.Contains("ring not closed", bad.Problem);
        Assert.Contains("ring 1 (exterior)", bad.Problem);
    }

    [Fact]
    public void UnclosedHoleInASecondPolygon_NamesPolygonAndHole()
    {
        var bad = ReadBetweenGoodOnes("""
            {"type":"MultiPolygon","coordinates":[[[[113.25,23.15],[113.26,23.15],[113.26,23.16],[113.25,23.15]]],
              [[[113.0,23.0],[113.1,23.0],[113.1,23.1],[113.0,23.1],[113.0,23.0]],[[113.01,23.01],[113.01,23.02],[113.02,23.02]]]]}
            """);

        Assert.Contains("polygon 2, ring 2 (hole 1)", bad.Problem);
    }

    [Fact]
    public void RingWithFewerThanFourPositions_IsAProblem()
    {
        var bad = ReadBetweenGoodOnes("""{"type":"Polygon","coordinates":[[[113.25,23.15],[113.26,23.15],[113.25,23.15]]]}""");

        Assert.Contains("3 positions", bad.Problem);
        Assert.Contains("at least 4", bad.Problem);
    }

    [Theory]
    [InlineData("""{"type":"LineString","coordinates":[[113.25,23.15],[113.26,23.15]]}""", "LineString")]
    [InlineData("""{"type":"Point","coordinates":[113.25,23.15]}""", "Point")]
    [InlineData("""{"type":"GeometryCollection","geometries":[]}""", "GeometryCollection")]
    public void NonPolygonGeometry_IsAProblem(string geometry, string type)
    {
        var bad = ReadBetweenGoodOnes(geometry);

        Assert.Contains("not a polygon", bad.Problem);
        Assert.Contains(type, bad.Problem);
    }

    [Theory]
    [InlineData("[[[181.0,23.15],[113.26,23.15],[113.26,23.16],[181.0,23.15]]]", "181")]
    [InlineData("[[[113.25,-90.5],[113.26,23.15],[113.26,23.16],[113.25,-90.5]]]", "-90.5")]
    public void CoordinateOutsideLongitudeLatitudeRange_IsAProblem(string coordinates, string quoted)
    {
        var bad = ReadBetweenGoodOnes($$"""{"type":"Polygon","coordinates":{{coordinates}}}""");

        Assert.Contains("outside longitude", bad.Problem);
        Assert.Contains(quoted, bad.Problem);
        Assert.Contains("position 1", bad.Problem);
    }

    [Fact]
    public void SwappedLatitudeAndLongitudeInChina_AreDiagnosedAsSwapped_BeforeTheRangeCheck()
    {
        // Latitude first puts 113 in the latitude place; the range check alone would call it "not degrees".
        var bad = ReadBetweenGoodOnes("""{"type":"Polygon","coordinates":[[[23.15,113.25],[23.15,113.26],[23.16,113.26],[23.15,113.25]]]}""");

        Assert.Contains("longitude and latitude look swapped", bad.Problem);
        Assert.Contains("(lon 113.25, lat 23.15)", bad.Problem);
        Assert.DoesNotContain("outside longitude", bad.Problem);
        Assert.Equal(BorderFeature.SwappedCoordinates, bad.ProblemKind);
        Assert.Equal(new NetTopologySuite.Geometries.Coordinate(113.25, 23.15), bad.ProblemPlace);
    }

    [Fact]
    public void PositionsOutOfRangeEvenSwapped_AreNotCalledSwapped()
    {
        var bad = ReadBetweenGoodOnes("""{"type":"Polygon","coordinates":[[[95.0,113.25],[23.15,113.26],[23.16,113.26],[95.0,113.25]]]}""");

        Assert.Contains("outside longitude", bad.Problem);
        Assert.Null(bad.ProblemKind);
    }

    [Theory]
    [InlineData("""{"type":"Polygon","coordinates":[[[113.25,"23.15"],[113.26,23.15],[113.26,23.16],[113.25,23.15]]]}""", "bad coordinate")]
    [InlineData("""{"type":"Polygon","coordinates":[[[113.25],[113.26,23.15],[113.26,23.16],[113.25,23.15]]]}""", "bad coordinate")]
    [InlineData("""{"type":"Polygon","coordinates":[]}""", "empty polygon")]
    [InlineData("""{"type":"Polygon"}""", "no \"coordinates\"")]
    [InlineData("null", "no geometry")]
    public void MalformedGeometry_IsAProblemSayingWhat(string geometry, string expected)
    {
        var bad = ReadBetweenGoodOnes(geometry);

        Assert.Contains(expected, bad.Problem);
    }

    [Fact]
    public void EntryOfFeaturesThatIsNotAFeature_IsAProblemOnThatEntry()
    {
        var features = ReadGeoJson($$"""{"type":"FeatureCollection","features":[{{Good}},42,{{Good}}]}""");

        Assert.Equal(3, features.Count);
        Assert.Contains("not a Feature", features[1].Problem);
        Assert.NotNull(features[2].Geometry);
    }

    [Fact]
    public void PngRenamedGeojson_IsRefusedWhole()
    {
        // The eight-byte PNG signature and the start of an IHDR chunk.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0];

        var read = Assert.Throws<BorderFileException>(() =>
            BorderReader.Read(new MemoryStream(png), BorderFormat.GeoJson, InputCrs.Wgs84).ToList());
        var sniff = Assert.Throws<BorderFileException>(() => BorderReader.Sniff(new MemoryStream(png), "grids.geojson"));

        Assert.Contains("not valid JSON", read.Message);
        Assert.Equal("format_png", sniff.Code);
        Assert.Contains("PNG image", sniff.Message);
        Assert.Contains("grids.geojson", sniff.Message);
    }

    [Theory]
    [InlineData("grid code,name\n440111,白云\n", "not valid JSON", "json_invalid")]
    [InlineData("[1,2,3]", "not GeoJSON", "json_not_object")]
    [InlineData("{\"name\":\"x\"}", "no \"type\"", "no_type")]
    [InlineData("{\"type\":\"Topology\",\"objects\":{}}", "TopoJSON", "topojson")]
    [InlineData("{\"type\":\"FeatureCollection\"}", "no \"features\"", "no_features")]
    [InlineData("", "empty", "json_empty")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\"", "cut off", "json_cut_off")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[]} {}", "not valid JSON", "json_invalid")]
    public void TextThatIsNotGeoJson_IsRefusedWhole(string text, string expected, string code)
    {
        var e = Assert.Throws<BorderFileException>(() => ReadGeoJson(text));

        Assert.Equal(code, e.Code);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void CutOffFile_IsRefused_EvenAfterSomeFeaturesWereHandedOut()
    {
        var json = $$"""{"type":"FeatureCollection","features":[{{Good}},{{Good}}""";
        var seen = 0;

        Assert.Throws<BorderFileException>(() =>
        {
            foreach (var _ in BorderReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), BorderFormat.GeoJson, InputCrs.Wgs84))
                seen++;
        });
        // Import is all or nothing, so the caller must not keep what it saw: the exception tells it so.
        Assert.Equal(2, seen);
    }

    [Fact]
    public void BrokenJson_FarIntoALargeFile_IsPlacedByItsOwnLineAndByte()
    {
        // 2,000 features, one a line, make the file many times the reader's first buffer: the position must still be
        // the file's, not the buffer's.
        var lines = Enumerable.Repeat(Good + ",", 2000).ToList();
        lines.Add("  {\"type\":\"Feature\" \"geometry\":null}");
        var json = "{\"type\":\"FeatureCollection\",\"features\":[\n" + string.Join("\n", lines) + "]}";
        Assert.True(json.Length > 4 * 64 * 1024);

        var e = Assert.Throws<BorderFileException>(() => ReadGeoJson(json));

        Assert.Equal("json_invalid", e.Code);
        // Line 1 opens the collection, lines 2-2001 are the good features, the broken one is line 2002; the reader
        // stops at the quote after the missing comma, the 21st byte of the line.
        Assert.Equal(["2002", "21"], e.Arguments);
    }
}
