using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Wangge.Data;

namespace Wangge.Auth;

/// <summary>
/// Whether a browser session may still act: its account exists, is enabled, has the security stamp the
/// session started with, and the session's row is still there. Every request asks, so the answer is kept
/// for <see cref="CacheFor"/> per account; a change made in this process (sign-out, revocation, a new
/// password, role or place) forgets the account at once, a change made by another process (the CLI, a
/// second server) takes effect within <see cref="CacheFor"/>.
/// </summary>
public sealed class SessionStates(IMemoryCache cache, IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private sealed record AccountState(string Stamp, bool Disabled, IReadOnlySet<Guid> Sessions);

    public async Task<bool> AcceptsAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) ||
            !Guid.TryParse(principal.FindFirstValue(WanggeClaims.Session), out var sessionId))
            return false;
        var state = await cache.GetOrCreateAsync(Key(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await LoadAsync(userId, ct);
        });
        return state is { Disabled: false } && state.Sessions.Contains(sessionId) &&
               state.Stamp == principal.FindFirstValue(WanggeClaims.Stamp);
    }

    /// <summary>Drops what is known of an account, so its next request is checked against the database.</summary>
    public void Forget(Guid userId) => cache.Remove(Key(userId));

    private async Task<AccountState?> LoadAsync(Guid userId, CancellationToken ct)
    {
        // A scope of its own: a Blazor circuit revalidates on a timer, beside components using their context.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WanggeDbContext>();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.IsDisabled }).SingleOrDefaultAsync(ct);
        if (user is null) return null;
        var oldest = clock.GetUtcNow() - Core.People.UserSession.MaxAge;
        var sessions = await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId && s.StartedAt > oldest)
            .Select(s => s.Id).ToListAsync(ct);
        return new AccountState(user.SecurityStamp, user.IsDisabled, sessions.ToHashSet());
    }

    private static string Key(Guid userId) => $"wangge:session-state:{userId:N}";

    /// <summary>
    /// Cookie validation on every request: a refused session is signed out, so a page request goes to the
    /// login page and an API request answers 401.
    /// </summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null) return;
        var states = context.HttpContext.RequestServices.GetRequiredService<SessionStates>();
        if (await states.AcceptsAsync(context.Principal, context.HttpContext.RequestAborted)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Ends every session and bearer token of an account, through the change tracker so that each removal is
    /// audited with the change that caused it. The caller saves, then <see cref="Forget"/>s the account.
    /// </summary>
    public static async Task RemoveSessionsAndTokensAsync(WanggeDbContext db, Guid userId, CancellationToken ct)
    {
        db.UserSessions.RemoveRange(await db.UserSessions.Where(s => s.UserId == userId).ToListAsync(ct));
        db.ApiTokens.RemoveRange(await db.ApiTokens.Where(t => t.UserId == userId).ToListAsync(ct));
    }
}
