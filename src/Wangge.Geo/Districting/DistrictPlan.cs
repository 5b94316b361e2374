namespace Wangge.Geo.Districting;

/// <summary>A proposed districting and its scores; every list is indexed by unit or by district as named.</summary>
/// <param name="DistrictOf">District (0 … count − 1) of each unit, in the order the units or vertices were given.</param>
/// <param name="Loads">Sum of the unit weights in each district.</param>
/// <param name="MaxOverMean">Heaviest load over the mean load (total weight / district count); 1 when all weights are 0.</param>
/// <param name="EdgeCut">Length in km of the borders between different districts (edge count for graphs without lengths).</param>
/// <param name="PolsbyPopper">4πA/P² of each district's shape (1 for a disc, π/4 for a square); NaN without geometry.</param>
/// <param name="MeanPolsbyPopper">Mean over the non-empty districts; NaN without geometry.</param>
/// <param name="AllContiguous">Whether every district is connected in the adjacency graph.</param>
/// <param name="BalanceNote">
/// Null when <see cref="DistrictingOptions.TargetMaxOverMean"/> was met; otherwise why not (the unit or piece of
/// land that makes it impossible, or that the search stopped) in words a planner can act on.
/// </param>
public sealed record DistrictPlan(
    IReadOnlyList<int> DistrictOf,
    IReadOnlyList<double> Loads,
    double MaxOverMean,
    double EdgeCut,
    IReadOnlyList<double> PolsbyPopper,
    double MeanPolsbyPopper,
    bool AllContiguous,
    string? BalanceNote = null)
{
    /// <summary><see cref="BalanceNote"/> as a key and parameters, so that a page can say it in its own language.</summary>
    public BalanceShortfall? Shortfall { get; init; }
}

/// <summary>
/// Why a plan missed its balance target. <see cref="Arguments"/> start with the target and the max/mean reached; an
/// impossible target (<see cref="HeavyUnit"/>, <see cref="SeparatePiece"/>) adds the lower bound and what sets it,
/// <see cref="NoPlanFound"/> the number of searches. Numbers are written with the invariant culture.
/// </summary>
public sealed record BalanceShortfall(string Key, IReadOnlyList<string> Arguments)
{
    /// <summary>Then: the unit, its weight, its multiple of the mean load, the mean load.</summary>
    public const string HeavyUnit = "HeavyUnit";
    /// <summary>Then: a unit of the piece, its unit count, its load, its districts, the load per district over the mean.</summary>
    public const string SeparatePiece = "SeparatePiece";
    public const string OutOfTime = "OutOfTime";
    public const string NoPlanFound = "NoPlanFound";
}
