using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Core.People;
using Wangge.Auth;
using Wangge.Data;
using Wangge.Grids;

namespace Wangge.Users;

/// <summary>
/// Creating accounts, setting passwords, moving, disabling and deleting them; used by `wangge users`, the users
/// API and the demo generator. Whatever changes what an account may do ends its sessions and tokens here,
/// in the same audited save.
/// </summary>
public sealed class UserAdministration(WanggeDbContext db, IPasswordHasher<User> hasher, SessionStates sessions, SignInBackoffs backoffs,
    GridQueries grids)
{
    public const int MinimumPasswordLength = 10;
    /// <summary>Bounds the hashing work one request can ask for; a passphrase fits easily.</summary>
    public const int MaximumPasswordLength = 128;

    /// <summary>A <paramref name="temporary"/> password must be replaced at the account's first sign-in.</summary>
    public async Task<User> AddAsync(string userName, string displayName, Role role, string? gridCode, string? departmentCode, string password, CancellationToken ct,
        bool temporary = false)
    {
        CheckPassword(password);
        var (scope, departmentId) = await PlaceAsync(gridCode, departmentCode, ct);
        AccountRules.CheckGrants(db.Caller, role, scope);
        var user = new User(Guid.CreateVersion7(), userName, displayName, role, scope, departmentId);
        if (await db.Users.AnyAsync(u => u.UserName == user.UserName, ct))
            throw RuleViolation.Conflict("username", "username_taken", $"The user name '{userName}' is taken.");
        if (temporary) user.SetTemporaryPasswordHash(hasher.HashPassword(user, password));
        else user.SetPasswordHash(hasher.HashPassword(user, password));
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
        await PlaceAsync(user, role, gridCode, departmentCode, ct);
        await SaveEndingSessionsAsync(user, ct);
    }

    /// <summary>
    /// Creates an account from the users page or API. Without a password a temporary one is drawn and returned, to be
    /// shown once and handed over; Wangge keeps only its hash.
    /// </summary>
    public async Task<(User User, string? TemporaryPassword)> CreateAsync(AccountInput input, CancellationToken ct)
    {
        var temporary = input.Password is null ? TemporaryPasswords.New() : null;
        var user = await AddAsync(TextRules.Required(input.UserName, "username", User.MaxUserNameLength),
            TextRules.Optional(input.Name, "name", User.MaxDisplayNameLength) ?? "", input.Role ?? throw Required("role"),
            input.Grid, input.Department, input.Password ?? temporary!, ct, temporary is not null);
        return (user, temporary);
    }

    /// <summary>Renames, gives a new role or place (which ends the account's sessions), over the version the editor read.</summary>
    public async Task<User> UpdateAsync(Guid id, int? expectedVersion, AccountInput input, CancellationToken ct)
    {
        var user = await ManagedAsync(id, ct);
        VersionRules.Check(user, expectedVersion, $"Account {user.UserName}");
        user.Rename(TextRules.Optional(input.Name, "name", User.MaxDisplayNameLength) ?? "");
        // Neither a grid nor a department: the account stays where it is.
        if (string.IsNullOrEmpty(input.Grid) && string.IsNullOrEmpty(input.Department))
            Place(user, input.Role ?? user.Role, user.Scope, user.DepartmentId);
        else
            await PlaceAsync(user, input.Role ?? user.Role, input.Grid, input.Department, ct);
        await SaveEndingSessionsAsync(user, ct);
        return user;
    }

    /// <summary>
    /// Sets a new password — the one given, or a temporary one returned to show once — over the version the
    /// administrator read; ends every session and token, and forgets the account's failed sign-ins (unlocks it).
    /// </summary>
    public async Task<(User User, string? TemporaryPassword)> ResetPasswordAsync(Guid id, int? expectedVersion, string? password, CancellationToken ct)
    {
        var user = await ManagedAsync(id, ct);
        VersionRules.Check(user, expectedVersion, $"Account {user.UserName}");
        var temporary = password is null ? TemporaryPasswords.New() : null;
        CheckPassword(password ?? temporary!);
        if (temporary is null) user.SetPasswordHash(hasher.HashPassword(user, password!));
        else user.SetTemporaryPasswordHash(hasher.HashPassword(user, temporary));
        await SaveEndingSessionsAsync(user, ct);
        backoffs.Forget(user.UserName);
        return (user, temporary);
    }

    public Task<User> DisableAsync(string userName, CancellationToken ct) => ChangeAsync(userName, Disable, ct);

    public Task<User> DisableAsync(Guid id, CancellationToken ct) => ChangeAsync(id, Disable, ct);

    /// <summary>Unlocks: the account may sign in again, and the waits its failed sign-ins earned are forgotten.</summary>
    public Task<User> EnableAsync(Guid id, CancellationToken ct) => ChangeAsync(id, Enable, ct);

    public Task<User> EnableAsync(string userName, CancellationToken ct) => ChangeAsync(userName, Enable, ct);

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

    private void Enable(User user)
    {
        user.Enable();
        backoffs.Forget(user.UserName);
    }

    private async Task<User> ChangeAsync(string userName, Action<User> change, CancellationToken ct) =>
        await ChangeAsync(Managed(await FindAsync(userName, ct)), change, ct);

    private async Task<User> ChangeAsync(Guid id, Action<User> change, CancellationToken ct) =>
        await ChangeAsync(await ManagedAsync(id, ct), change, ct);

    private async Task<User> ManagedAsync(Guid id, CancellationToken ct) =>
        Managed(await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw RuleViolation.NotFound("The user"));

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

    /// <summary>Who may manage which account is <see cref="AccountRules"/>'s to say.</summary>
    private User Managed(User user)
    {
        AccountRules.CheckManages(db.Caller, user);
        return user;
    }

    /// <summary>The new place must be one the caller may give, and the account in it one the caller may still manage.</summary>
    private async Task PlaceAsync(User user, Role role, string? gridCode, string? departmentCode, CancellationToken ct)
    {
        var (scope, departmentId) = await PlaceAsync(gridCode, departmentCode, ct);
        Place(user, role, scope, departmentId);
    }

    private void Place(User user, Role role, ScopePath scope, Guid? departmentId)
    {
        AccountRules.CheckGrants(db.Caller, role, scope);
        user.Reassign(role, scope, departmentId);
    }

    private static RuleViolation Required(string field) => RuleViolation.Invalid(field, "required", $"'{field}' is required.");

    private async Task<User> FindAsync(string userName, CancellationToken ct) =>
        await db.Users.SingleOrDefaultAsync(u => u.UserName == userName.Trim().ToLowerInvariant(), ct)
        ?? throw RuleViolation.NotFound($"User {userName}");

    private async Task<(ScopePath Scope, Guid? DepartmentId)> PlaceAsync(string? gridCode, string? departmentCode, CancellationToken ct)
    {
        var scope = ScopePath.None;
        Guid? departmentId = null;
        if (!string.IsNullOrEmpty(gridCode))
        {
            var code = GridCode.Parse(gridCode, "grid");
            var grid = await db.Grids.FirstOrDefaultAsync(g => g.Code == code.Value && g.ValidTo == null, ct)
                       ?? throw await OutsideOrUnknownAsync(code, ct);
            scope = grid.Scope;
        }
        if (!string.IsNullOrEmpty(departmentCode))
            departmentId = (await db.Departments.FirstOrDefaultAsync(d => d.Code == departmentCode, ct)
                            ?? throw RuleViolation.Invalid("department", "department_unknown", $"There is no department {departmentCode}.")).Id;
        return (scope, departmentId);
    }

    /// <summary>A grid the caller cannot see: one that exists is a place outside theirs (403), any other no grid at all (400).</summary>
    private async Task<RuleViolation> OutsideOrUnknownAsync(GridCode code, CancellationToken ct)
    {
        try
        {
            await grids.GetForWriteAsync(code.Value, "grid", ct);
        }
        catch (RuleViolation v) when (v.Kind == ViolationKind.Forbidden)
        {
            return new RuleViolation("place_outside", "You can place accounts only inside your own part of the grid.", "grid", ViolationKind.Forbidden);
        }
        catch (RuleViolation v) when (v.Kind == ViolationKind.NotFound)
        {
        }
        return RuleViolation.Invalid("grid", "grid_unknown", $"There is no grid {code}.");
    }

    /// <summary>The rules every password meets, whoever sets it; a refusal names <paramref name="field"/>.</summary>
    public static void CheckPassword(string? password, string field = "password")
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumPasswordLength)
            throw RuleViolation.Invalid(field, "password_too_short", $"A password has at least {MinimumPasswordLength} characters.");
        if (password.Length > MaximumPasswordLength)
            throw RuleViolation.Invalid(field, "password_too_long", $"A password has at most {MaximumPasswordLength} characters.");
    }
}

/// <summary>An account as the users page and API write it; absent fields keep what the account has.</summary>
public sealed record AccountInput(string? UserName, string? Name, Role? Role, string? Grid, string? Department, string? Password = null);
