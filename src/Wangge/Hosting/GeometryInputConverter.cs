using System.Text.Json;
using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Wangge.Hosting;

/// <summary>
/// Reads a request's GeoJSON geometry through NetTopologySuite's converter, which throws its own argument and format
/// errors on a ring of two points or an unknown type: those become a JSON refusal at the field, not a 500.
/// </summary>
public sealed class GeometryInputConverter : JsonConverter<Geometry>
{
    private static readonly GeoJsonConverterFactory Factory = new();

    public override Geometry? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return Inner(options).Read(ref reader, typeToConvert, options);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw new JsonException("not a GeoJSON geometry");
        }
    }

    public override void Write(Utf8JsonWriter writer, Geometry value, JsonSerializerOptions options) => Inner(options).Write(writer, value, options);

    private static JsonConverter<Geometry> Inner(JsonSerializerOptions options) => (JsonConverter<Geometry>)Factory.CreateConverter(typeof(Geometry), options)!;
}
