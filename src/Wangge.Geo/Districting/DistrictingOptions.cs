namespace Wangge.Geo.Districting;

/// <param name="Seed">Varies the bisection's cut directions and starting ends; equal seeds give equal plans.</param>
/// <param name="TargetMaxOverMean">The heaviest district's load over the mean load that counts as balanced.</param>
/// <param name="TimeLimit">
/// Stops the search early with the best plan so far. Null means no limit: the search always ends by itself,
/// and only without a limit (or when the limit is not reached) is the plan independent of machine speed.
/// </param>
public sealed record DistrictingOptions(int Seed = 1, double TargetMaxOverMean = 1.05, TimeSpan? TimeLimit = null);
