namespace Wangge.Core.People;

/// <summary>What a role may do. Scope (where) is the caller's place in the grid tree; this is only what.</summary>
public enum Permission
{
    /// <summary>Open the map, the businesses list and the ledger summary (everyone but a department liaison).</summary>
    BrowseLedger,
    /// <summary>Create, change and close businesses and record their supervision events.</summary>
    RecordLedger,
    /// <summary>Override a business's risk class and import a ledger file.</summary>
    ManageLedger,
    /// <summary>Create, redraw, import and plan grids, and assign or end their staff.</summary>
    EditGrids,
    /// <summary>See the staffing problems of the grids in scope.</summary>
    ViewStaffing,
    /// <summary>Create, change, lock and reset accounts inside one's own place.</summary>
    AdministerUsers,
    /// <summary>Read the audit log of one's own place.</summary>
    ReadAudit,
    /// <summary>Open the API documentation.</summary>
    ReadApiDocs,
}

/// <summary>The one table of role → permissions; API groups, pages and the menu all ask it.</summary>
public static class RolePermissions
{
    private static readonly Role[] Managers = [Role.SystemAdmin, Role.BureauLeader, Role.StationChief];

    private static readonly IReadOnlyDictionary<Permission, Role[]> Table = new Dictionary<Permission, Role[]>
    {
        [Permission.BrowseLedger] = [.. Managers, Role.GridLeader, Role.Inspector, Role.Coordinator],
        [Permission.RecordLedger] = [.. Managers, Role.GridLeader, Role.Inspector],
        [Permission.ManageLedger] = Managers,
        [Permission.EditGrids] = Managers,
        [Permission.ViewStaffing] = [.. Managers, Role.GridLeader],
        [Permission.AdministerUsers] = Managers,
        [Permission.ReadAudit] = Managers,
        [Permission.ReadApiDocs] = [Role.SystemAdmin],
    };

    public static IReadOnlyList<Role> RolesWith(Permission permission) => Table[permission];

    public static bool Allows(Role role, Permission permission) => Table[permission].Contains(role);
}
