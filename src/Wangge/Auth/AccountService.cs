using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wangge.Core.People;
using Wangge.Data;
using Wangge.Hosting;

namespace Wangge.Auth;

/// <summary>Password sign-in with back-off, server-side browser sessions and bearer tokens.</summary>
public sealed class AccountService(WanggeDbContext db, IPasswordHasher<User> hasher, TimeProvider clock, IOptions<WanggeOptions> options,
    SignInBackoffs backoffs, SessionStates states)
{
    public const string LoginRateLimit = "login";
    /// <summary>The published password of every demo account.</summary>
    public const string DemoPassword = "Wangge-demo-2026";

    /// <summary>
    /// Returns the user when the password is right, the account enabled and the (name, address) pair not
    /// waiting out a back-off. Every failure looks the same to the caller and costs the same: one password
    /// hash is verified whatever the reason (unknown name, empty password, disabled account, back-off), and
    /// no failure writes to the database, so neither the answer nor its time tells whether a name exists.
    /// </summary>
    public async Task<User?> SignInAsync(string? userName, string? password, string? address, CancellationToken ct)
    {
        var name = userName?.Trim().ToLowerInvariant() ?? "";
        var user = name.Length is 0 or > User.MaxUserNameLength ? null : await db.Users.SingleOrDefaultAsync(u => u.UserName == name, ct);
        var verified = hasher.VerifyHashedPassword(user!, user?.PasswordHash is { Length: > 0 } hash ? hash : DummyHash.Value, password ?? "")
                       != PasswordVerificationResult.Failed;
        var waiting = backoffs.MustWait(name, address);
        if (user is null || !verified || waiting || user.IsDisabled || string.IsNullOrEmpty(password))
        {
            backoffs.RecordFailure(name, address);
            return null;
        }
        backoffs.RecordSuccess(name, address);
        return user;
    }

    /// <summary>Starts a browser session; its id and the account's stamp go into the cookie.</summary>
    public async Task<ClaimsPrincipal> StartSessionAsync(User user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Sessions past their age are refused anyway; removing them here keeps the table to live ones.
        var oldest = now - UserSession.MaxAge;
        db.UserSessions.RemoveRange(await db.UserSessions.Where(s => s.UserId == user.Id && s.StartedAt <= oldest).ToListAsync(ct));
        var session = new UserSession(Guid.CreateVersion7(), user.Id, now);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        states.Forget(user.Id);
        return WanggeClaims.For(user, CookieAuthenticationDefaults.AuthenticationScheme, session.Id);
    }

    /// <summary>Ends the session or token the principal signed in with, on the server: its cookie or token is refused from now on.</summary>
    public async Task EndSessionAsync(ClaimsPrincipal principal, string? bearerToken, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)) return;
        if (Guid.TryParse(principal.FindFirstValue(WanggeClaims.Session), out var sessionId))
            db.UserSessions.RemoveRange(await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId).ToListAsync(ct));
        if (bearerToken is not null)
        {
            var hash = HashToken(bearerToken);
            db.ApiTokens.RemoveRange(await db.ApiTokens.Where(t => t.TokenHash == hash && t.UserId == userId).ToListAsync(ct));
        }
        await db.SaveChangesAsync(ct);
        states.Forget(userId);
    }

    public async Task<(string Token, int ExpiresIn)> IssueTokenAsync(User user, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var lifetime = TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes);
        db.ApiTokens.Add(new ApiToken(Guid.CreateVersion7(), user.Id, HashToken(token), clock.GetUtcNow() + lifetime));
        await db.SaveChangesAsync(ct);
        return (token, (int)lifetime.TotalSeconds);
    }

    /// <summary>
    /// The token's user, unless the token expired or was revoked (its row deleted: by a new password, a new
    /// role or place, disabling, deletion, a revocation or its own sign-out) or the account is disabled.
    /// </summary>
    public async Task<User?> FindByTokenAsync(string token, CancellationToken ct)
    {
        var hash = HashToken(token);
        var now = clock.GetUtcNow();
        var userId = await db.ApiTokens.Where(t => t.TokenHash == hash && t.ExpiresAt > now).Select(t => (Guid?)t.UserId).SingleOrDefaultAsync(ct);
        return userId is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == userId && !u.IsDisabled, ct);
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Outside demo mode the server will not start while any account still has the published demo password.
    /// </summary>
    public static async Task RefuseDemoPasswordsAsync(IServiceProvider services, bool demoMode, CancellationToken ct)
    {
        if (demoMode) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WanggeDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        var users = await db.Users.AsNoTracking().ToListAsync(ct);
        var weak = users.Where(u => hasher.VerifyHashedPassword(u, u.PasswordHash, DemoPassword) != PasswordVerificationResult.Failed)
            .Select(u => u.UserName).ToList();
        if (weak.Count > 0)
            // A refusal of the operator's setup, said in one line (exit code 2), not a defect's stack trace.
            throw new Wangge.Hosting.StartupException(
                $"Refusing to serve: these accounts still have the published demo password: {string.Join(", ", weak)}. " +
                "Change them with `wangge users passwd`, or run `wangge demo` for a demonstration.");
    }

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(null!, "no such user"));
}
