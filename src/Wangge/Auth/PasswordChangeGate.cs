using Microsoft.AspNetCore.Components.Endpoints;

namespace Wangge.Auth;

/// <summary>
/// Holds an account that still has a temporary password at the password page: every other page sends it there, and the
/// API answers 403 <see cref="Code"/> to everything but the change itself and signing out. Sign-in, sign-out, the
/// language switch and the page's own assets pass.
/// </summary>
public sealed class PasswordChangeGate(RequestDelegate next)
{
    public const string Code = "password_change_required";
    public const string PagePath = "/account/password";
    public const string ApiPath = "/api/v1/me/password";

    private static readonly string[] OpenApi = [ApiPath, "/api/v1/auth/logout", "/api/v1/auth/token"];
    private static readonly string[] OpenPages = [PagePath, "/login", "/not-found"];

    public async Task InvokeAsync(HttpContext http)
    {
        if (!http.User.HasClaim(c => c.Type == WanggeClaims.MustChangePassword))
        {
            await next(http);
            return;
        }
        var path = http.Request.Path;
        if (path.StartsWithSegments("/api") && !OpenApi.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: Code,
                detail: $"This account has a temporary password: change it first (POST {ApiPath}), then repeat the request.",
                extensions: new Dictionary<string, object?> { ["code"] = Code, ["field"] = "newPassword" }).ExecuteAsync(http);
            return;
        }
        if (http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            && !OpenPages.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            http.Response.Redirect(PagePath);
            return;
        }
        await next(http);
    }
}
