using Wangge.Core.Common;

namespace Wangge.Core.Grids;

/// <summary>How a jurisdiction numbers its grids.</summary>
public enum GridCodeScheme
{
    /// <summary>
    /// GB/T 2260 and the statistical division codes above the urban unit-grid convention: province and city codes of
    /// 6 digits (440000, 440200), county (6 digits) + town/street (3) + village/community (3) + sequence (2). Zones,
    /// which have no administrative code, extend the county code with letters or digits.
    /// </summary>
    Administrative,
    /// <summary>The jurisdiction's own codes: only the alphabet and length of <see cref="GridCode"/> are fixed.</summary>
    Free,
}

/// <summary>Checks a grid's code against its level and its parent's code.</summary>
public static class GridCodeRules
{
    /// <summary>GB/T 2260: a province is named by the first 2 digits of its 6-digit code (440000 → 44).</summary>
    public const int ProvinceDigits = 2;
    /// <summary>GB/T 2260: a prefecture-level city by the first 4 (440200 → 4402).</summary>
    public const int CityDigits = 4;
    /// <summary>GB/T 2260: a county-level division by all 6 (440203).</summary>
    public const int CountyDigits = 6;
    /// <summary>Statistical division code (GB/T 10114): county + 3 digits for a town or street.</summary>
    public const int StreetDigits = 9;
    /// <summary>Statistical division code: town + 3 digits for a village or residents' community.</summary>
    public const int VillageDigits = 12;
    /// <summary>The urban unit-grid convention: village + a 2-digit sequence.</summary>
    public const int GridDigits = 14;
    /// <summary>GB/T 2260 writes province and city codes with 6 digits, the unused ones zero.</summary>
    public const int DivisionCodeLength = 6;

    /// <summary>
    /// The digits that name a grid of <paramref name="level"/> in its code, which its descendants' codes repeat; null
    /// for a zone, which has no administrative code.
    /// </summary>
    public static int? SignificantDigits(GridLevelKind level) => level switch
    {
        GridLevelKind.Province => ProvinceDigits,
        GridLevelKind.City => CityDigits,
        GridLevelKind.District => CountyDigits,
        GridLevelKind.Street => StreetDigits,
        GridLevelKind.Village => VillageDigits,
        GridLevelKind.Grid => GridDigits,
        _ => null,
    };

    /// <param name="ancestor">The code and level of the nearest ancestor that is not a zone (zones carry no administrative code).</param>
    public static void Check(GridCode code, GridLevelKind level, (string Code, GridLevelKind Level)? ancestor, GridCodeScheme scheme)
    {
        if (scheme == GridCodeScheme.Free) return;
        var value = code.Value;
        var (length, what) = level switch
        {
            GridLevelKind.Province => (DivisionCodeLength, "6 digits ending in 0000 (GB/T 2260), e.g. 440000"),
            GridLevelKind.City => (DivisionCodeLength, "6 digits ending in 00 (GB/T 2260), e.g. 440200"),
            GridLevelKind.District => (CountyDigits, "a county code of 6 digits"),
            GridLevelKind.Street => (StreetDigits, "9 digits: county + town/street"),
            GridLevelKind.Village => (VillageDigits, "12 digits: county + town/street + village/community"),
            GridLevelKind.Grid => (GridDigits, "14 digits: county + town/street + village/community + sequence"),
            _ => (0, ""),
        };
        var significant = SignificantDigits(level) ?? 0;
        if (length > 0 && (value.Length != length || !value.All(char.IsAsciiDigit) || value[Math.Min(significant, length)..].Any(c => c != '0')
                           || (level == GridLevelKind.City && value[ProvinceDigits..CityDigits] == "00")))
            throw RuleViolation.Invalid("code", "grid_code_scheme", $"The code of a {level} is {what}; '{value}' is not.");
        if (ancestor is { } a)
        {
            // A city's 440200 parents its county 440203: what a child repeats is the parent's significant digits, not its whole code.
            var prefix = SignificantDigits(a.Level) is { } digits && a.Code.Length >= digits ? a.Code[..digits] : a.Code;
            if (!value.StartsWith(prefix, StringComparison.Ordinal) || value.Length < prefix.Length || (SignificantDigits(level) is { } own && own <= prefix.Length))
                throw RuleViolation.Invalid("code", "grid_code_parent", prefix == a.Code
                    ? $"'{value}' does not start with its parent's code {prefix}."
                    : $"'{value}' does not start with {prefix}, the significant digits of its parent's code {a.Code}.");
        }
        if (level == GridLevelKind.Zone && value.Length <= CountyDigits)
            throw RuleViolation.Invalid("code", "grid_code_scheme", $"A zone's code extends its county's code; '{value}' does not.");
    }
}
