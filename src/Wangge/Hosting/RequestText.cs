using System.Text.Json;
using Microsoft.Net.Http.Headers;
using System.Text.Json.Serialization;
using Wangge.Core.Common;

namespace Wangge.Hosting;

/// <summary>
/// Every string an API request carries meets <see cref="TextRules"/> before any handler sees it: JSON bodies through
/// <see cref="RequestTextConverter"/>, query strings and route values through <see cref="CheckAsync"/>. One rule,
/// so SQLite and PostgreSQL (which cannot store a NUL) answer alike.
/// </summary>
public static class RequestText
{
    /// <summary>Middleware for /api: a refused character in a query or route value is a 400 naming the parameter.</summary>
    public static Task CheckAsync(HttpContext http, Func<Task> next)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            foreach (var (key, values) in http.Request.Query)
            {
                TextRules.Check(key, ProblemMapping.Shorten(key, 60));
                foreach (var v in values) TextRules.Check(v, ProblemMapping.Shorten(key, 60));
            }
            foreach (var (key, value) in http.Request.RouteValues)
                if (value is string s) TextRules.Check(s, key);
            // JSON is UTF-8 (RFC 8259 §8.1); a body declared in another or an unknown charset is refused, not guessed at.
            if (http.Request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var media)
                && media.MediaType.Value?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true
                && media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
                throw new BadHttpRequestException("charset", StatusCodes.Status415UnsupportedMediaType);
        }
        return next();
    }
}

/// <summary>Reads JSON strings with <see cref="TextRules"/>; the serializer adds the path, which names the field.</summary>
public sealed class RequestTextConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException();
        var s = reader.GetString()!;
        if (TextRules.Problem(s) is { } why) throw new RefusedTextException($"It {why}.");
        return s;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A JSON string refused by <see cref="TextRules"/>; its message is the user's, not the serializer's.</summary>
public sealed class RefusedTextException(string message) : JsonException(message);
