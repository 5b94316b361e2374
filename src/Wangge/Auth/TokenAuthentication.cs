using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Wangge.Auth;

/// <summary>Opaque bearer tokens checked against their stored hash, so a token can be revoked by deleting its row.</summary>
public sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } token) return AuthenticateResult.NoResult();
        var accounts = Context.RequestServices.GetRequiredService<AccountService>();
        var user = await accounts.FindByTokenAsync(token, Context.RequestAborted);
        return user is null
            ? AuthenticateResult.Fail("The token is unknown or expired.")
            : AuthenticateResult.Success(new AuthenticationTicket(WanggeClaims.For(user, SchemeName), SchemeName));
    }

    /// <summary>The token of an <c>Authorization: Bearer …</c> header, or null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

public static class AuthenticationSetup
{
    private const string Smart = "cookie-or-bearer";

    /// <summary>
    /// Cookies for the UI, bearer tokens for the API; an API call never gets a redirect to the login page.
    /// Each request's cookie is checked against its account and server-side session (<see cref="SessionStates"/>).
    /// </summary>
    public static IServiceCollection AddWanggeAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, Smart, o => o.ForwardDefaultSelector = http =>
                TokenAuthenticationHandler.BearerToken(http.Request) is not null
                    ? TokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.LoginPath = "/login";
                // A signed-in person refused a page is told so (403), not sent to "page not found".
                o.AccessDeniedPath = "/forbidden";
                o.Cookie.Name = "wangge.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.Events.OnRedirectToLogin = ctx => Refuse(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => Refuse(ctx, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = SessionStates.ValidateCookieAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        // Secure whenever the request came over HTTPS; always, when configured (behind a TLS-terminating proxy).
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<Hosting.WanggeOptions>>((o, wangge) =>
                o.Cookie.SecurePolicy = wangge.Value.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        // Not Always: antiforgery refuses to issue a Secure cookie on a plain-HTTP request, and the forms would break.
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddAuthorization(Policies.Add);
        return services;
    }

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
            ctx.Response.StatusCode = status;
        else
            ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
