namespace Wangge.Core.Common;

/// <summary>
/// A node's place in the grid tree as a materialised path of grid codes, e.g. <c>/440111/Z2/440111007/</c>.
/// Every scoped record carries the path of the grid it belongs to, so "is this under my node?" is a prefix
/// test that the database can answer with an index, without walking the tree.
/// </summary>
public readonly record struct ScopePath
{
    private ScopePath(string value) => Value = value;

    public string Value { get; }

    /// <summary>The empty path: sees nothing. Department liaisons have no grid node.</summary>
    public static ScopePath None { get; } = new("");

    public static ScopePath Root(string code) => new($"/{Validate(code)}/");

    public ScopePath Child(string code) => new($"{Value}{Validate(code)}/");

    public bool IsNone => string.IsNullOrEmpty(Value);

    /// <summary>True when <paramref name="other"/> is this node or lies below it.</summary>
    public bool Covers(ScopePath other) => !IsNone && other.Value.StartsWith(Value, StringComparison.Ordinal);

    public IReadOnlyList<string> Codes => Value.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public int Depth => Codes.Count;

    public static ScopePath Parse(string value)
    {
        if (string.IsNullOrEmpty(value)) return None;
        // "/" alone would name no node yet cover every path, so a path needs at least one code.
        if (value.Length < 3 || !value.StartsWith('/') || !value.EndsWith('/') || value.Contains("//", StringComparison.Ordinal))
            throw RuleViolation.Invalid("path", "scope_path_invalid", $"'{value}' is not a scope path like /440111/Z1/.");
        foreach (var code in value.Split('/', StringSplitOptions.RemoveEmptyEntries)) Validate(code);
        return new ScopePath(value);
    }

    private static string Validate(string code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Contains('/'))
            throw RuleViolation.Invalid("code", "scope_code_invalid", $"'{code}' cannot be part of a scope path.");
        return code;
    }

    public override string ToString() => Value;
}
