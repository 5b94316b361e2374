using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Common;

namespace Wangge.Hosting;

/// <summary>
/// The one error path: domain rule violations and unreadable requests become problem+json naming the
/// field; anything else is a 500 without internals.
/// </summary>
public sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            RuleViolation v => FromViolation(Named(v, http)),
            BadHttpRequestException bad => FromBadRequest(bad),
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

    private static ProblemDetails FromViolation(RuleViolation v)
    {
        var status = v.Kind switch
        {
            ViolationKind.NotFound => StatusCodes.Status404NotFound,
            ViolationKind.Forbidden => StatusCodes.Status403Forbidden,
            ViolationKind.Conflict => StatusCodes.Status409Conflict,
            ViolationKind.VersionRequired => StatusCodes.Status428PreconditionRequired,
            _ => StatusCodes.Status400BadRequest,
        };
        var p = new ProblemDetails { Status = status, Title = v.Code, Detail = v.Message };
        p.Extensions["code"] = v.Code;
        // The version to reload. (Not as an ETag header: the exception handler strips those from error answers.)
        if (v.CurrentVersion is { } current) p.Extensions["currentVersion"] = current;
        if (v.Field is not null)
        {
            p.Extensions["field"] = v.Field;
            p.Extensions["errors"] = new Dictionary<string, string[]> { [v.Field] = [v.Message] };
        }
        return p;
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        var json = bad.InnerException as JsonException;
        var field = FieldFromJsonPath(json?.Path);
        var p = new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = "invalid_request",
            Detail = json is null ? bad.Message : $"The request body is not valid JSON for this operation{(field is null ? "" : $" at '{field}'")}: {json.Message}",
        };
        p.Extensions["code"] = json is null ? "invalid_request" : "invalid_json";
        if (field is not null)
        {
            p.Extensions["field"] = field;
            p.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [json!.Message] };
        }
        return p;
    }

    /// <summary>"$.location.lon" → "location.lon"; "$" (the whole body) → null.</summary>
    public static string? FieldFromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        var f = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return f.Length == 0 ? null : char.ToLowerInvariant(f[0]) + f[1..];
    }

    public static IResult UnknownApiRoute(HttpContext http) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "not_found",
            detail: $"No API operation at {http.Request.Method} {http.Request.Path}. See /openapi/v1.json.");
}
