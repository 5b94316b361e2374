using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wangge.Core.Common;

namespace Wangge.Hosting;

/// <summary>
/// HTTP's side of optimistic concurrency (RFC 9110 §8.8.3, §13.1.1): an <see cref="IVersioned"/> record travels with
/// its version as a strong ETag (<c>"3"</c>), and a write names the version it was made from in If-Match (or a
/// <c>version</c> field in its body). The rule itself is <see cref="VersionRules"/>, so pages and API refuse alike.
/// </summary>
public static class EntityTags
{
    public const string IfMatch = "If-Match";

    public static string Of(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The version the writer read: its If-Match header's, else its body's; null when it gave neither, which the rule
    /// refuses (428) once the record is found, so that a missing record still answers 404 and a foreign one 403.
    /// </summary>
    public static int? Expected(HttpRequest request, int? bodyVersion)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0) return bodyVersion;
        // Weak tags are accepted as well: this API's tags are the version, whichever way a client quotes them back.
        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (tag.Length < 3 || tag[0] != '"' || tag[^1] != '"'
            || !int.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
            throw RuleViolation.Invalid(IfMatch, "if_match_invalid",
                "If-Match takes the one ETag this API gave for the record, e.g. \"3\"; '*' is not accepted, as it does not say which version you read.");
        if (bodyVersion is { } body && body != version)
            throw RuleViolation.Invalid(VersionRules.Field, "version_disagrees", $"The body's version {body} and If-Match {tag} name different versions.");
        return version;
    }

    /// <summary>Puts the ETag on every answer of <paramref name="builder"/>'s endpoints whose value is a versioned record.</summary>
    public static TBuilder WithEntityTags<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            // A handler that answers one of several results (Results<Ok<T>, …>) holds the one it chose.
            var chosen = result is INestedHttpResult nested ? nested.Result : result;
            if (chosen is IValueHttpResult { Value: IVersioned record }) context.HttpContext.Response.Headers.ETag = Of(record.Version);
            return result;
        });

    /// <summary>The input a version refusal names: the header when the writer sent one, or when it sent nothing (the preferred way).</summary>
    internal static string FieldOf(RuleViolation v, HttpRequest request) =>
        v.Code == "version_required" || request.Headers.IfMatch.Count > 0 ? IfMatch : v.Field ?? VersionRules.Field;
}
