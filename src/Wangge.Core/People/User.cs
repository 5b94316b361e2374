using Wangge.Core.Common;

namespace Wangge.Core.People;

/// <summary>
/// An account. Its place is a grid node (any level) or a department; everything it reads or writes is
/// limited to that node's subtree.
/// </summary>
public sealed class User
{
    public const int MaxUserNameLength = 64;
    public const int MaxDisplayNameLength = 100;
    /// <summary>Failed logins in a row that lock an account.</summary>
    public const int LockoutThreshold = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private User() { }

    public User(Guid id, string userName, string displayName, Role role, ScopePath scope, Guid? departmentId)
    {
        var name = userName?.Trim() ?? "";
        if (name.Length is 0 or > MaxUserNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            throw RuleViolation.Invalid("username", "username_invalid", $"A user name is 1–{MaxUserNameLength} letters, digits, '.', '-' or '_'.");
        if (role == Role.DepartmentLiaison ? departmentId is null : scope.IsNone && role != Role.SystemAdmin)
            throw RuleViolation.Invalid(role == Role.DepartmentLiaison ? "department" : "grid", "user_place_required",
                "A liaison needs a department; every other role but the administrator needs a grid node.");
        if (displayName?.Trim().Length > MaxDisplayNameLength)
            throw RuleViolation.Invalid("name", "display_name_too_long", $"A display name has at most {MaxDisplayNameLength} characters.");
        Id = id;
        UserName = name.ToLowerInvariant();
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim();
        Role = role;
        ScopePathValue = scope.Value;
        DepartmentId = departmentId;
    }

    public Guid Id { get; private set; }
    public string UserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public Role Role { get; private set; }
    public string ScopePathValue { get; private set; } = "";
    public Guid? DepartmentId { get; private set; }
    public string PasswordHash { get; private set; } = "";
    public int FailedLogins { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }

    public ScopePath Scope => ScopePath.Parse(ScopePathValue);

    public void SetPasswordHash(string hash) => PasswordHash = hash;

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;

    public void RecordFailedLogin(DateTimeOffset now)
    {
        FailedLogins++;
        if (FailedLogins >= LockoutThreshold)
        {
            LockedUntil = now + LockoutDuration;
            FailedLogins = 0;
        }
    }

    public void RecordSuccessfulLogin()
    {
        FailedLogins = 0;
        LockedUntil = null;
    }
}
