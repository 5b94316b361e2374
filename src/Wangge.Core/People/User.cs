using System.Security.Cryptography;
using Wangge.Core.Common;

namespace Wangge.Core.People;

/// <summary>
/// An account. Its place is a grid node (any level) or a department; everything it reads or writes is
/// limited to that node's subtree.
/// </summary>
/// <remarks>
/// Every session and token is bound to the account's <see cref="SecurityStamp"/>. Whatever changes what the
/// account may do or proves who holds it — a new password, disabling, a new role or place, "end all
/// sessions" — draws a new stamp, so a session started before it no longer matches and is refused. Deleting
/// the account ends its sessions too (there is no stamp left to match).
/// </remarks>
public sealed class User : IVersioned
{
    public const int MaxUserNameLength = 64;
    public const int MaxDisplayNameLength = 100;
    public const int SecurityStampLength = 32;

    private User() { }

    public User(Guid id, string userName, string displayName, Role role, ScopePath scope, Guid? departmentId)
    {
        var name = userName?.Trim() ?? "";
        if (name.Length is 0 or > MaxUserNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            throw RuleViolation.Invalid("username", "username_invalid", $"A user name is 1–{MaxUserNameLength} letters, digits, '.', '-' or '_'.");
        if (displayName?.Trim().Length > MaxDisplayNameLength)
            throw RuleViolation.Invalid("name", "display_name_too_long", $"A display name has at most {MaxDisplayNameLength} characters.");
        Id = id;
        UserName = name.ToLowerInvariant();
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim();
        Place(role, scope, departmentId);
        SecurityStamp = NewStamp();
        Version = 1;
    }

    public Guid Id { get; private set; }
    public string UserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public Role Role { get; private set; }
    public string ScopePathValue { get; private set; } = "";
    public Guid? DepartmentId { get; private set; }
    public string PasswordHash { get; private set; } = "";
    /// <summary>Random; replaced whenever the account's existing sessions must stop working.</summary>
    public string SecurityStamp { get; private set; } = "";
    /// <summary>A disabled account cannot sign in and none of its sessions or tokens is accepted.</summary>
    public bool IsDisabled { get; private set; }
    /// <summary>
    /// Set when an administrator handed the account a temporary password (a new account, a reset): the holder must
    /// choose their own before doing anything else, since someone else has seen this one.
    /// </summary>
    public bool MustChangePassword { get; private set; }
    /// <summary>Advanced by every saved change; an edit of the account names the version it was made from.</summary>
    public int Version { get; private set; }

    public ScopePath Scope => ScopePath.Parse(ScopePathValue);

    /// <summary>A new password ends every session started with the old one.</summary>
    public void SetPasswordHash(string hash)
    {
        PasswordHash = hash;
        MustChangePassword = false;
        EndAllSessions();
    }

    /// <summary>A password someone else chose and saw: it works once, to sign in and replace it.</summary>
    public void SetTemporaryPasswordHash(string hash)
    {
        SetPasswordHash(hash);
        MustChangePassword = true;
    }

    /// <summary>The name people see; sessions carry it, but it grants nothing, so they go on.</summary>
    public void Rename(string displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName)) return;
        if (displayName.Trim().Length > MaxDisplayNameLength)
            throw RuleViolation.Invalid("name", "display_name_too_long", $"A display name has at most {MaxDisplayNameLength} characters.");
        DisplayName = displayName.Trim();
    }

    /// <summary>Sessions carry the role and place they started with, so a new role or place ends them.</summary>
    public void Reassign(Role role, ScopePath scope, Guid? departmentId)
    {
        if (role == Role && scope.Value == ScopePathValue && departmentId == DepartmentId) return;
        Place(role, scope, departmentId);
        EndAllSessions();
    }

    public void Disable()
    {
        IsDisabled = true;
        EndAllSessions();
    }

    /// <summary>Enabling starts no session: the user signs in afresh.</summary>
    public void Enable() => IsDisabled = false;

    public void EndAllSessions() => SecurityStamp = NewStamp();

    /// <summary>Whether a session that started with <paramref name="stamp"/> may still act for this account.</summary>
    public bool AcceptsSession(string? stamp) =>
        !IsDisabled && stamp is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(stamp), System.Text.Encoding.ASCII.GetBytes(SecurityStamp));

    private void Place(Role role, ScopePath scope, Guid? departmentId)
    {
        if (role == Role.DepartmentLiaison ? departmentId is null : scope.IsNone && role != Role.SystemAdmin)
            throw RuleViolation.Invalid(role == Role.DepartmentLiaison ? "department" : "grid", "user_place_required",
                "A liaison needs a department; every other role but the administrator needs a grid node.");
        Role = role;
        ScopePathValue = scope.Value;
        DepartmentId = departmentId;
    }

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecurityStampLength / 2));
}
