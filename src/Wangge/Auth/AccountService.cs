using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wangge.Core.People;
using Wangge.Data;
using Wangge.Hosting;

namespace Wangge.Auth;

/// <summary>Password sign-in, lockout and bearer tokens.</summary>
public sealed class AccountService(WanggeDbContext db, IPasswordHasher<User> hasher, TimeProvider clock, IOptions<WanggeOptions> options)
{
    public const string LoginRateLimit = "login";
    /// <summary>The published password of every demo account.</summary>
    public const string DemoPassword = "Wangge-demo-2026";

    /// <summary>
    /// Returns the user when the password is right and the account is not locked. Every failure looks the
    /// same to the caller, so the answer never tells whether a user name exists.
    /// </summary>
    public async Task<User?> SignInAsync(string? userName, string? password, CancellationToken ct)
    {
        var name = userName?.Trim().ToLowerInvariant() ?? "";
        var user = name.Length == 0 ? null : await db.Users.SingleOrDefaultAsync(u => u.UserName == name, ct);
        if (user is null)
        {
            // Spend the same work as a real check so timing does not reveal unknown names.
            hasher.VerifyHashedPassword(null!, DummyHash.Value, password ?? "");
            return null;
        }
        var now = clock.GetUtcNow();
        if (user.IsLockedOut(now)) return null;
        var result = string.IsNullOrEmpty(password)
            ? PasswordVerificationResult.Failed
            : hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            user.RecordFailedLogin(now);
            await db.SaveChangesAsync(ct);
            return null;
        }
        if (user.FailedLogins > 0 || user.LockedUntil is not null)
        {
            user.RecordSuccessfulLogin();
            await db.SaveChangesAsync(ct);
        }
        return user;
    }

    public async Task<(string Token, int ExpiresIn)> IssueTokenAsync(User user, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var lifetime = TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes);
        db.ApiTokens.Add(new ApiToken(Guid.CreateVersion7(), user.Id, HashToken(token), clock.GetUtcNow() + lifetime));
        await db.SaveChangesAsync(ct);
        return (token, (int)lifetime.TotalSeconds);
    }

    public async Task<User?> FindByTokenAsync(string token, CancellationToken ct)
    {
        var hash = HashToken(token);
        var now = clock.GetUtcNow();
        var userId = await db.ApiTokens.Where(t => t.TokenHash == hash && t.ExpiresAt > now).Select(t => (Guid?)t.UserId).SingleOrDefaultAsync(ct);
        return userId is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
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
            throw new InvalidOperationException(
                $"Refusing to serve: these accounts still have the published demo password: {string.Join(", ", weak)}. " +
                "Change them with `wangge users passwd`, or run `wangge demo` for a demonstration.");
    }

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(null!, "no such user"));
}
