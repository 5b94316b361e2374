using Wangge.Core.Grids;

namespace Wangge.Grids;

/// <summary>
/// How this jurisdiction draws and numbers its grids (section "Wangge:Grids" of the settings).
/// </summary>
public sealed class GridsOptions
{
    public const string Section = "Wangge:Grids";

    /// <summary>The levels in use, top to bottom: 2–4 of District, Zone, Street, Grid; the top is District, the bottom Grid.</summary>
    public List<GridLevelKind> Levels { get; set; } = [GridLevelKind.District, GridLevelKind.Zone, GridLevelKind.Street, GridLevelKind.Grid];

    /// <summary>Administrative (county 6 + street 3 + village 3 + sequence 2) or Free.</summary>
    public GridCodeScheme CodeScheme { get; set; } = GridCodeScheme.Administrative;

    /// <summary>Overlaps and gaps smaller than this many square metres are drawing noise, not problems.</summary>
    public double ToleranceM2 { get; set; } = 1.0;

    /// <summary>
    /// Overlaps, gaps and overhangs thinner than this many metres (mean width 2·area/perimeter) are rounding
    /// noise along a shared border — a file written to 6 decimals moves every border by up to 0.1 m.
    /// </summary>
    public double SliverWidthM { get; set; } = 0.5;

    /// <summary>The level under <paramref name="parent"/> in this jurisdiction, or null under the bottom.</summary>
    public GridLevelKind? LevelBelow(GridLevelKind? parent)
    {
        if (parent is null) return Levels[0];
        var i = Levels.IndexOf(parent.Value);
        return i < 0 || i + 1 >= Levels.Count ? null : Levels[i + 1];
    }

    public IEnumerable<string> Validate()
    {
        if (Levels.Count is < 2 or > 4) yield return "Wangge:Grids:Levels must name 2 to 4 levels.";
        if (Levels.Count > 0 && Levels[0] != GridLevelKind.District) yield return "Wangge:Grids:Levels must start with District.";
        if (Levels.Count > 0 && Levels[^1] != GridLevelKind.Grid) yield return "Wangge:Grids:Levels must end with Grid.";
        if (Levels.Zip(Levels.Skip(1)).Any(p => p.First >= p.Second)) yield return "Wangge:Grids:Levels must go from the top down without repeats.";
        if (ToleranceM2 < 0) yield return "Wangge:Grids:ToleranceM2 cannot be negative.";
    }
}
