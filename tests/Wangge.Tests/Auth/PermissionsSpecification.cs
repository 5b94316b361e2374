using System.Text.RegularExpressions;
using Wangge.Auth;
using Wangge.Core.People;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Auth;

/// <summary>
/// Who may do what is one table (<see cref="RolePermissions"/>), read as named policies by API groups, pages and the
/// menu; no role list is written anywhere else.
/// </summary>
public sealed partial class PermissionsSpecification
{
    [Theory]
    [InlineData(Role.StationChief, Permission.EditGrids, true)]
    [InlineData(Role.GridLeader, Permission.EditGrids, false)]
    [InlineData(Role.GridLeader, Permission.ViewStaffing, true)]
    [InlineData(Role.Inspector, Permission.RecordLedger, true)]
    [InlineData(Role.Inspector, Permission.ManageLedger, false)]
    [InlineData(Role.Coordinator, Permission.BrowseLedger, true)]
    [InlineData(Role.Coordinator, Permission.RecordLedger, false)]
    [InlineData(Role.DepartmentLiaison, Permission.BrowseLedger, false)]
    [InlineData(Role.StationChief, Permission.AdministerUsers, true)]
    [InlineData(Role.BureauLeader, Permission.ReadApiDocs, false)]
    [InlineData(Role.SystemAdmin, Permission.ReadApiDocs, true)]
    public void Table_SaysWhatEachRoleMayDo(Role role, Permission permission, bool allowed) =>
        Assert.Equal(allowed, RolePermissions.Allows(role, permission));

    [Fact]
    public void EveryPermission_HasAPolicyOfItsName()
    {
        var names = typeof(Policies).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order().ToList();
        Assert.Equal(Enum.GetNames<Permission>().Order(), names);
    }

    [Fact]
    public void NoRoleListIsWrittenOutsideThePolicies()
    {
        var root = Path.Combine(RepoFiles.Root, "src");
        var offences = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => Path.GetFileName(f) != "Policies.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => RoleCheck().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}").ToList();
        Assert.True(offences.Count == 0, "Role checks outside Auth/Policies.cs (use a policy):\n" + string.Join('\n', offences));
    }

    [Fact]
    public void TheRoleCheckDetector_FindsEachWayOfWritingOne()
    {
        Assert.Matches(RoleCheck(), """group.MapPost("/", X).RequireAuthorization(p => p.RequireRole("SystemAdmin"));""");
        Assert.Matches(RoleCheck(), """@attribute [Authorize(Roles = "SystemAdmin")]""");
        Assert.Matches(RoleCheck(), """<AuthorizeView Roles="SystemAdmin">""");
        Assert.Matches(RoleCheck(), """var ok = user.IsInRole("Inspector");""");
        Assert.DoesNotMatch(RoleCheck(), """<AuthorizeView Policy="@Policies.EditGrids">""");
        Assert.DoesNotMatch(RoleCheck(), "private static readonly AssignmentRole[] AssignableRoles = [];");
    }

    [GeneratedRegex("""RequireRole\(|\bRoles\s*=\s*["@A-Za-z]|\.IsInRole\(""")]
    private static partial Regex RoleCheck();
}
