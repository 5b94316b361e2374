using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Wangge.Geo.Io;

/// <summary>
/// Exports borders as RFC 7946 GeoJSON or as a zipped Shapefile layer, the two forms GIS tools and other
/// agencies take. Geometries must be WGS-84 Polygons or MultiPolygons, which is what Wangge stores.
/// </summary>
public static class BorderWriter
{
    /// <summary>
    /// Seven decimals is about 1 cm (RFC 7946 §11.2 suggests six, 10 cm, but rounding there breaks valid borders
    /// and moves them across businesses that Wangge placed). Callers that need every border to stay valid and a
    /// family to stay a coverage reduce them first with <see cref="Topology.CoveragePrecision"/>.
    /// </summary>
    public const int Decimals = 7;

    // Flushing at this size keeps the writer's own buffer small however many features pass through.
    private const int FlushBytes = 64 * 1024;

    private static readonly JsonWriterOptions Options = new()
    {
        // Chinese names stay readable in the file instead of becoming \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>
    /// A FeatureCollection written as the features arrive, so an export never holds the whole file. Exterior
    /// rings are written counter-clockwise and holes clockwise (RFC 7946 §3.1.6), coordinates rounded to seven
    /// decimals. Property values: null, strings, booleans, numbers, dates (ISO 8601) and JsonElements are written
    /// as themselves, anything else as its invariant-culture text.
    /// </summary>
    public static void WriteGeoJson(
        Stream output, IEnumerable<(IReadOnlyDictionary<string, object?> Properties, Geometry Geometry)> features)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(features);
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        var index = 0;
        foreach (var (properties, geometry) in features)
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteStartObject("properties");
            foreach (var (name, value) in properties)
            {
                w.WritePropertyName(name);
                WriteValue(w, value);
            }
            w.WriteEndObject();
            w.WritePropertyName("geometry");
            WriteGeometry(w, geometry, index);
            w.WriteEndObject();
            if (w.BytesPending > FlushBytes)
                w.Flush();
            index++;
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

    /// <summary>
    /// A Shapefile layer named <paramref name="layerName"/> in a zip: .shp, .shx, .dbf, .prj (geographic
    /// WGS-84) and .cpg (UTF-8). The format's limits apply: field names are cut to 10 bytes, text values to
    /// 254 bytes (longer ones are refused), and a MultiPolygon of one part reads back as a Polygon.
    /// </summary>
    public static void WriteShapefileZip(
        Stream output, string layerName,
        IEnumerable<(IReadOnlyDictionary<string, object?> Properties, Geometry Geometry)> features)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(features);
        ShapefileZipWriter.Write(output, layerName, features);
    }

    private static void WriteGeometry(Utf8JsonWriter w, Geometry geometry, int index)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        w.WriteStartObject();
        switch (geometry)
        {
            case Polygon p:
                w.WriteString("type", "Polygon");
                w.WriteStartArray("coordinates");
                WritePolygon(w, p);
                w.WriteEndArray();
                break;
            case MultiPolygon mp:
                w.WriteString("type", "MultiPolygon");
                w.WriteStartArray("coordinates");
                for (var i = 0; i < mp.NumGeometries; i++)
                {
                    w.WriteStartArray();
                    WritePolygon(w, (Polygon)mp.GetGeometryN(i));
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException(
                    $"feature {index}: a border must be a Polygon or MultiPolygon, not a {geometry.GeometryType}", nameof(geometry));
        }
        w.WriteEndObject();
    }

    private static void WritePolygon(Utf8JsonWriter w, Polygon p)
    {
        if (p.IsEmpty)
            return;
        WriteRing(w, Rings.Oriented(p.Shell, counterClockwise: true));
        foreach (var hole in p.Holes)
            WriteRing(w, Rings.Oriented(hole, counterClockwise: false));
    }

    private static void WriteRing(Utf8JsonWriter w, LinearRing ring)
    {
        var seq = ring.CoordinateSequence;
        w.WriteStartArray();
        for (var i = 0; i < seq.Count; i++)
        {
            w.WriteStartArray();
            // .NET writes a double in its shortest round-trip form, so the rounded value prints as ≤ 7 decimals.
            w.WriteNumberValue(Math.Round(seq.GetX(i), Decimals, MidpointRounding.AwayFromZero));
            w.WriteNumberValue(Math.Round(seq.GetY(i), Decimals, MidpointRounding.AwayFromZero));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case JsonElement e:
                e.WriteTo(w);
                break;
            case double d when !double.IsFinite(d):
            case float f when !float.IsFinite(f):
                // JSON has no NaN or infinity.
                w.WriteNullValue();
                break;
            case sbyte or byte or short or ushort or int or uint or long:
                w.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                w.WriteNumberValue(u);
                break;
            case float f:
                w.WriteNumberValue(f);
                break;
            case double d:
                w.WriteNumberValue(d);
                break;
            case decimal m:
                w.WriteNumberValue(m);
                break;
            case DateTime dt:
                w.WriteStringValue(dt.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset dto:
                w.WriteStringValue(dto.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                w.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                w.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                w.WriteStringValue(value.ToString());
                break;
        }
    }
}
