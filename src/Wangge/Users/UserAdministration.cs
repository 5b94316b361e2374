using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Core.People;
using Wangge.Data;

namespace Wangge.Users;

/// <summary>Creating accounts and setting passwords; used by `wangge users` and the demo generator.</summary>
public sealed class UserAdministration(WanggeDbContext db, IPasswordHasher<User> hasher)
{
    public const int MinimumPasswordLength = 10;

    public async Task<User> AddAsync(string userName, string displayName, Role role, string? gridCode, string? departmentCode, string password, CancellationToken ct)
    {
        CheckPassword(password);
        if (await db.Users.AnyAsync(u => u.UserName == userName.Trim().ToLowerInvariant(), ct))
            throw RuleViolation.Conflict("username", "username_taken", $"The user name '{userName}' is taken.");
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
        var user = new User(Guid.CreateVersion7(), userName, displayName, role, scope, departmentId);
        user.SetPasswordHash(hasher.HashPassword(user, password));
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    public async Task SetPasswordAsync(string userName, string password, CancellationToken ct)
    {
        CheckPassword(password);
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName.Trim().ToLowerInvariant(), ct)
                   ?? throw RuleViolation.NotFound($"User {userName}");
        user.SetPasswordHash(hasher.HashPassword(user, password));
        user.RecordSuccessfulLogin();
        await db.SaveChangesAsync(ct);
    }

    private static void CheckPassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumPasswordLength)
            throw RuleViolation.Invalid("password", "password_too_short", $"A password has at least {MinimumPasswordLength} characters.");
    }
}
