using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;
using Wangge.Geo.Io;
using static Wangge.Geo.Tests.Io.IoFiles;

namespace Wangge.Geo.Tests.Io;

/// <summary>What is exported reads back as the same borders and attributes, in either format.</summary>
public class RoundTripTests
{
    private static string? Expected(object? value) => value switch
    {
        null => null,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static void AssertSame(
        List<(IReadOnlyDictionary<string, object?> Properties, Geometry Geometry)> written, List<BorderFeature> read)
    {
        Assert.Equal(written.Count, read.Count);
        for (var i = 0; i < written.Count; i++)
        {
            Assert.Null(read[i].Problem);
            Assert.True(written[i].Geometry.EqualsExact(read[i].Geometry!, 1e-6),
                $"feature {i}: wrote {written[i].Geometry}, read {read[i].Geometry}");
            foreach (var (key, value) in written[i].Properties)
                Assert.Equal(Expected(value), read[i].Properties[key]);
        }
    }

    [Fact]
    public void GeoJson_WrittenThenRead_GivesTheSameGeometriesAndProperties()
    {
        var borders = SampleBorders();
        var output = new MemoryStream();

        BorderWriter.WriteGeoJson(output, borders);
        var read = BorderReader.Read(new MemoryStream(output.ToArray()), BorderFormat.GeoJson, InputCrs.Wgs84).ToList();

        AssertSame(borders, read);
        Assert.Equal(borders[0].Properties.Keys, read[0].Properties.Keys);
    }

    [Fact]
    public void ShapefileZip_WrittenThenRead_GivesTheSameGeometriesAndProperties()
    {
        var borders = SampleBorders();

        var read = ReadZip(ShapefileZip(borders));

        AssertSame(borders, read);
    }

    [Fact]
    public void ShapefileZip_HoldsTheFivePartsNamedAfterTheLayer_WithGeographicWgs84AndUtf8()
    {
        var zip = ShapefileZip(SampleBorders(), layer: "白云区 grids");

        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        Assert.Equal(
            ["白云区 grids.cpg", "白云区 grids.dbf", "白云区 grids.prj", "白云区 grids.shp", "白云区 grids.shx"],
            archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var prj = Encoding.UTF8.GetString(Entry(zip, ".prj"));
        Assert.StartsWith("GEOGCS[\"GCS_WGS_1984\"", prj); // no byte-order mark in front
        Assert.Equal("UTF-8", Encoding.UTF8.GetString(Entry(zip, ".cpg")));
    }

    [Fact]
    public void ShapefileZip_LongAndClashingPropertyNames_AreCutToTenBytesAndKeptApart()
    {
        var borders = new List<(IReadOnlyDictionary<string, object?>, Geometry)>
        {
            (Props(("population2020", 1), ("population2021", 2), ("负责人姓名电话", "张三")),
                Wgs84.Factory.CreatePolygon(Square(113.25, 23.15, 0.01))),
        };

        var p = Assert.Single(ReadZip(ShapefileZip(borders))).Properties;

        Assert.Equal("1", p["population"]);
        Assert.Equal("2", p["populati_1"]);
        Assert.Equal("张三", p["负责人"]);
    }

    [Fact]
    public void GeoJson_WritesExteriorRingsCounterClockwiseAndHolesClockwise_EvenFromTheOppositeInput()
    {
        // A polygon wound the Shapefile way round: clockwise exterior, counter-clockwise hole.
        var polygon = Wgs84.Factory.CreatePolygon(Square(113.25, 23.15, 0.01, clockwise: true), [Square(113.253, 23.153, 0.002)]);
        var multi = Wgs84.Factory.CreateMultiPolygon([polygon, Wgs84.Factory.CreatePolygon(Square(113.3, 23.15, 0.01, clockwise: true))]);
        var output = new MemoryStream();

        BorderWriter.WriteGeoJson(output, [(Props(), polygon), (Props(), multi)]);

        using var doc = JsonDocument.Parse(output.ToArray());
        var features = doc.RootElement.GetProperty("features");
        var rings = new List<(bool Exterior, JsonElement Ring)>();
        foreach (var r in features[0].GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select((r, i) => (i == 0, r)))
            rings.Add(r);
        foreach (var p in features[1].GetProperty("geometry").GetProperty("coordinates").EnumerateArray())
            rings.AddRange(p.EnumerateArray().Select((r, i) => (i == 0, r)));
        Assert.Equal(5, rings.Count); // exterior + hole, then exterior + hole and exterior
        foreach (var (exterior, ring) in rings)
        {
            var seq = new CoordinateArraySequence([.. ring.EnumerateArray().Select(c => new Coordinate(c[0].GetDouble(), c[1].GetDouble()))]);
            Assert.Equal(exterior, Orientation.IsCCW(seq));
        }
    }

    [Fact]
    public void GeoJson_CoordinatesHaveAtMostSevenDecimals_AndChineseStaysReadable()
    {
        var polygon = Wgs84.Factory.CreatePolygon([
            new(113.123456789, 23.987654321), new(113.2, 23.9876543), new(113.2, 24.1), new(113.123456789, 23.987654321)]);
        var output = new MemoryStream();

        BorderWriter.WriteGeoJson(output, [(Props(("name", "白云区")), polygon)]);
        var text = Encoding.UTF8.GetString(output.ToArray());

        Assert.Contains("[113.1234568,23.9876543]", text);
        Assert.DoesNotContain("113.12345679", text);
        Assert.Contains("\"白云区\"", text);
    }

    [Fact]
    public void GeoJson_NonPolygonGeometry_IsRefusedByTheWriter()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            BorderWriter.WriteGeoJson(new MemoryStream(), [(Props(), Wgs84.Factory.CreatePoint(new Coordinate(113, 23)))]));

        Assert.Contains("Point", e.Message);
    }
}
