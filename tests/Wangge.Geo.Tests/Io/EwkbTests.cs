using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Wangge.Geo.Io;

namespace Wangge.Geo.Tests.Io;

public sealed class EwkbTests
{
    [Theory]
    [InlineData(113.2644, 23.1291)]
    [InlineData(-0.1276, 51.5072)]
    [InlineData(0, 0)]
    public void Point_IsTheSameBytesAsPostGisExtendedWkb(double x, double y)
    {
        var point = Wgs84.Factory.CreatePoint(new Coordinate(x, y));
        var expected = new WKBWriter(ByteOrder.LittleEndian, handleSRID: true, emitZ: false, emitM: false).Write(point);

        var written = Ewkb.Point(point, new byte[Ewkb.PointLength]);

        Assert.Equal(expected, written.ToArray());
    }

    [Fact]
    public void Point_WithoutSrid_IsWrittenAsWgs84()
    {
        var point = new Point(113.2644, 23.1291);

        var written = Ewkb.Point(point, new byte[Ewkb.PointLength]);

        Assert.Equal(Wgs84.Srid, new WKBReader().Read(written.ToArray()).SRID);
    }

    [Fact]
    public void Point_BufferTooSmall_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Ewkb.Point(new Point(1, 2), new byte[Ewkb.PointLength - 1]));
}
