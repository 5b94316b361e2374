using Microsoft.AspNetCore.Http.HttpResults;

namespace Wangge.Auth;

/// <summary>
/// POST /api/v1/auth/token    exchange a user name and password for a bearer token
/// POST /api/v1/auth/logout   end the token (or browser session) this request is signed in with
/// </summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/token", IssueToken).RequireRateLimiting(AccountService.LoginRateLimit).AllowAnonymous();
        group.MapPost("/logout", Logout).RequireAuthorization();
        return group;
    }

    public sealed record TokenRequest(string? Username, string? Password);

    public sealed record TokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(TokenRequest request, AccountService accounts,
        CallerContext callers, HttpContext http, CancellationToken ct)
    {
        Require.Present(request.Username, "username");
        Require.Present(request.Password, "password");
        var address = http.Connection.RemoteIpAddress?.ToString();
        var user = await accounts.SignInAsync(request.Username, request.Password, address, ct);
        if (user is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                detail: "The user name or password is wrong, or the account is disabled; after several failed attempts, wait a few minutes.");
        callers.Set(Core.Common.Caller.ForUser(user, address));
        var (token, expiresIn) = await accounts.IssueTokenAsync(user, ct);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", expiresIn));
    }

    public static async Task<NoContent> Logout(AccountService accounts, HttpContext http, CancellationToken ct)
    {
        await accounts.EndSessionAsync(http.User, TokenAuthenticationHandler.BearerToken(http.Request), ct);
        return TypedResults.NoContent();
    }
}
