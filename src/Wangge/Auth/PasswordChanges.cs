using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Common;
using Wangge.Core.People;
using Wangge.Data;
using Wangge.Users;

namespace Wangge.Auth;

/// <summary>
/// A signed-in user choosing their own password, from the password page or the API. The new password meets the rules
/// of account creation; the change ends every other session and token of the account (whoever else held the old
/// password is out) and keeps the one it was made from.
/// </summary>
public sealed class PasswordChanges(WanggeDbContext db, IPasswordHasher<User> hasher, SessionStates states)
{
    /// <summary>The session or token the change is made from, which goes on.</summary>
    public sealed record Keeping(Guid? SessionId, string? BearerToken);

    /// <summary>
    /// Changes the password of the request's user, keeping the session or token the request came with; a browser
    /// session gets a new cookie carrying the new stamp (and no longer the demand to change).
    /// </summary>
    public async Task ChangeForRequestAsync(HttpContext http, string? currentPassword, string? newPassword, string? repeatPassword, CancellationToken ct)
    {
        var session = Guid.TryParse(http.User.FindFirstValue(WanggeClaims.Session), out var id) ? id : (Guid?)null;
        var user = await ChangeAsync(currentPassword, newPassword, repeatPassword, new Keeping(session, TokenAuthenticationHandler.BearerToken(http.Request)), ct);
        if (session is { } kept)
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                WanggeClaims.For(user, CookieAuthenticationDefaults.AuthenticationScheme, kept));
    }

    /// <summary>Checks everything before changing anything; returns the account with its new stamp, for the kept session's new cookie.</summary>
    public async Task<User> ChangeAsync(string? currentPassword, string? newPassword, string? repeatPassword, Keeping keep, CancellationToken ct)
    {
        var userId = db.Caller.UserId ?? throw RuleViolation.Forbidden("Sign in to change your password.");
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct) ?? throw RuleViolation.NotFound("Your account");
        if (string.IsNullOrEmpty(currentPassword))
            throw RuleViolation.Invalid("currentPassword", "required", "'currentPassword' is required.");
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
            throw RuleViolation.Invalid("currentPassword", "current_password_wrong", "The current password is wrong.");
        UserAdministration.CheckPassword(newPassword, "newPassword");
        if (newPassword != repeatPassword)
            throw RuleViolation.Invalid("repeatPassword", "password_mismatch", "The repeated password differs from the new one.");
        // Above all a temporary password: someone else has seen it.
        if (newPassword == currentPassword)
            throw RuleViolation.Invalid("newPassword", "password_unchanged", "The new password must differ from the current one.");

        user.SetPasswordHash(hasher.HashPassword(user, newPassword!));
        var tokenHash = keep.BearerToken is { } token ? AccountService.HashToken(token) : null;
        db.UserSessions.RemoveRange(await db.UserSessions.Where(s => s.UserId == userId && s.Id != keep.SessionId).ToListAsync(ct));
        db.ApiTokens.RemoveRange(await db.ApiTokens.Where(t => t.UserId == userId && t.TokenHash != tokenHash).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        states.Forget(userId);
        return user;
    }
}
