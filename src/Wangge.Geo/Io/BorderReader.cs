using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wangge.Geo.Io;

/// <summary>
/// Reads the borders a regulator already has: GeoJSON (RFC 7946, echarts' compressed variant, a single
/// Feature or a bare Polygon/MultiPolygon) or a zipped Shapefile layer. One bad feature is reported on that
/// feature (<see cref="BorderFeature.Problem"/>) and the rest are still read; a file that cannot be used at all
/// throws <see cref="BorderFileException"/>. Both happen while enumerating, since reading is streamed.
/// </summary>
public static partial class BorderReader
{
    /// <summary>
    /// The features of a border file, in file order, as they are read: a 200 MB GeoJSON is never held whole.
    /// The stream is read forward only and left open. Geometry comes out in WGS-84, converted from GCJ-02 when
    /// <paramref name="crs"/> says so.
    /// </summary>
    public static IEnumerable<BorderFeature> Read(Stream input, BorderFormat format, InputCrs crs)
    {
        ArgumentNullException.ThrowIfNull(input);
        return format switch
        {
            BorderFormat.GeoJson => ReadGeoJson(input, crs),
            BorderFormat.Shapefile => ShapefileZipReader.Read(input, crs),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
    }

    /// <summary>
    /// Which format a file is, by its first bytes: a zip ("PK\x03\x04") is taken for a Shapefile layer, a JSON
    /// object for GeoJSON. Content decides because names lie (a PNG renamed .geojson); the name only sharpens the
    /// message when neither matches. The stream's position is restored.
    /// </summary>
    public static BorderFormat Sniff(Stream seekable, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(seekable);
        if (!seekable.CanSeek)
            throw new ArgumentException("Sniff reads the first bytes and rewinds, so the stream must be seekable.", nameof(seekable));
        var start = seekable.Position;
        var head = new byte[64];
        var n = seekable.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        seekable.Position = start;
        var bytes = head.AsSpan(0, n);
        var label = fileName is null ? "the file" : $"\"{Path.GetFileName(fileName)}\"";

        if (n == 0)
            throw new BorderFileException("file_empty", $"{label} is empty");
        // A zip starts with a local file header, or with the end record when it is empty.
        if (bytes.StartsWith(new byte[] { 0x50, 0x4B, 0x03, 0x04 }) || bytes.StartsWith(new byte[] { 0x50, 0x4B, 0x05, 0x06 }))
            return BorderFormat.Shapefile;
        var text = bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? bytes[3..] : bytes;
        text = text.TrimStart(" \t\r\n"u8);
        if (text.Length > 0 && text[0] == (byte)'{')
            return BorderFormat.GeoJson;
        var (what, why) = WhatItIs(bytes, text, fileName);
        throw new BorderFileException(what, $"{label} is neither GeoJSON nor a zipped Shapefile: {why}");
    }

    /// <summary>What a file that is neither format seems to be: a code and the English reason.</summary>
    private static (string What, string Why) WhatItIs(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> text, string? fileName)
    {
        var ext = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (bytes.StartsWith(new byte[] { 0x00, 0x00, 0x27, 0x0A }) || ext is ".shp" or ".dbf" or ".shx" or ".prj")
            return ("format_shapefile_part", "it looks like one part of a Shapefile; upload the layer as one .zip holding its .shp, .shx, .dbf and .prj");
        if (bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }))
            return ("format_png", "it is a PNG image");
        if (bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
            return ("format_jpeg", "it is a JPEG image");
        if (bytes.StartsWith("%PDF"u8))
            return ("format_pdf", "it is a PDF document");
        if (bytes.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
            return ("format_old_office", "it is an old Office document (.xls/.doc)");
        if (bytes.StartsWith(new byte[] { 0x1F, 0x8B }) || bytes.StartsWith("Rar!"u8) || bytes.StartsWith("7z"u8))
            return ("format_other_archive", "it is a gzip/rar/7z archive; only .zip is read");
        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }) || bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
            return ("format_utf16", "it is UTF-16 text; save it as UTF-8");
        if (text.Length > 0 && text[0] == (byte)'[')
            return ("format_json_array", "it is a JSON array; GeoJSON is an object (a FeatureCollection, Feature or geometry)");
        if (text.Length > 0 && text[0] == (byte)'<')
            return ext is ".kml" or ".kmz" ? ("format_kml", "KML is not read; convert it to GeoJSON") : ("format_xml", "it is XML or HTML");
        return ("format_unknown", "GeoJSON starts with '{' and a zip with \"PK\"");
    }

    private static IEnumerable<BorderFeature> ReadGeoJson(Stream input, InputCrs crs)
    {
        var context = new GeoJsonContext(crs);
        var json = new GeoJsonStream(input) { OnRootMember = (name, value) => OnRootMember(name, value, context) };
        var index = 0;
        while (json.Next() is { } doc)
        {
            BorderFeature feature;
            using (doc)
                feature = GeoJsonFeatures.FromFeature(index++, doc.RootElement, context);
            yield return feature;
        }
        if (!json.HadFeatures)
            yield return FromRoot(json.RootMembers, context);
    }

    // Runs as each root member is read: a "crs" or "UTF8Scale" that precedes "features" (as writers put it)
    // then takes effect before the first feature.
    private static void OnRootMember(string name, JsonElement value, GeoJsonContext context)
    {
        if (name == "crs")
        {
            CheckCrs(value);
        }
        else if (name == "UTF8Scale" && value.TryGetDouble(out var scale) && scale > 0)
        {
            // Features are handed out as they are read, so rings already decoded cannot be redone.
            if (context.DecodedEcharts && scale != context.EchartsScale)
                throw new BorderFileException("echarts_scale_late",
                    $"\"UTF8Scale\": {scale} comes after the features it applies to; move it before \"features\"",
                    [scale.ToString(CultureInfo.InvariantCulture)]);
            context.EchartsScale = scale;
        }
    }

    /// <summary>A root that is not a FeatureCollection: one Feature or a bare geometry, at index 0.</summary>
    private static BorderFeature FromRoot(Dictionary<string, JsonElement> members, GeoJsonContext context)
    {
        var type = members.TryGetValue("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case null:
                throw new BorderFileException("no_type", "not GeoJSON: the JSON object has no \"type\"");
            case "FeatureCollection":
                throw new BorderFileException("no_features", "the FeatureCollection has no \"features\" array");
            case "Topology":
                throw new BorderFileException("topojson", "this is TopoJSON, not GeoJSON; convert it first (e.g. topojson-client's topo2geo)");
            case "Feature":
                using (var feature = Rebuild(members))
                    return GeoJsonFeatures.FromFeature(0, feature.RootElement, context);
            case "Polygon" or "MultiPolygon" or "Point" or "MultiPoint" or "LineString" or "MultiLineString" or "GeometryCollection":
                using (var geometry = Rebuild(members))
                    return GeoJsonFeatures.FromGeometry(0, new Dictionary<string, string?>(), geometry.RootElement, context);
            default:
                throw new BorderFileException("not_geojson_type", $"not GeoJSON: \"type\" is \"{type}\"", [type]);
        }
    }

    private static JsonDocument Rebuild(Dictionary<string, JsonElement> members)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in members)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    /// <summary>
    /// GeoJSON 2008's "crs" member: RFC 7946 dropped it, but QGIS and GDAL still write it, and when it names a
    /// projected system the numbers are metres, not degrees. Refusing the file says so at once instead of
    /// reporting every coordinate out of range.
    /// </summary>
    private static void CheckCrs(JsonElement crs)
    {
        if (crs.ValueKind != JsonValueKind.Object
            || !crs.TryGetProperty("properties", out var p) || p.ValueKind != JsonValueKind.Object
            || !p.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String)
            return;
        var name = n.GetString()!;
        if (!LonLatCrs().IsMatch(name))
            throw new BorderFileException("crs_unsupported",
                $"the file declares the coordinate system \"{name}\"; borders must be longitude/latitude in WGS-84 " +
                "or CGCS2000 (CRS84, EPSG:4326 or EPSG:4490): reproject the file first", [name]);
    }

    [GeneratedRegex(@"(CRS:?84|EPSG:+(?:[\d.]*:)?(?:4326|4490))$", RegexOptions.IgnoreCase)]
    private static partial Regex LonLatCrs();
}
