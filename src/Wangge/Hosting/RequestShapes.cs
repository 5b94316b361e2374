using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;

namespace Wangge.Hosting;

/// <summary>
/// What an operation expects at a field, said in words a client can act on ("one of Catering, FoodSale…", "a date
/// as YYYY-MM-DD"): found from the endpoint's body type or parameters and the failing JSON path.
/// </summary>
public static partial class RequestShapes
{
    /// <summary>The endpoint a request went to, also once the exception handler has cleared it for re-execution.</summary>
    private static Endpoint? EndpointOf(HttpContext http) =>
        http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();

    public static Type? BodyType(HttpContext http) => EndpointOf(http)?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;

    /// <summary>The type of a query or route parameter (also inside an [AsParameters] bundle), or null.</summary>
    public static Type? ParameterType(HttpContext http, string name)
    {
        if (EndpointOf(http)?.Metadata.GetMetadata<MethodInfo>() is not { } method) return null;
        foreach (var p in method.GetParameters())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.ParameterType;
            if (p.GetCustomAttribute<AsParametersAttribute>() is null) continue;
            var inner = p.ParameterType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (inner is not null) return inner.PropertyType;
        }
        return null;
    }

    /// <summary>The type found at a JSON path ("$.licences[0].kind") under <paramref name="root"/>, or null.</summary>
    public static Type? Resolve(Type root, string path)
    {
        Type? t = root;
        foreach (Match m in Step().Matches(path))
        {
            if (t is null) return null;
            t = Nullable.GetUnderlyingType(t) ?? t;
            if (m.Groups["index"].Success) t = ElementType(t);
            else
            {
                var name = m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["quoted"].Value;
                t = DictionaryValueType(t) ?? t.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            }
        }
        return t;
    }

    public static string Describe(Type? type)
    {
        if (type is null) return "a value of the documented kind (see /openapi/v1.json)";
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum) return $"one of {string.Join(", ", Enum.GetNames(t))}";
        if (t == typeof(bool)) return "true or false";
        if (t == typeof(int) || t == typeof(long) || t == typeof(short)) return "a whole number";
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal)) return "a finite number";
        if (t == typeof(DateOnly)) return "a date as YYYY-MM-DD";
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return "a date and time in ISO 8601, e.g. 2026-03-01T09:30:00+08:00";
        if (t == typeof(Guid)) return "an id (a UUID)";
        if (t == typeof(string)) return "text (a JSON string)";
        if (DictionaryValueType(t) is { } v) return $"an object whose values are {Describe(v)}";
        if (ElementType(t) is { } e) return $"a list (a JSON array) of {(e == t ? "values" : Describe(e))}";
        return "an object (see /openapi/v1.json for its fields)";
    }

    private static Type? ElementType(Type t)
    {
        if (t.IsArray) return t.GetElementType();
        if (t == typeof(string)) return null;
        var e = (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IEnumerable<>) ? t : null)
                ?? t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return e?.GetGenericArguments()[0];
    }

    private static Type? DictionaryValueType(Type t)
    {
        var d = (t.IsGenericType && t.GetGenericTypeDefinition() is var g && (g == typeof(IReadOnlyDictionary<,>) || g == typeof(IDictionary<,>) || g == typeof(Dictionary<,>)) ? t : null)
                ?? t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));
        return d?.GetGenericArguments()[1];
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>\d+)\]|\['(?<quoted>(?:[^']|'')*)'\]")]
    private static partial Regex Step();
}
