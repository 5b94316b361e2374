using System.Buffers.Binary;
using System.Globalization;
using NetTopologySuite.Geometries;

namespace Wangge.Geo.Io;

/// <summary>
/// The records of a polygon .shp, read forward one at a time. Read here rather than with the Shapefile
/// package's reader because that one rejects or silently "fixes" a bad record, while a border import must say
/// which record has which problem and carry on with the rest. The layout is the ESRI Shapefile Technical
/// Description (1998): a 100-byte header, then records of a big-endian header and little-endian content.
/// </summary>
internal sealed class ShpPolygonFile : IDisposable
{
    private const int FileCode = 9994;
    private const int NullShape = 0;
    private static readonly int[] PolygonTypes = [5, 15, 25]; // Polygon, PolygonZ, PolygonM: X/Y come first in all

    private readonly Stream _stream;
    private readonly long _length;
    private readonly int _shapeType;
    private readonly byte[] _header = new byte[8];
    private byte[] _content = new byte[4096];

    public ShpPolygonFile(string path)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        _length = _stream.Length;
        var header = new byte[100];
        if (_stream.ReadAtLeast(header, 100, throwOnEndOfStream: false) < 100
            || BinaryPrimitives.ReadInt32BigEndian(header) != FileCode)
        {
            _stream.Dispose();
            throw new BorderFileException("shp_header_bad", "the .shp is not a Shapefile main file (its header is missing or wrong)");
        }
        _shapeType = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(32));
        if (_shapeType != NullShape && !PolygonTypes.Contains(_shapeType))
        {
            _stream.Dispose();
            throw new BorderFileException(ShapeKind(_shapeType),
                $"the .shp holds {ShapeName(_shapeType)} shapes; a border layer must hold polygons",
                [_shapeType.ToString(CultureInfo.InvariantCulture)]);
        }
    }

    /// <summary>
    /// The next record's rings as raw positions (one array per part), or null for a null shape. Returns false
    /// at the end of the file. A record whose content contradicts itself throws <see cref="FeatureProblemException"/>
    /// after the stream has moved past it, so the caller can report it and go on.
    /// </summary>
    public bool Next(out List<Coordinate[]>? parts)
    {
        parts = null;
        var got = _stream.ReadAtLeast(_header, 8, throwOnEndOfStream: false);
        if (got == 0)
            return false;
        if (got < 8)
            throw new BorderFileException("shp_cut_off", "the .shp ends in the middle of a record header: the file is cut off");
        var words = BinaryPrimitives.ReadInt32BigEndian(_header.AsSpan(4));
        var bytes = (long)words * 2;
        if (bytes < 4 || _stream.Position + bytes > _length)
            throw new BorderFileException("shp_record_damaged",
                $"the .shp is damaged: record {BinaryPrimitives.ReadInt32BigEndian(_header)} claims {bytes} bytes " +
                $"with {_length - _stream.Position} left",
                [BinaryPrimitives.ReadInt32BigEndian(_header).ToString(CultureInfo.InvariantCulture)]);
        if (_content.Length < bytes)
            _content = new byte[Math.Max(bytes, _content.Length * 2L)];
        _stream.ReadExactly(_content, 0, (int)bytes);
        var c = _content.AsSpan(0, (int)bytes);

        var type = BinaryPrimitives.ReadInt32LittleEndian(c);
        if (type == NullShape)
            return true;
        if (!PolygonTypes.Contains(type))
            throw new FeatureProblemException($"not a polygon: the record is a {ShapeName(type)} shape");
        if (c.Length < 44)
            throw new FeatureProblemException($"damaged record: {c.Length} bytes cannot hold a polygon header");
        var numParts = BinaryPrimitives.ReadInt32LittleEndian(c[36..]);
        var numPoints = BinaryPrimitives.ReadInt32LittleEndian(c[40..]);
        if (numParts < 0 || numPoints < 0 || 44 + 4L * numParts + 16L * numPoints > c.Length)
            throw new FeatureProblemException(
                $"damaged record: {numParts} parts and {numPoints} points do not fit in {c.Length} bytes");

        var points = c[(44 + 4 * numParts)..];
        parts = new List<Coordinate[]>(numParts);
        for (var p = 0; p < numParts; p++)
        {
            var from = BinaryPrimitives.ReadInt32LittleEndian(c[(44 + 4 * p)..]);
            var to = p + 1 < numParts ? BinaryPrimitives.ReadInt32LittleEndian(c[(48 + 4 * p)..]) : numPoints;
            if (from < 0 || to < from || to > numPoints)
                throw new FeatureProblemException($"damaged record: part {p + 1} spans points {from}..{to} of {numPoints}");
            var ring = new Coordinate[to - from];
            for (var k = 0; k < ring.Length; k++)
            {
                var at = points[(16 * (from + k))..];
                ring[k] = new Coordinate(
                    BinaryPrimitives.ReadDoubleLittleEndian(at), BinaryPrimitives.ReadDoubleLittleEndian(at[8..]));
            }
            parts.Add(ring);
        }
        return true;
    }

    // One word per family, so that each has its own translated sentence (BorderFile.shp_holds_*).
    private static string ShapeKind(int type) => type switch
    {
        1 or 11 or 21 => "shp_holds_points",
        3 or 13 or 23 => "shp_holds_lines",
        8 or 18 or 28 => "shp_holds_multipoints",
        31 => "shp_holds_multipatches",
        _ => "shp_holds_unknown",
    };

    private static string ShapeName(int type) => type switch
    {
        1 or 11 or 21 => "point",
        3 or 13 or 23 => "line (PolyLine)",
        8 or 18 or 28 => "multipoint",
        31 => "multipatch",
        _ => $"unknown (type {type})",
    };

    public void Dispose() => _stream.Dispose();
}
