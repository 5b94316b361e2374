using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Wangge.Auth;

/// <summary>The browser's sign-in, sign-out and language switch: plain form posts, so they work without scripts.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", (Delegate)Login).RequireRateLimiting(AccountService.LoginRateLimit).ExcludeFromDescription();
        app.MapPost("/account/logout", (Delegate)Logout).ExcludeFromDescription();
        app.MapGet("/account/culture", (Delegate)SetCulture).ExcludeFromDescription();
        app.MapPost(PasswordChangeGate.PagePath, (Delegate)ChangePassword).RequireAuthorization()
            .RequireRateLimiting(AccountService.LoginRateLimit).ExcludeFromDescription();
    }

    /// <summary>The password page's form: home when changed, else back to the form naming what was wrong (nothing is changed).</summary>
    private static async Task<IResult> ChangePassword([FromForm] string? currentPassword, [FromForm] string? newPassword,
        [FromForm] string? repeatPassword, PasswordChanges passwords, HttpContext http, CancellationToken ct)
    {
        try
        {
            await passwords.ChangeForRequestAsync(http, currentPassword, newPassword, repeatPassword, ct);
        }
        catch (Core.Common.RuleViolation v) when (v.Kind == Core.Common.ViolationKind.Invalid)
        {
            return Results.LocalRedirect($"{PasswordChangeGate.PagePath}?error={Uri.EscapeDataString(v.Code)}&field={Uri.EscapeDataString(v.Field ?? "")}");
        }
        return Results.LocalRedirect("/");
    }

    private static async Task<IResult> Login([FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl,
        AccountService accounts, CallerContext callers, HttpContext http, CancellationToken ct)
    {
        var address = http.Connection.RemoteIpAddress?.ToString();
        var user = await accounts.SignInAsync(username, password, address, ct);
        if (user is null)
            return Results.Redirect($"/login?failed=1&user={Uri.EscapeDataString(username ?? "")}&returnUrl={Uri.EscapeDataString(LocalOnly(returnUrl))}");
        // The new session is audited as the user's own act, not an anonymous one.
        callers.Set(Core.Common.Caller.ForUser(user, address));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, await accounts.StartSessionAsync(user, ct));
        return Results.LocalRedirect(LocalOnly(returnUrl));
    }

    /// <summary>Ends the session on the server too, so a copy of the cookie kept elsewhere stops working.</summary>
    private static async Task<IResult> Logout(HttpContext http, AccountService accounts, CancellationToken ct)
    {
        await accounts.EndSessionAsync(http.User, null, ct);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/login");
    }

    private static IResult SetCulture(string? culture, string? returnUrl, HttpContext http)
    {
        if (returnUrl is not null && returnUrl.Any(char.IsControl))
            throw Core.Common.RuleViolation.Invalid("returnUrl", "return_url_invalid",
                "'returnUrl' is a path on this site, such as /businesses, and cannot hold control characters.");
        var chosen = culture == "en" ? "en" : "zh-CN";
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
        return Results.LocalRedirect(LocalOnly(returnUrl));
    }

    /// <summary>A rate-limited sign-in: the browser goes back to the form with a message, an API client gets problem+json.</summary>
    public static async ValueTask TooManyAttemptsAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Request.Path.StartsWithSegments("/account"))
        {
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = http.Request.Path.Equals(PasswordChangeGate.PagePath, StringComparison.OrdinalIgnoreCase)
                ? $"{PasswordChangeGate.PagePath}?error=too_many_attempts" : "/login?limited=1";
            return;
        }
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "too_many_attempts",
            detail: "Too many sign-in attempts from this address; wait a minute and try again.").ExecuteAsync(http);
    }

    /// <summary>
    /// Only same-site paths are followed after sign-in, so a link cannot send a user elsewhere; one with control characters
    /// (which a redirect header cannot carry) goes home too.
    /// </summary>
    private static string LocalOnly(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl) && url.Length <= 2048
            ? AsciiOnly(url) : "/";

    /// <summary>A Location header is ASCII: a path with Chinese in it is sent percent-encoded, as a browser would.</summary>
    private static string AsciiOnly(string url) =>
        url.All(char.IsAscii) ? url : string.Concat(url.EnumerateRunes().Select(r => r.IsAscii ? r.ToString() : Uri.EscapeDataString(r.ToString())));
}
