using System.Text.RegularExpressions;
using Wangge.Core.Common;

namespace Wangge.Core.Grids;

/// <summary>
/// A grid's code. The urban unit-grid convention is county (6 digits) + town/street (3) + village (3) +
/// sequence (2); a jurisdiction may use its own scheme, so the type only fixes the alphabet and length.
/// </summary>
public readonly partial record struct GridCode
{
    public const int MaxLength = 24;
    private GridCode(string value) => Value = value;

    public string Value { get; }

    public static GridCode Parse(string? text, string field = "code") =>
        TryParse(text, out var code)
            ? code
            : throw RuleViolation.Invalid(field, "grid_code_invalid",
                $"'{text}' is not a grid code: 2–{MaxLength} letters A–Z or digits.");

    public static bool TryParse(string? text, out GridCode code)
    {
        var normal = text?.Trim().ToUpperInvariant() ?? "";
        code = Pattern().IsMatch(normal) ? new GridCode(normal) : default;
        return code.Value is not null;
    }

    [GeneratedRegex("^[0-9A-Z]{2,24}$")]
    private static partial Regex Pattern();

    public override string ToString() => Value;
}
