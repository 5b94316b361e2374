using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Wangge.Core.People;

namespace Wangge.Auth;

/// <summary>
/// Each <see cref="Permission"/> as an authorization policy of the same name, for endpoint groups
/// (<c>RequireAuthorization(Policies.EditGrids)</c>), page attributes and <c>AuthorizeView Policy</c> in the menu.
/// The roles behind them come from <see cref="RolePermissions"/> only.
/// </summary>
public static class Policies
{
    public const string BrowseLedger = nameof(Permission.BrowseLedger);
    public const string RecordLedger = nameof(Permission.RecordLedger);
    public const string ManageLedger = nameof(Permission.ManageLedger);
    public const string EditGrids = nameof(Permission.EditGrids);
    public const string ViewStaffing = nameof(Permission.ViewStaffing);
    public const string AdministerUsers = nameof(Permission.AdministerUsers);
    public const string ReadAudit = nameof(Permission.ReadAudit);
    public const string ReadApiDocs = nameof(Permission.ReadApiDocs);

    public static void Add(AuthorizationOptions options)
    {
        foreach (var permission in Enum.GetValues<Permission>())
            options.AddPolicy(permission.ToString(), p => p.RequireRole(RolePermissions.RolesWith(permission).Select(r => r.ToString())));
    }

    /// <summary>Whether the signed-in user's role has the permission (for a page that shows or hides a control).</summary>
    public static bool Can(this ClaimsPrincipal user, Permission permission) =>
        RolePermissions.RolesWith(permission).Any(r => user.IsInRole(r.ToString()));
}
