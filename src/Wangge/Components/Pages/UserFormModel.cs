using Wangge.Core.People;

namespace Wangge.Components.Pages;

/// <summary>What the user form edits: a new account (no <see cref="Id"/>) or one read at <see cref="Version"/>.</summary>
public sealed class UserFormModel
{
    public Guid? Id { get; init; }
    public int? Version { get; init; }
    public string? UserName { get; set; }
    public string? Name { get; set; }
    public Role? Role { get; set; }
    public string? Grid { get; set; }
    public string? Department { get; set; }
    /// <summary>Unticked, a temporary password is drawn and shown once.</summary>
    public bool SetPassword { get; set; }
    public string? Password { get; set; }
}
