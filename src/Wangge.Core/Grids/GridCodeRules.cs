using Wangge.Core.Common;

namespace Wangge.Core.Grids;

/// <summary>How a jurisdiction numbers its grids.</summary>
public enum GridCodeScheme
{
    /// <summary>
    /// The urban unit-grid convention: county (6 digits) + town/street (3) + village/community (3) +
    /// sequence (2). Zones, which have no administrative code, extend the county code with letters or digits.
    /// </summary>
    Administrative,
    /// <summary>The jurisdiction's own codes: only the alphabet and length of <see cref="GridCode"/> are fixed.</summary>
    Free,
}

/// <summary>Checks a grid's code against its level and its parent's code.</summary>
public static class GridCodeRules
{
    public const int CountyDigits = 6;
    public const int StreetDigits = 9;
    public const int VillageDigits = 12;
    public const int GridDigits = 14;

    /// <param name="administrativeAncestor">The code of the nearest ancestor that is not a zone (zones carry no administrative code).</param>
    public static void Check(GridCode code, GridLevelKind level, string? administrativeAncestor, GridCodeScheme scheme)
    {
        if (scheme == GridCodeScheme.Free) return;
        var value = code.Value;
        var (digits, what) = level switch
        {
            GridLevelKind.District => (CountyDigits, "a county code of 6 digits"),
            GridLevelKind.Street => (StreetDigits, "9 digits: county + town/street"),
            GridLevelKind.Grid => (GridDigits, "14 digits: county + town/street + village/community + sequence"),
            _ => (0, ""),
        };
        if (digits > 0 && (value.Length != digits || !value.All(char.IsAsciiDigit)))
            throw RuleViolation.Invalid("code", "grid_code_scheme", $"The code of a {level} is {what}; '{value}' is not.");
        if (administrativeAncestor is not null && !value.StartsWith(administrativeAncestor, StringComparison.Ordinal))
            throw RuleViolation.Invalid("code", "grid_code_parent", $"'{value}' does not start with its parent's code {administrativeAncestor}.");
        if (level == GridLevelKind.Zone && value.Length <= CountyDigits)
            throw RuleViolation.Invalid("code", "grid_code_scheme", $"A zone's code extends its county's code; '{value}' does not.");
    }
}
