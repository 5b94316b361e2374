using Wangge.Core.People;

namespace Wangge.Core.Common;

/// <summary>
/// Who is reading or writing, and from which node of the grid tree. The system caller (CLI, jobs, the demo
/// generator) sees everything; every other caller sees only its node's subtree.
/// </summary>
public sealed record Caller(string Actor, Guid? UserId, Role? Role, ScopePath Scope, Guid? DepartmentId, string? Address, bool IsSystem)
{
    public static Caller System(string actor = "system") => new(actor, null, null, ScopePath.None, null, null, true);

    public static Caller ForUser(User user, string? address) =>
        new(user.UserName, user.Id, user.Role, user.Scope, user.DepartmentId, address, false);

    /// <summary>
    /// The system itself, and an administrator placed on no node (the first admin of a new installation,
    /// made before any grid exists), see the whole tree.
    /// </summary>
    public bool SeesAll => IsSystem || (Role == People.Role.SystemAdmin && Scope.IsNone);

    public bool Covers(string scopePathValue) =>
        SeesAll || Scope.Covers(ScopePath.Parse(scopePathValue));
}

/// <summary>Gives the data layer the caller of the current unit of work.</summary>
public interface ICallerAccessor
{
    Caller Current { get; }
}
