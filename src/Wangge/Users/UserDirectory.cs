using Microsoft.EntityFrameworkCore;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Core.People;
using Wangge.Data;

namespace Wangge.Users;

/// <summary>
/// The accounts a caller administers (see <see cref="AccountRules"/>): those placed inside the caller's node, and, for
/// whoever sees the whole tree, those on no node. The users page and the users API read them here.
/// </summary>
public sealed class UserDirectory(WanggeDbContext db)
{
    /// <summary>A list longer than this is cut; the filters narrow it.</summary>
    public const int MaxListed = 1000;

    public async Task<IReadOnlyList<UserView>> ListAsync(UserFilter filter, CancellationToken ct)
    {
        var caller = db.Caller;
        if (!AccountRules.MayAdminister(caller)) throw RuleViolation.Forbidden("You do not administer accounts.");
        var users = db.Users.AsNoTracking();
        if (!caller.SeesAll)
        {
            var prefix = caller.Scope.Value;
            users = users.Where(u => u.ScopePathValue != "" && u.ScopePathValue.StartsWith(prefix));
        }
        if (filter.Role is { } role) users = users.Where(u => u.Role == role);
        if (filter.Disabled is { } disabled) users = users.Where(u => u.IsDisabled == disabled);
        if (!string.IsNullOrWhiteSpace(filter.Grid))
        {
            var code = GridCode.Parse(filter.Grid, "grid").Value;
            var segment = $"/{code}/";
            users = users.Where(u => u.ScopePathValue.Contains(segment));
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToLowerInvariant();
            users = users.Where(u => u.UserName.Contains(text) || u.DisplayName.Contains(filter.Text.Trim()));
        }
        var found = await users.OrderBy(u => u.ScopePathValue).ThenBy(u => u.Role).ThenBy(u => u.UserName).Take(MaxListed).ToListAsync(ct);
        return await ViewsAsync(found, ct);
    }

    public async Task<UserView> GetAsync(Guid id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw RuleViolation.NotFound("The user");
        AccountRules.CheckManages(db.Caller, user);
        return (await ViewsAsync([user], ct))[0];
    }

    /// <summary>The grid nodes the caller may place an account on (their own subtree), and the departments if they see the whole tree.</summary>
    public async Task<AccountPlaces> PlacesAsync(CancellationToken ct)
    {
        var grids = await db.Grids.AsNoTracking().Where(g => g.ValidTo == null).OrderBy(g => g.ScopePathValue)
            .Select(g => new PlaceOption(g.Code, g.Name, g.Level.ToString(), g.ScopePathValue)).ToListAsync(ct);
        var departments = db.Caller.SeesAll
            ? await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new PlaceOption(d.Code, d.Name, "Department", "")).ToListAsync(ct)
            : [];
        var caller = db.Caller;
        var roles = Enum.GetValues<Role>().Where(r => caller.IsSystem || AccountRules.Rank(r) >= AccountRules.Rank(caller.Role ?? Role.Coordinator))
            .Where(r => r != Role.DepartmentLiaison || departments.Count > 0).ToList();
        return new AccountPlaces(grids, departments, roles);
    }

    public async Task<IReadOnlyList<UserView>> ViewsAsync(IReadOnlyList<User> users, CancellationToken ct)
    {
        var codes = users.Select(u => u.Scope.Codes.LastOrDefault()).OfType<string>().Distinct().ToList();
        var grids = codes.Count == 0 ? [] : await db.Grids.AsNoTracking().Where(g => codes.Contains(g.Code) && g.ValidTo == null)
            .Select(g => new { g.Code, g.Name }).ToDictionaryAsync(g => g.Code, g => g.Name, ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => (d.Code, d.Name), ct);
        return users.Select(u =>
        {
            var grid = u.Scope.Codes.LastOrDefault();
            var department = u.DepartmentId is { } d && departments.TryGetValue(d, out var dep) ? dep : default;
            var placeName = grid is not null ? grids.GetValueOrDefault(grid, grid) : department.Name ?? "";
            return new UserView(u.Id, u.UserName, u.DisplayName, u.Role.ToString(),
                u.ScopePathValue.Length > 0 ? u.ScopePathValue : u.DepartmentId?.ToString() ?? "", u.IsDisabled,
                grid, department.Code, placeName, u.Version);
        }).ToList();
    }
}

/// <summary>What the users list is narrowed to; each absent filter lets everything through.</summary>
public sealed record UserFilter(Role? Role = null, string? Grid = null, bool? Disabled = null, string? Text = null);

public sealed record PlaceOption(string Code, string Name, string Level, string Path);

/// <summary>What the caller may give an account: places and roles.</summary>
public sealed record AccountPlaces(IReadOnlyList<PlaceOption> Grids, IReadOnlyList<PlaceOption> Departments, IReadOnlyList<Role> Roles);

/// <summary>An account as the users page and API show it: never its password hash or security stamp.</summary>
public sealed record UserView(Guid Id, string UserName, string DisplayName, string Role, string Place, bool Disabled,
    string? Grid, string? Department, string PlaceName, int Version) : IVersioned
{
    public static UserView Of(User u) => new(u.Id, u.UserName, u.DisplayName, u.Role.ToString(),
        u.ScopePathValue.Length > 0 ? u.ScopePathValue : u.DepartmentId?.ToString() ?? "", u.IsDisabled,
        u.Scope.Codes.LastOrDefault(), null, "", u.Version);
}
