using Microsoft.AspNetCore.Http.HttpResults;

namespace Wangge.Auth;

/// <summary>
/// POST /api/v1/me/password   change one's own password (current, new, repeat); other sessions and tokens end
/// Every signed-in account, whatever its role; the only call an account with a temporary password may make besides signing out.
/// </summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me").WithTags("Me").RequireAuthorization();
        // The current password is guessed here as at sign-in, so it is limited as sign-in is.
        group.MapPost("/password", ChangeMyPassword).RequireRateLimiting(AccountService.LoginRateLimit);
        return group;
    }

    public sealed record PasswordInput(string? CurrentPassword, string? NewPassword, string? RepeatPassword);

    public static async Task<NoContent> ChangeMyPassword(PasswordInput input, PasswordChanges passwords, HttpContext http, CancellationToken ct)
    {
        await passwords.ChangeForRequestAsync(http, input.CurrentPassword, input.NewPassword, input.RepeatPassword, ct);
        return TypedResults.NoContent();
    }
}
