using System.Text;
using Wangge.Geo.Io;

namespace Wangge.Geo.Tests.Io;

public class SniffTests
{
    private static BorderFormat Sniff(byte[] bytes, string? name = null) => BorderReader.Sniff(new MemoryStream(bytes), name);

    [Fact]
    public void ZipContent_IsShapefile_WhateverTheName()
    {
        var zip = IoFiles.ShapefileZip(IoFiles.SampleBorders());

        Assert.Equal(BorderFormat.Shapefile, Sniff(zip, "grids.geojson"));
    }

    [Theory]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[]}")]
    [InlineData("\uFEFF  \r\n {\"type\":\"Feature\"}")]
    public void JsonObject_IsGeoJson_WithOrWithoutBomAndLeadingSpace(string text)
    {
        Assert.Equal(BorderFormat.GeoJson, Sniff(Encoding.UTF8.GetBytes(text), "grids.zip"));
    }

    [Fact]
    public void Sniff_LeavesTheStreamWhereItWas()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("xx{\"type\":\"Feature\"}"));
        stream.Position = 2;

        BorderReader.Sniff(stream, null);

        Assert.Equal(2, stream.Position);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00, 0x27, 0x0A, 0, 0 }, "grids.shp", ".zip holding its .shp, .shx, .dbf and .prj", "format_shapefile_part")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, "grids.geojson", "PDF", "format_pdf")]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08 }, "grids.tar.gz", "only .zip", "format_other_archive")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x7B, 0x00 }, "grids.geojson", "UTF-16", "format_utf16")]
    [InlineData(new byte[] { 0x5B, 0x5D }, null, "JSON array", "format_json_array")]
    [InlineData(new byte[] { 0x3C, 0x6B, 0x6D, 0x6C }, "grids.kml", "KML", "format_kml")]
    [InlineData(new byte[0], "grids.geojson", "empty", "file_empty")]
    public void UnknownContent_IsRefused_SayingWhatItIs(byte[] bytes, string? name, string expected, string code)
    {
        var e = Assert.Throws<BorderFileException>(() => Sniff(bytes, name));

        Assert.Equal(code, e.Code);
        Assert.Contains(expected, e.Message);
    }
}
