using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Wangge.Auth;

/// <summary>
/// Refuses a state-changing request that rides on the sign-in cookie without an antiforgery token: a browser sends
/// the cookie with any same-site request, so a page on another port of the host could otherwise import files or edit
/// records as the signed-in user. Bearer clients need no token: no browser attaches their header by itself.
/// </summary>
/// <remarks>
/// Covers everything under /api (JSON and multipart alike; the framework's own check only covers form-bound
/// endpoints, and the uploads switch it off so bearer clients are not asked for a token) and the sign-out form.
/// API callers send the token in the <see cref="HeaderName"/> header, taken from the page's
/// <c>meta name="request-verification-token"</c>; the sign-out form sends it as a form field.
/// </remarks>
public sealed class CookieAntiforgery(RequestDelegate next, IAntiforgery antiforgery, IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    public const string HeaderName = "RequestVerificationToken";

    public async Task InvokeAsync(HttpContext http)
    {
        if (RidesOnCookie(http.Request) && !await HasValidTokenAsync(http))
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "antiforgery_token_invalid",
                detail: $"A request signed in by the browser's cookie must carry the page's antiforgery token in the '{HeaderName}' header " +
                        "(API clients use a bearer token instead).",
                extensions: new Dictionary<string, object?> { ["code"] = "antiforgery_token_invalid", ["field"] = HeaderName })
                .ExecuteAsync(http);
            return;
        }
        await next(http);
    }

    private bool RidesOnCookie(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            return false;
        if (!request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/account/logout"))
            return false;
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return false;
        var name = cookies.Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie.Name;
        return name is not null && request.Cookies.ContainsKey(name);
    }

    private async Task<bool> HasValidTokenAsync(HttpContext http)
    {
        // An API request must name its token in the header: without one, the antiforgery service would read the whole
        // multipart body (a border file can be hundreds of megabytes) looking for a form field.
        if (http.Request.Path.StartsWithSegments("/api") && string.IsNullOrEmpty(http.Request.Headers[HeaderName]))
            return false;
        return await antiforgery.IsRequestValidAsync(http);
    }
}
