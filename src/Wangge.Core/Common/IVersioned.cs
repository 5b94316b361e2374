namespace Wangge.Core.Common;

/// <summary>
/// An aggregate written under optimistic concurrency: every saved change advances <see cref="Version"/>, the data
/// layer writes only while the stored version is still the one that was read, and a writer names the version its
/// change was made from (see <see cref="VersionRules"/>), so the second of two writers is refused instead of
/// silently overwriting the first.
/// </summary>
public interface IVersioned
{
    int Version { get; }
}

/// <summary>The rule every write of an <see cref="IVersioned"/> aggregate goes through before it changes anything.</summary>
public static class VersionRules
{
    /// <summary>The input that carries the version a writer read; the web edge names its If-Match header instead when it was sent.</summary>
    public const string Field = "version";

    /// <summary>
    /// Refuses a write that names no version (a writer who does not say what it read could overwrite anything), and one
    /// made from another version than <paramref name="aggregate"/>'s, carrying the current version for the writer to reload.
    /// </summary>
    public static void Check(IVersioned aggregate, int? expected, string what)
    {
        if (expected is not { } number)
            throw RuleViolation.VersionRequired(Field,
                $"Say which version of {what} you change: send the version you read (its ETag in If-Match, or '{Field}').");
        if (number != aggregate.Version) throw Stale(what, number, aggregate.Version);
    }

    /// <summary>The refusal of a write made from <paramref name="read"/> when the record is at <paramref name="current"/> (null: gone).</summary>
    public static RuleViolation Stale(string what, int? read, int? current) =>
        RuleViolation.Stale(Field, current, current is { } c
            ? $"{what} was changed by someone else{(read is { } r ? $": you edited version {r}, it is now at version {c}" : $"; it is now at version {c}")}. Reload it and apply your change again."
            : $"{what} was changed by someone else. Reload it and apply your change again.");
}
