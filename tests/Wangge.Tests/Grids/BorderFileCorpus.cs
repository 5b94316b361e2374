using System.Globalization;
using System.Text;
using Wangge.Tests.Businesses;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Grids;

/// <summary>One bad (or awkward) border file, the endpoint it goes to (check or import) and what it must get.</summary>
public sealed record BorderCase(string Name, Func<byte[]> File, string FileName, Expect Expect, string? Field = null, string Query = "",
    string Endpoint = "check");

/// <summary>
/// Border files sent to POST /api/v1/grids/check and /import: invalid JSON, wrong types, NaN and huge coordinates,
/// rings that are not rings, a 200,000-vertex polygon, unknown coordinate systems, broken zips and Shapefile parts,
/// malformed mappings and queries. None may answer 5xx, and none may change a border.
/// </summary>
public static class BorderFileCorpus
{
    private static string Feature(string code, string geometry, string? name = "网格", string parent = TestDistrict.WestStreet) =>
        $$"""{"type":"Feature","properties":{"code":"{{code}}","name":{{(name is null ? "null" : Json(name))}},"parent":"{{parent}}"},"geometry":{{geometry}}}""";

    private static string Json(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private static string Box(double w, double s, double e, double n) =>
        FormattableString.Invariant($"{{\"type\":\"Polygon\",\"coordinates\":[[[{w},{s}],[{e},{s}],[{e},{n}],[{w},{n}],[{w},{s}]]]}}");

    private static string Collection(params string[] features) => "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", features) + "]}";

    private const string North = TestDistrict.InspectorGrid;
    private const string South = "44011100100202";

    /// <summary>The west street's two grids as they are: a file the check passes.</summary>
    private static string Good => Collection(Feature(North, Box(113.0, 23.2, 113.2, 23.4), "西北网格"), Feature(South, Box(113.0, 23.0, 113.2, 23.2), "西南网格"));

