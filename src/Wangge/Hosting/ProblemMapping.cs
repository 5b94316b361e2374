using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Common;

namespace Wangge.Hosting;

/// <summary>
/// The one error path: domain rule violations and unreadable requests become problem+json naming the
/// field; anything else is a 500 without internals. What a client reads names the field and the values or
/// format it takes (<see cref="RequestShapes"/>), never a .NET type or framework text, and echoes at most
/// <see cref="MaxEchoLength"/> characters of what was sent.
/// </summary>
public sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    /// <summary>How much of a client's own input an answer repeats.</summary>
    public const int MaxEchoLength = 80;
    /// <summary>The longest detail an answer carries.</summary>
    public const int MaxDetailLength = 600;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            RuleViolation v => FromViolation(Named(v, http), http),
            BadHttpRequestException bad => FromBadRequest(bad, http),
            JsonException json => FromJson(json, StatusCodes.Status400BadRequest, http),
            // The data layer turns these into version refusals; one that escapes it is still someone else's earlier save.
            DbUpdateConcurrencyException => FromViolation(VersionRules.Stale("The record", null, null)),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
            return false;
        }
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>A version refusal names the input the client used for it (If-Match or the body's version).</summary>
    private static RuleViolation Named(RuleViolation v, HttpContext http) =>
        v.Code is "version_required" or "version_stale" && EntityTags.FieldOf(v, http.Request) is var field && field != v.Field
            ? new RuleViolation(v.Code, v.Message, field, v.Kind) { CurrentVersion = v.CurrentVersion }
            : v;

    private static ProblemDetails FromViolation(RuleViolation v, HttpContext? http = null)
    {
        var status = v.Kind switch
        {
            ViolationKind.NotFound => StatusCodes.Status404NotFound,
            ViolationKind.Forbidden => StatusCodes.Status403Forbidden,
            ViolationKind.Conflict => StatusCodes.Status409Conflict,
            ViolationKind.VersionRequired => StatusCodes.Status428PreconditionRequired,
            _ => StatusCodes.Status400BadRequest,
        };
        var p = Problem(status, v.Code, http is null ? v.Message : ProblemLanguage.Detail(http, v), v.Field);
        // The version to reload. (Not as an ETag header: the exception handler strips those from error answers.)
        if (v.CurrentVersion is { } current) p.Extensions["currentVersion"] = current;
        return p;
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad, HttpContext http)
    {
        if (bad.InnerException is JsonException json) return FromJson(json, bad.StatusCode, http);
        var message = bad.Message;
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return Problem(bad.StatusCode, "unsupported_media_type", "Send the body as JSON in UTF-8 with the header Content-Type: application/json.", null);
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return Problem(bad.StatusCode, "request_too_large", "The request body is larger than this server accepts.", null);
        if (message.Contains("from body", StringComparison.Ordinal) || message.Contains("no body was provided", StringComparison.Ordinal))
            return Problem(bad.StatusCode, "body_required", "This operation needs a JSON body; see /openapi/v1.json.", null);
        if (BindFailure().Match(message) is { Success: true } m)
        {
            var field = Camel(m.Groups["name"].Value);
            var shape = RequestShapes.Describe(RequestShapes.ParameterType(http, m.Groups["name"].Value));
            return Problem(bad.StatusCode, "invalid_value", $"'{field}' must be {shape}; '{Shorten(m.Groups["value"].Value)}' is not.", field);
        }
        if (Missing().Match(message) is { Success: true } r)
        {
            var field = Camel(r.Groups["name"].Value);
            return Problem(bad.StatusCode, "required", $"'{field}' is required.", field);
        }
        return Problem(bad.StatusCode, "invalid_request", "The request cannot be read as this operation expects; see /openapi/v1.json.", null);
    }

    private static ProblemDetails FromJson(JsonException json, int status, HttpContext http)
    {
        var field = FieldFromJsonPath(json.Path);
        var at = field is null ? "The body" : $"'{field}'";
        if (json is RefusedTextException)
            return Problem(status, "text_refused_character", $"{at} {json.Message}", field);
        // The reader's own exception type is internal: a body that is not JSON at all, as opposed to a value of the wrong kind.
        if (json.GetType() != typeof(JsonException))
            return Problem(status, "invalid_json",
                $"The body is not well-formed JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}){(field is null ? "" : $", at '{field}'")}. " +
                "Numbers are written without quotes and NaN or Infinity are not numbers.", field);
        var body = RequestShapes.BodyType(http);
        if (field is null)
            return Problem(status, "invalid_json", "The body must be a JSON object with this operation's fields; see /openapi/v1.json.", null);
        var shape = RequestShapes.Describe(body is null ? null : RequestShapes.Resolve(body, json.Path!));
        return Problem(status, "invalid_json", $"'{field}' must be {shape}.", field);
    }

    private static ProblemDetails Problem(int status, string code, string detail, string? field)
    {
        var text = Shorten(detail, MaxDetailLength);
        var p = new ProblemDetails { Status = status, Title = code, Detail = text };
        p.Extensions["code"] = code;
        if (field is not null)
        {
            var f = Shorten(field, 120);
            p.Extensions["field"] = f;
            p.Extensions["errors"] = new Dictionary<string, string[]> { [f] = [text] };
        }
        return p;
    }

    /// <summary>At most <paramref name="max"/> characters of <paramref name="text"/>, marked when cut.</summary>
    public static string Shorten(string text, int max = MaxEchoLength) => text.Length <= max ? text : text[..max] + "…";

    /// <summary>"$.location.lon" → "location.lon"; "$" (the whole body) → null.</summary>
    public static string? FieldFromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        var f = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return f.Length == 0 ? null : Camel(f);
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]*) (?<name>[^ "]+)" from "(?<value>.*)"\.?$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("""^Required parameter "(?<type>[^"]*) (?<name>[^ "]+)" was not provided""", RegexOptions.Singleline)]
    private static partial Regex Missing();

    /// <summary>
    /// Middleware for /api: an error that left no body (an authentication challenge, a refused role, a wrong method) still
    /// answers problem+json saying what happened, so every API error can be read the same way.
    /// </summary>
    public static async Task FillEmptyAsync(HttpContext http, Func<Task> next)
    {
        await next();
        var r = http.Response;
        if (r.StatusCode < 400 || r.HasStarted || r.ContentLength > 0 || r.ContentType is not null || !http.Request.Path.StartsWithSegments("/api")) return;
        var (code, detail) = r.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => ("unauthenticated", "Sign in first: send 'Authorization: Bearer <token>' (POST /api/v1/auth/token) or the session cookie."),
            StatusCodes.Status403Forbidden => ("forbidden", "Your role may not do this."),
            StatusCodes.Status404NotFound => ("not_found", "Nothing was found here."),
            StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", $"{http.Request.Method} is not an operation on this path; see /openapi/v1.json."),
            StatusCodes.Status429TooManyRequests => ("too_many_requests", "Too many requests; wait a minute and try again."),
            _ => ("request_refused", "The request was refused; see /openapi/v1.json."),
        };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = r.StatusCode, Title = code, Detail = detail, Extensions = { ["code"] = code } },
        });
    }

    public static IResult UnknownApiRoute(HttpContext http) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "not_found",
            detail: $"No API operation at {http.Request.Method} {Shorten(http.Request.Path.Value ?? "", 200)}. See /openapi/v1.json.");
}
