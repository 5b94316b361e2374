using Wangge.Core.Common;

namespace Wangge.Core.People;

/// <summary>
/// Delegated user administration: the system administrator manages every account; a bureau leader and a station chief
/// manage the accounts placed inside their own node, and never give an account a place outside that node or a role above
/// their own, so delegation cannot widen what anybody may do. An account on no node (a liaison, the first administrator)
/// is managed only by someone who sees the whole tree. The system caller (the CLI, the demo generator) manages everything.
/// </summary>
public static class AccountRules
{
    /// <summary>The roles that administer accounts (the station's chief makes his inspectors' accounts himself).</summary>
    public static readonly IReadOnlyList<Role> Administrators = [Role.SystemAdmin, Role.BureauLeader, Role.StationChief];

    public static bool MayAdminister(Caller caller) => caller.IsSystem || caller.Role is { } r && Administrators.Contains(r);

    /// <summary>Lower is more: an account may be given a role of the same rank as its administrator's, never a higher one.</summary>
    public static int Rank(Role role) => role switch
    {
        Role.SystemAdmin => 0,
        Role.BureauLeader => 1,
        Role.StationChief => 2,
        Role.GridLeader => 3,
        Role.Inspector => 4,
        _ => 5,
    };

    /// <summary>Refuses, naming the id, a caller who may not manage <paramref name="user"/> as it stands.</summary>
    public static void CheckManages(Caller caller, User user)
    {
        if (caller.IsSystem) return;
        if (!MayAdminister(caller) || !Covers(caller, user.Scope) || Rank(user.Role) < Rank(caller.Role!.Value))
            throw new RuleViolation("user_outside", "This account is outside the accounts you may manage.", "id", ViolationKind.Forbidden);
    }

    /// <summary>Refuses giving an account a role above the caller's (naming "role") or a place outside the caller's node (naming "grid").</summary>
    public static void CheckGrants(Caller caller, Role role, ScopePath scope)
    {
        if (caller.IsSystem) return;
        if (!MayAdminister(caller))
            throw new RuleViolation("user_outside", "You do not administer accounts.", "id", ViolationKind.Forbidden);
        if (Rank(role) < Rank(caller.Role!.Value))
            throw new RuleViolation("role_too_high", $"You cannot give an account a role above your own ({caller.Role}).", "role", ViolationKind.Forbidden);
        if (!Covers(caller, scope))
            throw new RuleViolation("place_outside", "You can place accounts only inside your own part of the grid.",
                role == Role.DepartmentLiaison ? "department" : "grid", ViolationKind.Forbidden);
    }

    private static bool Covers(Caller caller, ScopePath scope) => scope.IsNone ? caller.SeesAll : caller.Covers(scope.Value);
}
