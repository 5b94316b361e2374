using System.Buffers.Binary;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Dbf.Fields;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;
using Wangge.Geo.Crs;
using Wangge.Geo.Io;
using static Wangge.Geo.Tests.Io.IoFiles;

namespace Wangge.Geo.Tests.Io;

public class ShapefileReaderTests
{
    private const string WebMercatorPrj =
        "PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]," +
        "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Mercator_Auxiliary_Sphere\"],PARAMETER[\"False_Easting\",0.0]," +
        "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",0.0],PARAMETER[\"Standard_Parallel_1\",0.0]," +
        "PARAMETER[\"Auxiliary_Sphere_Type\",0.0],UNIT[\"Meter\",1.0]]";

    private const string Utm49NPrj =
        "PROJCS[\"WGS 84 / UTM zone 49N\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]]," +
        "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"]," +
        "PARAMETER[\"central_meridian\",111],PARAMETER[\"scale_factor\",0.9996],UNIT[\"metre\",1]]";

    private const string Cgcs2000Prj =
        "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]]," +
        "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    private const string Beijing1954Prj =
        "GEOGCS[\"GCS_Beijing_1954\",DATUM[\"D_Beijing_1954\",SPHEROID[\"Krasovsky_1940\",6378245.0,298.3]]," +
        "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    private static byte[] Sample() => ShapefileZip(SampleBorders());

    [Fact]
    public void ZipWithoutDbf_IsRefused_NamingTheDbf()
    {
        var zip = EditZip(Sample(), keep: name => !name.EndsWith(".dbf", StringComparison.Ordinal));

        var e = Assert.Throws<BorderFileException>(() => ReadZip(zip));

        Assert.Equal("zip_no_dbf", e.Code);
        Assert.Equal(["grids.shp", "grids"], e.Arguments);
        Assert.Contains("grids.dbf", e.Message);
    }

    [Fact]
    public void ZipWithoutPrj_IsRefused_NamingThePrj()
    {
        var zip = EditZip(Sample(), keep: name => !name.EndsWith(".prj", StringComparison.Ordinal));

        var e = Assert.Throws<BorderFileException>(() => ReadZip(zip));

        Assert.Equal("zip_no_prj", e.Code);
        Assert.Contains(".prj", e.Message);
    }

    [Theory]
    [InlineData(WebMercatorPrj, "WGS_1984_Web_Mercator_Auxiliary_Sphere")]
    [InlineData(Utm49NPrj, "WGS 84 / UTM zone 49N")]
    public void ProjectedPrj_IsRefused_SayingWhichSystem(string prj, string name)
    {
        var zip = EditZip(Sample(), put: new() { [".prj"] = Encoding.UTF8.GetBytes(prj) });

        var e = Assert.Throws<BorderFileException>(() => ReadZip(zip));

        Assert.Equal("prj_projected", e.Code);
        Assert.Equal([name], e.Arguments);
    }

    [Theory]
    [InlineData(Beijing1954Prj, "GCS_Beijing_1954", "prj_other_datum")]
    [InlineData("LOCAL_CS[\"site grid\"]", "LOCAL_CS", "prj_unrecognised")]
    public void OtherOrUnknownPrj_IsRefused_SayingWhatWasFound(string prj, string found, string code)
    {
        var zip = EditZip(Sample(), put: new() { [".prj"] = Encoding.UTF8.GetBytes(prj) });

        var e = Assert.Throws<BorderFileException>(() => ReadZip(zip));

        Assert.Equal(code, e.Code);
        Assert.Contains(found, e.Arguments[0]);
    }

    [Fact]
    public void Cgcs2000Prj_IsAcceptedAsWgs84()
    {
        var zip = EditZip(Sample(), put: new() { [".prj"] = Encoding.UTF8.GetBytes(Cgcs2000Prj) });

        Assert.Equal(3, ReadZip(zip).Count(f => f.Geometry is not null));
    }

    [Fact]
    public void ZipWithoutShxOrCpg_IsStillRead_TheyCarryNothingNeeded()
    {
        var zip = EditZip(Sample(), keep: name => !name.EndsWith(".shx", StringComparison.Ordinal) && !name.EndsWith(".cpg", StringComparison.Ordinal));

        var features = ReadZip(zip);

        Assert.Equal("三元里网格", features[0].Properties["name"]);
    }

    [Fact]
    public void ZipWithoutShp_OrWithTwoLayers_IsRefused()
    {
        var noShp = EditZip(Sample(), keep: name => !name.EndsWith(".shp", StringComparison.Ordinal));
        var two = EditZip(Sample(), put: new() { [".SHP"] = Entry(Sample(), ".shp") });

        Assert.Equal("zip_no_shp", Assert.Throws<BorderFileException>(() => ReadZip(noShp)).Code);
        Assert.Equal("zip_several_layers", Assert.Throws<BorderFileException>(() => ReadZip(two)).Code);
    }

    [Fact]
    public void NotAZip_IsRefused()
    {
        var e = Assert.Throws<BorderFileException>(() => ReadZip(Encoding.UTF8.GetBytes("{\"type\":\"FeatureCollection\"}")));

        Assert.Equal("zip_invalid", e.Code);
        Assert.Contains("not a zip", e.Message);
    }

    [Fact]
    public void GbkDbf_NamedByTheCpg_ReadsChineseNames()
    {
        var zip = EditZip(WriteGbkLayer(), put: new() { [".cpg"] = "GBK"u8.ToArray() });

        Assert.Equal(["三元里网格", "松柏网格"], ReadZip(zip).Select(f => f.Properties["NAME"]));
    }

    [Fact]
    public void GbkDbf_WithoutCpgOrLanguageDriver_IsRecognisedBecauseItIsNotUtf8()
    {
        var dbf = Entry(WriteGbkLayer(), ".dbf");
        dbf[29] = 0; // no language driver: the text itself has to decide
        var zip = EditZip(WriteGbkLayer(), keep: n => !n.EndsWith(".cpg", StringComparison.Ordinal), put: new() { [".dbf"] = dbf });

        Assert.Equal(["三元里网格", "松柏网格"], ReadZip(zip).Select(f => f.Properties["NAME"]));
    }

    [Fact]
    public void Gcj02Input_IsShiftedToWgs84()
    {
        var asWgs = ReadZip(Sample(), InputCrs.Wgs84);
        var asGcj = ReadZip(Sample(), InputCrs.Gcj02);

        for (var i = 0; i < asWgs.Count; i++)
            Assert.True(Gcj02.ToWgs84(asWgs[i].Geometry!).EqualsExact(asGcj[i].Geometry!, 1e-12), $"feature {i}");
    }

    [Fact]
    public void IslandInsideAHole_IsItsOwnPolygon_WhateverTheRingOrder()
    {
        // Outer square with a hole, and an island inside that hole: three rings in one record.
        var outer = Wgs84.Factory.CreatePolygon(Square(113.0, 23.0, 0.1), [Square(113.02, 23.02, 0.06, clockwise: true)]);
        var island = Wgs84.Factory.CreatePolygon(Square(113.04, 23.04, 0.02));
        var zip = ShapefileZip([(Props(("code", "1")), Wgs84.Factory.CreateMultiPolygon([island, outer]))]);

        var g = Assert.IsType<MultiPolygon>(Assert.Single(ReadZip(zip)).Geometry);

        Assert.Equal(2, g.NumGeometries);
        Assert.Equal(0.1 * 0.1 - 0.06 * 0.06 + 0.02 * 0.02, g.Area, 12);
        Assert.True(g.IsValid);
    }

    [Fact]
    public void UnclosedRingInARecord_IsAProblemOnThatRecordOnly()
    {
        var zip = Sample();
        var shp = Entry(zip, ".shp");
        // First record: header 8 bytes, then type, box (32), numParts, numPoints, parts, points. Move its last point.
        var numParts = BinaryPrimitives.ReadInt32LittleEndian(shp.AsSpan(100 + 8 + 36));
        var numPoints = BinaryPrimitives.ReadInt32LittleEndian(shp.AsSpan(100 + 8 + 40));
        var lastOfFirstRing = BinaryPrimitives.ReadInt32LittleEndian(shp.AsSpan(100 + 8 + 48)) - 1;
        Assert.True(numParts == 2 && lastOfFirstRing < numPoints);
        BinaryPrimitives.WriteDoubleLittleEndian(shp.AsSpan(100 + 8 + 44 + 4 * numParts + 16 * lastOfFirstRing), 113.2555);

        var features = ReadZip(EditZip(zip, put: new() { [".shp"] = shp }));

        Assert.Contains("ring not closed", features[0].Problem);
        Assert.Contains("part 1", features[0].Problem);
        Assert.Equal("三元里网格", features[0].Properties["name"]);
        Assert.All(features.Skip(1), f => Assert.NotNull(f.Geometry));
    }

    [Fact]
    public void PointLayer_IsRefused_AsNotPolygons()
    {
        var dir = Directory.CreateTempSubdirectory("wangge-test-");
        try
        {
            var options = new ShapefileWriterOptions(ShapeType.Point, [new DbfCharacterField("code", 10)]);
            using (var w = Shapefile.OpenWrite(Path.Combine(dir.FullName, "pts.shp"), options))
            {
                w.Geometry = Wgs84.Factory.CreatePoint(new Coordinate(113.25, 23.15));
                w.Write();
            }
            var zip = EditZip(Sample(), put: new()
            {
                [".shp"] = File.ReadAllBytes(Path.Combine(dir.FullName, "pts.shp")),
                [".shx"] = File.ReadAllBytes(Path.Combine(dir.FullName, "pts.shx")),
            });

            var e = Assert.Throws<BorderFileException>(() => ReadZip(zip));

            Assert.Contains("point", e.Message);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    /// <summary>Two grids written by the Shapefile package in GBK (code page 936), as ArcGIS on Chinese Windows does.</summary>
    private static byte[] WriteGbkLayer()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var dir = Directory.CreateTempSubdirectory("wangge-test-");
        try
        {
            var name = new DbfCharacterField("NAME", 20);
            var options = new ShapefileWriterOptions(ShapeType.Polygon, [name]) { Encoding = Encoding.GetEncoding(936) };
            var stem = Path.Combine(dir.FullName, "gbk");
            using (var w = Shapefile.OpenWrite(stem + ".shp", options))
            {
                foreach (var (n, x) in new[] { ("三元里网格", 113.25), ("松柏网格", 113.26) })
                {
                    w.Geometry = Wgs84.Factory.CreatePolygon(Square(x, 23.15, 0.01));
                    name.StringValue = n;
                    w.Write();
                }
            }
            var sample = Sample();
            return EditZip(sample, put: new()
            {
                [".shp"] = File.ReadAllBytes(stem + ".shp"),
                [".shx"] = File.ReadAllBytes(stem + ".shx"),
                [".dbf"] = File.ReadAllBytes(stem + ".dbf"),
            });
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
