namespace Wangge.Core.Common;

/// <summary>What kind of refusal a rule violation is; the web edge maps each to one HTTP status.</summary>
public enum ViolationKind
{
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
    /// <summary>A write that must name the version it was made from named none.</summary>
    VersionRequired,
}

/// <summary>
/// The one family of errors the domain raises. <see cref="Field"/> names the input that was wrong so that
/// a form or an API client can point at it; <see cref="Code"/> is stable for tests and translations.
/// </summary>
/// <param name="cause">What made the input unusable, when another layer found it (a border file the readers refused).</param>
public sealed class RuleViolation(string code, string message, string? field = null, ViolationKind kind = ViolationKind.Invalid, Exception? cause = null)
    : Exception(message, cause)
{
    public string Code { get; } = code;
    public string? Field { get; } = field;
    public ViolationKind Kind { get; } = kind;
    /// <summary>On a refusal of a stale write (see <see cref="VersionRules"/>): the version the record is at now.</summary>
    public int? CurrentVersion { get; init; }
    /// <summary>The values <see cref="Exception.Message"/> names (the check character it should be, say), for a page to say them in its own words.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public static RuleViolation Invalid(string field, string code, string message) => new(code, message, field);
    public static RuleViolation NotFound(string what) => new("not_found", $"{what} was not found.", null, ViolationKind.NotFound);
    public static RuleViolation Forbidden(string message) => new("forbidden", message, null, ViolationKind.Forbidden);
    public static RuleViolation Conflict(string field, string code, string message) => new(code, message, field, ViolationKind.Conflict);
    public static RuleViolation VersionRequired(string field, string message) => new("version_required", message, field, ViolationKind.VersionRequired);

    /// <summary>Someone else saved first; <paramref name="current"/> is null when the record is gone or has no version.</summary>
    public static RuleViolation Stale(string field, int? current, string message) =>
        new("version_stale", message, field, ViolationKind.Conflict) { CurrentVersion = current };
}
