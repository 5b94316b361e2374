using System.Buffers.Binary;
using NetTopologySuite.Geometries;

namespace Wangge.Geo.Io;

/// <summary>
/// PostGIS's extended WKB for a point, written into a caller's buffer: what a bulk writer sends a million times,
/// without a WKB writer and an array per point.
/// </summary>
public static class Ewkb
{
    /// <summary>Byte order, type with SRID flag, SRID, X, Y.</summary>
    public const int PointLength = 1 + 4 + 4 + 8 + 8;

    private const uint PointType = 1;
    private const uint SridFlag = 0x20000000;

    /// <summary>Writes <paramref name="point"/> (little-endian, with its SRID, WGS-84 when it has none) into <paramref name="buffer"/>.</summary>
    public static ReadOnlyMemory<byte> Point(Point point, byte[] buffer)
    {
        if (buffer.Length < PointLength) throw new ArgumentException($"The buffer holds fewer than {PointLength} bytes.", nameof(buffer));
        if (point.IsEmpty) throw new ArgumentException("An empty point has no EWKB form here.", nameof(point));
        var span = buffer.AsSpan(0, PointLength);
        span[0] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(span[1..], PointType | SridFlag);
        BinaryPrimitives.WriteInt32LittleEndian(span[5..], point.SRID > 0 ? point.SRID : Wgs84.Srid);
        BinaryPrimitives.WriteDoubleLittleEndian(span[9..], point.X);
        BinaryPrimitives.WriteDoubleLittleEndian(span[17..], point.Y);
        return buffer.AsMemory(0, PointLength);
    }
}