    private static string WithNorth(string geometry) => Collection(Feature(North, geometry, "西北网格"), Feature(South, Box(113.0, 23.0, 113.2, 23.2), "西南网格"));

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static string Circle(int vertices)
    {
        var sb = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (var i = 0; i <= vertices; i++)
        {
            var a = 2 * Math.PI * (i % vertices) / vertices;
            if (i > 0) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"[{113.1 + 0.05 * Math.Cos(a):F7},{23.3 + 0.05 * Math.Sin(a):F7}]");
        }
        return sb.Append("]]}").ToString();
    }

    private static byte[] Junk(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static IReadOnlyDictionary<string, BorderCase> Cases { get; } = new List<BorderCase>
    {
        // Not a border file at all.
        new("zero bytes", () => [], "x.geojson", Expect.Refused, "file"),
        new("zero bytes on import", () => [], "x.geojson", Expect.Refused, "file", Endpoint: "import"),
        new("only whitespace", () => Utf8("  \n\t "), "x.geojson", Expect.Refused, "file"),
        new("plain text", () => Utf8("this is not json"), "x.geojson", Expect.Refused, "file"),
        new("truncated JSON", () => Utf8("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[113.0,"), "x.geojson", Expect.Refused, "file"),
        new("truncated JSON on import", () => Utf8(Good[..(Good.Length / 2)]), "x.geojson", Expect.Refused, "file", Endpoint: "import"),
        new("a JSON array", () => Utf8("[1,2,3]"), "x.geojson", Expect.Refused, "file"),
        new("an empty object", () => Utf8("{}"), "x.geojson", Expect.Refused, "file"),
        new("TopoJSON", () => Utf8("{\"type\":\"Topology\",\"objects\":{}}"), "x.json", Expect.Refused, "file"),
        new("a collection without features", () => Utf8("{\"type\":\"FeatureCollection\"}"), "x.geojson", Expect.Refused, "file"),
        new("features is a number", () => Utf8("{\"type\":\"FeatureCollection\",\"features\":5}"), "x.geojson", Expect.NoServerError),
        new("an unknown type", () => Utf8("{\"type\":\"Spaceship\"}"), "x.geojson", Expect.Refused, "file"),
        new("NaN literal", () => Utf8(WithNorth("{\"type\":\"Polygon\",\"coordinates\":[[[NaN,23.2],[113.2,23.2],[113.2,23.4],[113.0,23.4],[NaN,23.2]]]}")), "x.geojson", Expect.Refused, "file"),
        new("two JSON documents", () => Utf8(Good + Good), "x.geojson", Expect.NoServerError),
        new("JSON nested 100,000 deep", () => Utf8("{\"type\":\"FeatureCollection\",\"features\":" + new string('[', 100_000) + new string(']', 100_000) + "}"), "x.geojson", Expect.NoServerError),
        new("UTF-16 JSON", () => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Good)], "x.geojson", Expect.Refused, "file"),
        new("BOM then valid", () => [0xEF, 0xBB, 0xBF, .. Utf8(Good)], "x.geojson", Expect.Saved),
        new("BOM then junk", () => [0xEF, 0xBB, 0xBF, .. Junk(500, 1)], "x.geojson", Expect.Refused, "file"),
        new("NUL bytes", () => new byte[2048], "x.geojson", Expect.Refused, "file"),
        new("a PNG", () => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Junk(500, 2)], "x.geojson", Expect.Refused, "file"),
        new("a PDF", () => Utf8("%PDF-1.7 junk"), "x.geojson", Expect.Refused, "file"),
        new("gzip", () => [0x1F, 0x8B, 0x08, .. Junk(300, 3)], "x.geojson.gz", Expect.Refused, "file"),
        new("KML", () => Utf8("<?xml version=\"1.0\"?><kml></kml>"), "x.kml", Expect.Refused, "file"),
        new("binary junk", () => Junk(100_000, 4), "x.bin", Expect.Refused, "file"),
        new("40 MB of junk, over the server's default body limit", () => Junk(40 << 20, 13), "x.geojson", Expect.Refused, "file"),
        // Zips and Shapefiles.
        new("empty zip", () => LedgerFileCorpus.Zip(), "x.zip", Expect.Refused, "file"),
        new("truncated zip", () => LedgerFileCorpus.Zip(("a.shp", Junk(5000, 5)), ("a.dbf", Junk(500, 6)))[..200], "x.zip", Expect.Refused, "file"),
        new("zip header then junk", () => [0x50, 0x4B, 0x03, 0x04, .. Junk(3000, 7)], "x.zip", Expect.Refused, "file"),
        new("zip of only a .shp", () => LedgerFileCorpus.Zip(("a.shp", Junk(1000, 8))), "x.zip", Expect.Refused, "file"),
        new("zip of junk Shapefile parts", () => LedgerFileCorpus.Zip(("a.shp", Junk(1000, 9)), ("a.shx", Junk(200, 10)), ("a.dbf", Junk(300, 11)), ("a.prj", Utf8("GEOGCS[\"WGS 84\"]"))),
            "x.zip", Expect.Refused, "file"),
        new("zip of a text file", () => LedgerFileCorpus.Zip(("readme.txt", Utf8("hello"))), "x.zip", Expect.Refused, "file"),
        new("zip of a GeoJSON", () => LedgerFileCorpus.Zip(("a.geojson", Utf8(Good))), "x.zip", Expect.Refused, "file"),
        new("GeoJSON said to be a Shapefile", () => Utf8(Good), "x.geojson", Expect.Refused, "file", "?format=Shapefile"),
        new("zip said to be GeoJSON", () => LedgerFileCorpus.Zip(("a.shp", Junk(100, 12))), "x.zip", Expect.Refused, "file", "?format=GeoJson"),
        // Coordinate systems, mappings and queries.
        new("Web Mercator declared", () => Utf8(Good.Replace("{\"type\":\"FeatureCollection\",", "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3857\"}},")),
            "x.geojson", Expect.Refused, "file"),
        new("an unknown CRS name", () => Utf8(Good.Replace("{\"type\":\"FeatureCollection\",", "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::999999\"}},")),
            "x.geojson", Expect.Refused, "file"),
        new("a crs that is a number", () => Utf8(Good.Replace("{\"type\":\"FeatureCollection\",", "{\"type\":\"FeatureCollection\",\"crs\":5,")), "x.geojson", Expect.NoServerError),
        new("an unknown crs option", () => Utf8(Good), "x.geojson", Expect.Refused, Query: "?crs=Mars"),
        new("an unknown format option", () => Utf8(Good), "x.geojson", Expect.Refused, Query: "?format=Kml"),
        new("a validFrom that is no date", () => Utf8(Good), "x.geojson", Expect.Refused, Query: "?validFrom=soon", Endpoint: "import"),
        new("a mapping without '='", () => Utf8(Good), "x.geojson", Expect.Refused, "mapping", "?mapping=code"),
        new("a mapping of an unknown target", () => Utf8(Good), "x.geojson", Expect.Refused, "mapping", "?mapping=colour%3Dred"),
        new("a mapping naming code twice", () => Utf8(Good), "x.geojson", Expect.Refused, "mapping", "?mapping=code%3Da,code%3Db"),
        new("a mapping starting with '='", () => Utf8(Good), "x.geojson", Expect.Refused, "mapping", "?mapping=%3Dcode"),
        new("a mapping on import", () => Utf8(Good), "x.geojson", Expect.Refused, "mapping", "?mapping=nonsense", "import"),
        new("a NUL in the reason", () => Utf8(Good), "x.geojson", Expect.Refused, "reason", "?reason=a%00b", "import"),
        // Features that are not borders: refused as problems, nothing saved.
        new("geometry null", () => Utf8(WithNorth("null")), "x.geojson", Expect.Rows),
        new("a Point", () => Utf8(WithNorth("{\"type\":\"Point\",\"coordinates\":[113.1,23.3]}")), "x.geojson", Expect.Rows),
        new("a LineString", () => Utf8(WithNorth("{\"type\":\"LineString\",\"coordinates\":[[113.0,23.2],[113.2,23.4]]}")), "x.geojson", Expect.Rows),
        new("a GeometryCollection", () => Utf8(WithNorth("{\"type\":\"GeometryCollection\",\"geometries\":[]}")), "x.geojson", Expect.Rows),
        new("an empty MultiPolygon", () => Utf8(WithNorth("{\"type\":\"MultiPolygon\",\"coordinates\":[]}")), "x.geojson", Expect.Rows),
        new("coordinates as strings", () => Utf8(WithNorth("{\"type\":\"Polygon\",\"coordinates\":[[[\"113\",\"23.2\"],[\"113.2\",\"23.2\"],[\"113.2\",\"23.4\"],[\"113\",\"23.2\"]]]}")), "x.geojson", Expect.Rows),
        new("coordinates \"NaN\"", () => Utf8(WithNorth("{\"type\":\"Polygon\",\"coordinates\":[[[\"NaN\",23.2],[113.2,23.2],[113.2,23.4],[\"NaN\",23.2]]]}")), "x.geojson", Expect.Rows),
        new("a coordinate of 1e400", () => Utf8(WithNorth("{\"type\":\"Polygon\",\"coordinates\":[[[1e400,23.2],[113.2,23.2],[113.2,23.4],[113.0,23.4],[1e400,23.2]]]}")), "x.geojson", Expect.Rows),
        new("longitude 500", () => Utf8(WithNorth(Box(113.0, 23.2, 500, 23.4))), "x.geojson", Expect.Rows),
        new("latitude 95", () => Utf8(WithNorth(Box(113.0, 23.2, 113.2, 95))), "x.geojson", Expect.Rows),
        new("a ring of two positions", () => Utf8(WithNorth("{\"type\":\"Polygon\",\"coordinates\":[[[113.0,23.2],[113.2,23.4]]]}")), "x.geojson", Expect.Rows),
        new("a ring not closed", () => Utf8(WithNorth("{\"type\":\"Polygon\",\"coordinates\":[[[113.0,23.2],[113.2,23.2],[113.2,23.4],[113.0,23.4]]]}")), "x.geojson", Expect.NoServerError),
        new("a bow-tie", () => Utf8(WithNorth("{\"type\":\"Polygon\",\"coordinates\":[[[113.0,23.2],[113.2,23.4],[113.2,23.2],[113.0,23.4],[113.0,23.2]]]}")), "x.geojson", Expect.Rows),
        new("a bow-tie on import", () => Utf8(WithNorth("{\"type\":\"Polygon\",\"coordinates\":[[[113.0,23.2],[113.2,23.4],[113.2,23.2],[113.0,23.4],[113.0,23.2]]]}")), "x.geojson", Expect.Rows, Endpoint: "import"),
        new("positions of one number", () => Utf8(WithNorth("{\"type\":\"Polygon\",\"coordinates\":[[[113.0],[113.2],[113.2],[113.0]]]}")), "x.geojson", Expect.Rows),
        new("a ring that is an object", () => Utf8(WithNorth("{\"type\":\"Polygon\",\"coordinates\":[{\"a\":1}]}")), "x.geojson", Expect.Rows),
        new("200,000 vertices", () => Utf8(WithNorth(Circle(200_000))), "x.geojson", Expect.Rows),
        new("200,000 vertices on import", () => Utf8(WithNorth(Circle(200_000))), "x.geojson", Expect.Rows, Endpoint: "import"),
        new("properties null", () => Utf8(Collection("{\"type\":\"Feature\",\"properties\":null,\"geometry\":" + Box(113.0, 23.2, 113.2, 23.4) + "}")), "x.geojson", Expect.Rows),
        new("properties an array", () => Utf8(Collection("{\"type\":\"Feature\",\"properties\":[1],\"geometry\":" + Box(113.0, 23.2, 113.2, 23.4) + "}")), "x.geojson", Expect.NoServerError),
        new("a code that is no grid code", () => Utf8(Collection(Feature("??", Box(113.0, 23.2, 113.2, 23.4)))), "x.geojson", Expect.Rows),
        new("a code with a NUL", () => Utf8(Collection(Feature("4401\\u00001100100101", Box(113.0, 23.2, 113.2, 23.4)))), "x.geojson", Expect.Rows),
        new("a name with a NUL", () => Utf8(Collection(Feature(North, Box(113.0, 23.2, 113.2, 23.4), "西\u0000北"), Feature(South, Box(113.0, 23.0, 113.2, 23.2)))), "x.geojson", Expect.Rows, Endpoint: "import"),
        new("a name of 5,000 characters", () => Utf8(Collection(Feature(North, Box(113.0, 23.2, 113.2, 23.4), new string('名', 5000)), Feature(South, Box(113.0, 23.0, 113.2, 23.2)))), "x.geojson", Expect.Rows, Endpoint: "import"),
        new("a property of 2 MB", () => Utf8(Good.Replace("\"name\":\"西北网格\"", "\"name\":\"西北网格\",\"note\":\"" + new string('x', 2 << 20) + "\"")), "x.geojson", Expect.Saved),
        new("one code twice", () => Utf8(Collection(Feature(North, Box(113.0, 23.2, 113.2, 23.4)), Feature(North, Box(113.0, 23.0, 113.2, 23.2)))), "x.geojson", Expect.Rows),
        new("an unknown parent", () => Utf8(Collection(Feature("44011109900101", Box(113.0, 23.2, 113.2, 23.4), parent: "440111099"))), "x.geojson", Expect.Rows),
        new("overlapping grids", () => Utf8(Collection(Feature(North, Box(113.0, 23.15, 113.2, 23.4)), Feature(South, Box(113.0, 23.0, 113.2, 23.2)))), "x.geojson", Expect.Rows),
        new("a gap between grids", () => Utf8(Collection(Feature(North, Box(113.0, 23.25, 113.2, 23.4)), Feature(South, Box(113.0, 23.0, 113.2, 23.2)))), "x.geojson", Expect.Rows),
        new("a grid outside its parent", () => Utf8(Collection(Feature(North, Box(113.0, 23.2, 113.3, 23.4)), Feature(South, Box(113.0, 23.0, 113.2, 23.2)))), "x.geojson", Expect.Rows),
        new("an empty collection", () => Utf8(Collection()), "x.geojson", Expect.NoServerError),
        new("the good file", () => Utf8(Good), "x.geojson", Expect.Saved),
    }.ToDictionary(c => c.Name);
}
