using System.Globalization;
using System.Text.RegularExpressions;

namespace Wangge.Core.Grids;

/// <summary>
/// Names for grids a plan draws, in the words the station already uses: when every current sibling is named
/// "&lt;prefix&gt;&lt;number&gt;&lt;suffix&gt;" with one prefix and suffix (the demo's "龙归第3网格"), new grids are too; otherwise
/// the unit-grid convention "&lt;parent&gt;第N网格".
/// </summary>
public static partial class GridNaming
{
    public static Func<int, string> PatternOf(string parentName, IEnumerable<string> siblingNames)
    {
        var parts = siblingNames.Select(n => Numbered().Match(n.Trim())).ToList();
        if (parts.Count > 0 && parts.All(m => m.Success))
        {
            var (prefix, suffix) = (parts[0].Groups["prefix"].Value, parts[0].Groups["suffix"].Value);
            var width = parts.All(m => m.Groups["number"].Value.StartsWith('0')) ? parts[0].Groups["number"].Length : 1;
            if (prefix.Length + suffix.Length > 0
                && parts.All(m => m.Groups["prefix"].Value == prefix && m.Groups["suffix"].Value == suffix))
                return n => prefix + n.ToString(new string('0', width), CultureInfo.InvariantCulture) + suffix;
        }
        return n => $"{parentName}第{n.ToString(CultureInfo.InvariantCulture)}网格";
    }

    /// <summary>The name for one more grid drawn by hand: the siblings' pattern with the number after the highest in use.</summary>
    public static string NextName(string parentName, IReadOnlyCollection<string> siblingNames)
    {
        var numbers = siblingNames.Select(n => Numbered().Match(n.Trim())).Where(m => m.Success)
            .Select(m => int.TryParse(m.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0);
        return PatternOf(parentName, siblingNames)(Math.Max(siblingNames.Count, numbers.DefaultIfEmpty(0).Max()) + 1);
    }

    /// <summary>
    /// The code after the siblings' highest when they are all the parent's code and a number of one width (the unit-grid
    /// convention's street + village + sequence); otherwise none, and the user types it.
    /// </summary>
    public static string? NextCode(string parentCode, IReadOnlyCollection<string> siblingCodes)
    {
        if (siblingCodes.Count == 0) return null;
        var width = siblingCodes.First().Length;
        if (width > 18 || siblingCodes.Any(c => c.Length != width || !c.StartsWith(parentCode, StringComparison.Ordinal) || !c.All(char.IsAsciiDigit)))
            return null;
        var next = (siblingCodes.Max(c => long.Parse(c, CultureInfo.InvariantCulture)) + 1).ToString(new string('0', width), CultureInfo.InvariantCulture);
        return next.Length == width && next.StartsWith(parentCode, StringComparison.Ordinal) ? next : null;
    }

    [GeneratedRegex(@"^(?<prefix>\D*)(?<number>\d+)(?<suffix>\D*)$")]
    private static partial Regex Numbered();
}
