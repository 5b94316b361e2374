using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Wangge.Geo.Io;

/// <summary>What the feature parser needs from the file as a whole.</summary>
internal sealed class GeoJsonContext(InputCrs crs)
{
    /// <summary>echarts' default quantum: coordinates are stored in 1/1024 degree unless UTF8Scale says otherwise.</summary>
    public const double DefaultEchartsScale = 1024;

    public InputCrs Crs { get; } = crs;
    public double EchartsScale { get; set; } = DefaultEchartsScale;

    /// <summary>Set once an echarts-encoded ring was decoded, so a UTF8Scale that turns up too late can be refused.</summary>
    public bool DecodedEcharts { get; set; }
}

/// <summary>
/// One GeoJSON Feature (or bare geometry) as a <see cref="BorderFeature"/>. The geometry is built here rather
/// than by a GeoJSON library so that an open ring, a short ring or a bad number becomes that feature's
/// <see cref="BorderFeature.Problem"/> with its place named, instead of an exception that loses the whole file.
/// </summary>
internal static class GeoJsonFeatures
{
    public static BorderFeature FromFeature(int index, JsonElement feature, GeoJsonContext context)
    {
        if (feature.ValueKind != JsonValueKind.Object)
            return new(index, new Dictionary<string, string?>(), null,
                $"not a Feature: the entry is a JSON {Describe(feature.ValueKind)}");
        var properties = Properties(feature);
        var type = TypeOf(feature);
        if (type != "Feature")
            return new(index, properties, null, type is null
                ? "not a Feature: the entry has no \"type\""
                : $"not a Feature: the entry has type \"{type}\"");
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind == JsonValueKind.Null)
            return new(index, properties, null, "no geometry: the feature's \"geometry\" is missing or null");
        return FromGeometry(index, properties, geometry, context);
    }

    public static BorderFeature FromGeometry(
        int index, Dictionary<string, string?> properties, JsonElement geometry, GeoJsonContext context)
    {
        try
        {
            return new(index, properties, Geometry(geometry, context), null);
        }
        catch (FeatureProblemException e)
        {
            return new(index, properties, null, e.Message) { ProblemKind = e.Kind, ProblemPlace = e.Place };
        }
    }

    public static string? TypeOf(JsonElement obj) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
            : null;

    /// <summary>
    /// Every property as text: strings as they are, numbers exactly as written (JSON numbers are already
    /// culture-free, and an administrative code such as 440103 must not pass through a double), objects and
    /// arrays as their JSON. A Feature-level "id" is added as "id" when the properties have none, because
    /// echarts and others keep the administrative code there.
    /// </summary>
    private static Dictionary<string, string?> Properties(JsonElement feature)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (feature.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in props.EnumerateObject())
                result[p.Name] = Text(p.Value);
        }
        if (feature.TryGetProperty("id", out var id) && !result.ContainsKey("id"))
            result["id"] = Text(id);
        return result;
    }

    private static string? Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => v.GetRawText(),
    };

    private static Geometry Geometry(JsonElement g, GeoJsonContext context)
    {
        var type = TypeOf(g) ?? throw new FeatureProblemException("not a geometry: the \"geometry\" has no \"type\"");
        if (type is not ("Polygon" or "MultiPolygon"))
            throw new FeatureProblemException($"not a polygon: the geometry is a {type}; a border must be a Polygon or MultiPolygon");
        if (!g.TryGetProperty("coordinates", out var coords) || coords.ValueKind != JsonValueKind.Array)
            throw new FeatureProblemException($"the {type} has no \"coordinates\" array");
        // echarts keeps each ring's starting point here; only rings given as strings use it.
        g.TryGetProperty("encodeOffsets", out var offsets);

        if (type == "Polygon")
            return Polygon(coords, offsets, context, "");
        var count = coords.GetArrayLength();
        if (count == 0)
            throw new FeatureProblemException("empty MultiPolygon: it has no polygons");
        var polygons = new List<Polygon>(count);
        var i = 0;
        foreach (var p in coords.EnumerateArray())
        {
            polygons.Add(Polygon(p, Item(offsets, i), context, $"polygon {i + 1}, "));
            i++;
        }
        return Rings.Combine(polygons, multi: true);
    }

    private static Polygon Polygon(JsonElement rings, JsonElement offsets, GeoJsonContext context, string prefix)
    {
        if (rings.ValueKind != JsonValueKind.Array)
            throw new FeatureProblemException($"{prefix}not an array of rings");
        if (rings.GetArrayLength() == 0)
            throw new FeatureProblemException($"{prefix}empty polygon: it has no rings");
        LinearRing? shell = null;
        var holes = new List<LinearRing>();
        var j = 0;
        foreach (var r in rings.EnumerateArray())
        {
            var where = $"{prefix}ring {j + 1} ({(j == 0 ? "exterior" : $"hole {j}")})";
            var positions = r.ValueKind == JsonValueKind.String
                ? Echarts(r.GetString()!, Item(offsets, j), context, where)
                : Positions(r, where);
            var ring = Rings.Make(positions, context.Crs, where);
            if (shell is null)
                shell = ring;
            else
                holes.Add(ring);
            j++;
        }
        return Rings.Polygon(shell!, holes);
    }

    private static Coordinate[] Positions(JsonElement ring, string where)
    {
        if (ring.ValueKind != JsonValueKind.Array)
            throw new FeatureProblemException($"bad ring at {where}: a JSON {Describe(ring.ValueKind)}, not an array of positions");
        var result = new Coordinate[ring.GetArrayLength()];
        var k = 0;
        foreach (var p in ring.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() < 2
                || p[0].ValueKind != JsonValueKind.Number || p[1].ValueKind != JsonValueKind.Number
                || !p[0].TryGetDouble(out var x) || !p[1].TryGetDouble(out var y))
                throw new FeatureProblemException($"bad coordinate at {where}, position {k + 1}: {Short(p)}");
            result[k++] = new Coordinate(x, y);
        }
        return result;
    }

    /// <summary>
    /// echarts' compressed ring ("UTF8Encoding": true), decoded as echarts' parseGeoJson.ts and
    /// tools/demo-extract/extract.mjs do: each pair of characters, minus 64, is a zigzag-encoded step in units
    /// of 1/scale degree from the previous point, starting at the ring's encodeOffsets pair. The arithmetic is
    /// 32-bit integer, as JavaScript's bit operators are, so results match to the bit.
    /// </summary>
    private static Coordinate[] Echarts(string encoded, JsonElement start, GeoJsonContext context, string where)
    {
        if (start.ValueKind != JsonValueKind.Array || start.GetArrayLength() < 2
            || !start[0].TryGetInt32(out var prevX) || !start[1].TryGetInt32(out var prevY))
            throw new FeatureProblemException(
                $"bad compressed ring at {where}: no \"encodeOffsets\" pair to start from");
        if (encoded.Length % 2 != 0)
            throw new FeatureProblemException(
                $"bad compressed ring at {where}: odd number of characters ({encoded.Length})");
        context.DecodedEcharts = true;
        var scale = context.EchartsScale;
        var result = new Coordinate[encoded.Length / 2];
        for (var i = 0; i < encoded.Length; i += 2)
        {
            int x = encoded[i] - 64, y = encoded[i + 1] - 64;
            x = (x >> 1) ^ -(x & 1);
            y = (y >> 1) ^ -(y & 1);
            prevX += x;
            prevY += y;
            result[i / 2] = new Coordinate(prevX / scale, prevY / scale);
        }
        return result;
    }

    private static JsonElement Item(JsonElement array, int i) =>
        array.ValueKind == JsonValueKind.Array && i < array.GetArrayLength() ? array[i] : default;

    private static string Short(JsonElement e)
    {
        var raw = e.GetRawText();
        return raw.Length <= 60 ? raw : raw[..57] + "...";
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
