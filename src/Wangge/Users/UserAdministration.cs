using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Core.People;
using Wangge.Auth;
using Wangge.Data;

namespace Wangge.Users;

/// <summary>
/// Creating accounts, setting passwords, moving, disabling and deleting them; used by `wangge users`, the users
/// API and the demo generator. Whatever changes what an account may do ends its sessions and tokens here,
/// in the same audited save.
/// </summary>
public sealed class UserAdministration(WanggeDbContext db, IPasswordHasher<User> hasher, SessionStates sessions)
{
    public const int MinimumPasswordLength = 10;

    public async Task<User> AddAsync(string userName, string displayName, Role role, string? gridCode, string? departmentCode, string password, CancellationToken ct)
    {
        CheckPassword(password);
        if (await db.Users.AnyAsync(u => u.UserName == userName.Trim().ToLowerInvariant(), ct))
            throw RuleViolation.Conflict("username", "username_taken", $"The user name '{userName}' is taken.");
        var (scope, departmentId) = await PlaceAsync(gridCode, departmentCode, ct);
        var user = new User(Guid.CreateVersion7(), userName, displayName, role, scope, departmentId);
        user.SetPasswordHash(hasher.HashPassword(user, password));
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>A new password ends every session and token of the account.</summary>
    public async Task SetPasswordAsync(string userName, string password, CancellationToken ct)
    {
        CheckPassword(password);
        var user = Managed(await FindAsync(userName, ct));
        user.SetPasswordHash(hasher.HashPassword(user, password));
        await SaveEndingSessionsAsync(user, ct);
    }

    /// <summary>A new role or place ends every session and token, which carried the old ones.</summary>
    public async Task ReassignAsync(string userName, Role role, string? gridCode, string? departmentCode, CancellationToken ct)
    {
        var user = Managed(await FindAsync(userName, ct));
        var (scope, departmentId) = await PlaceAsync(gridCode, departmentCode, ct);
        user.Reassign(role, scope, departmentId);
        Managed(user);
        await SaveEndingSessionsAsync(user, ct);
    }

    public Task<User> DisableAsync(string userName, CancellationToken ct) => ChangeAsync(userName, Disable, ct);

    public Task<User> DisableAsync(Guid id, CancellationToken ct) => ChangeAsync(id, Disable, ct);

    public Task<User> EnableAsync(Guid id, CancellationToken ct) => ChangeAsync(id, u => u.Enable(), ct);

    public Task<User> EnableAsync(string userName, CancellationToken ct) => ChangeAsync(userName, u => u.Enable(), ct);

    /// <summary>Ends every session and token of the account, e.g. when a device is lost; the user may sign in again.</summary>
    public Task<User> EndSessionsAsync(Guid id, CancellationToken ct) => ChangeAsync(id, u => u.EndAllSessions(), ct);

    public Task<User> EndSessionsAsync(string userName, CancellationToken ct) => ChangeAsync(userName, u => u.EndAllSessions(), ct);

    /// <summary>Deletes the account with its sessions and tokens; staff records that named it keep the person, not the account.</summary>
    public async Task DeleteAsync(string userName, CancellationToken ct)
    {
        var user = Managed(await FindAsync(userName, ct));
        await SessionStates.RemoveSessionsAndTokensAsync(db, user.Id, ct);
        db.Users.Remove(user);
        await db.SaveChangesAsync(ct);
        sessions.Forget(user.Id);
    }

    /// <summary>Nobody disables their own account: the last administrator could shut everyone out.</summary>
    private void Disable(User user)
    {
        if (user.Id == db.Caller.UserId)
            throw RuleViolation.Invalid("id", "user_disable_self", "You cannot disable your own account.");
        user.Disable();
    }

    private async Task<User> ChangeAsync(string userName, Action<User> change, CancellationToken ct) =>
        await ChangeAsync(Managed(await FindAsync(userName, ct)), change, ct);

    private async Task<User> ChangeAsync(Guid id, Action<User> change, CancellationToken ct) =>
        await ChangeAsync(Managed(await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw RuleViolation.NotFound("The user")), change, ct);

    private async Task<User> ChangeAsync(User user, Action<User> change, CancellationToken ct)
    {
        change(user);
        await SaveEndingSessionsAsync(user, ct);
        return user;
    }

    private async Task SaveEndingSessionsAsync(User user, CancellationToken ct)
    {
        if (db.Entry(user).Property(u => u.SecurityStamp).IsModified)
            await SessionStates.RemoveSessionsAndTokensAsync(db, user.Id, ct);
        await db.SaveChangesAsync(ct);
        sessions.Forget(user.Id);
    }

    /// <summary>
    /// A person may manage accounts placed inside their own area, an administrator's only when they are one
    /// themselves, and accounts on no node (liaisons, the first administrator) only when they see the whole
    /// tree. The system caller (the CLI) manages every account.
    /// </summary>
    private User Managed(User user)
    {
        var caller = db.Caller;
        if (caller.IsSystem) return user;
        var inArea = user.Scope.IsNone ? caller.SeesAll : caller.Covers(user.ScopePathValue);
        if (!inArea || (user.Role == Role.SystemAdmin && caller.Role != Role.SystemAdmin))
            throw RuleViolation.Forbidden("This account is outside the accounts you may manage.");
        return user;
    }

    private async Task<User> FindAsync(string userName, CancellationToken ct) =>
        await db.Users.SingleOrDefaultAsync(u => u.UserName == userName.Trim().ToLowerInvariant(), ct)
        ?? throw RuleViolation.NotFound($"User {userName}");

    private async Task<(ScopePath Scope, Guid? DepartmentId)> PlaceAsync(string? gridCode, string? departmentCode, CancellationToken ct)
    {
        var scope = ScopePath.None;
        Guid? departmentId = null;
        if (gridCode is not null)
        {
            var code = GridCode.Parse(gridCode, "grid");
            var grid = await db.Grids.FirstOrDefaultAsync(g => g.Code == code.Value && g.ValidTo == null, ct)
                       ?? throw RuleViolation.Invalid("grid", "grid_unknown", $"There is no grid {code}.");
            scope = grid.Scope;
        }
        if (departmentCode is not null)
            departmentId = (await db.Departments.FirstOrDefaultAsync(d => d.Code == departmentCode, ct)
                            ?? throw RuleViolation.Invalid("department", "department_unknown", $"There is no department {departmentCode}.")).Id;
        return (scope, departmentId);
    }

    private static void CheckPassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumPasswordLength)
            throw RuleViolation.Invalid("password", "password_too_short", $"A password has at least {MinimumPasswordLength} characters.");
    }
}
