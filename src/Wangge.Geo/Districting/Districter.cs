using System.Globalization;

namespace Wangge.Geo.Districting;

/// <summary>
/// Proposes districts (划分网格): groups base units into a given number of contiguous districts of balanced
/// workload, preferring short borders.
/// </summary>
/// <remarks>
/// <para>Contiguity is kept by construction, never repaired afterwards: the starting plan is a recursive
/// bisection whose halves are connected at every level (<see cref="Bisection"/>), and every later move takes a
/// unit only with whatever its leaving would cut off (<see cref="Partition.Detachable"/>) and only to a
/// district it borders. So every district of every plan is connected in the adjacency graph.</para>
/// <para>Balance: chains of border moves carry the surplus of overloaded districts to districts with room
/// (<see cref="Balancer"/>, <see cref="EjectionChains"/>), and where chains are stuck a neighbourhood is redrawn
/// whole (<see cref="Repacking"/>). Should a seed's plan still not fit, up to <see cref="MaxAttempts"/> seeds are
/// tried in turn. Then moves that shorten borders without breaking the cap make the districts more compact
/// (<see cref="Polisher"/>); loads may rise towards the cap on the way, as the target allows.</para>
/// <para>When no plan can meet the target — one unit heavier than the allowed load, or an island whose load
/// cannot be shared — the cap is raised to that bound and the plan's note says which unit or piece is to blame.
/// A piece of the graph with no border to the rest (an island) gets districts of its own.</para>
/// <para>Deterministic: the same input and seed give the same plan (unless a time limit cuts the search short).</para>
/// </remarks>
public static class Districter
{
    // A search from one seed sometimes packs a town centre of heavy cells badly; another seed cuts it along other
    // lines. Attempts stop at the first plan under the cap, so most inputs need one.
    private const int MaxAttempts = 8;
    private const int AttemptSeedStep = 1_000_003;

    public static DistrictPlan Plan(IReadOnlyList<BaseUnit> units, int districtCount, DistrictingOptions options) =>
        Plan(AdjacencyGraph.FromShapes(units), districtCount, options);

    public static DistrictPlan Plan(AdjacencyGraph graph, int districtCount, DistrictingOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        var n = graph.VertexCount;
        if (n == 0)
            throw new ArgumentException("There are no base units to group.", nameof(graph));
        if (districtCount < 1 || districtCount > n)
            throw new ArgumentOutOfRangeException(nameof(districtCount), districtCount, $"Needs between 1 and {n} districts (one base unit at least in each).");
        if (!double.IsFinite(options.TargetMaxOverMean) || options.TargetMaxOverMean < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.TargetMaxOverMean, "TargetMaxOverMean must be ≥ 1.");
        if (options.TimeLimit is { } limit && limit <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), limit, "TimeLimit must be positive.");

        var deadline = new Deadline(options.TimeLimit);
        var pieces = Pieces(graph);
        if (pieces.Count > districtCount)
            throw new ArgumentException(
                $"The base units form {pieces.Count} separate pieces (islands, or units sharing no border with the rest, e.g. {graph.NameOf(pieces[1].Vertices[0])}); " +
                $"a district must be connected, so at least {pieces.Count} districts are needed, not {districtCount}.", nameof(districtCount));
        var shares = Shares(pieces, districtCount);

        var mean = graph.TotalWeight / districtCount;
        var (bound, reason, why) = Bound(graph, pieces, shares, mean);
        // A hair inside the target so that max/mean computed afterwards cannot round to just over it; a hair over
        // an impossible bound so that the unit or piece that sets it fits.
        var cap = bound > options.TargetMaxOverMean ? bound * mean * (1 + 1e-12) : options.TargetMaxOverMean * mean * (1 - 1e-12);

        Partition? best = null;
        var attempts = 0;
        // When the target is impossible the cap sits at a bound that whole units rarely meet exactly, so further
        // attempts would mostly repeat the same near miss.
        var maxAttempts = bound > options.TargetMaxOverMean ? 2 : MaxAttempts;
        while (attempts < maxAttempts && (attempts == 0 || !deadline.Passed))
        {
            var partition = Attempt(graph, districtCount, pieces, shares, cap, unchecked(options.Seed + attempts * AttemptSeedStep), deadline);
            attempts++;
            if (best is null || partition.Load.Max() < best.Load.Max())
                best = partition;
            if (best.Load.Max() <= cap)
                break;
        }
        new Polisher(best!, cap, deadline).Run();

        var plan = PlanMetrics.Evaluate(graph, best!.Label, districtCount);
        return plan with
        {
            BalanceNote = Note(plan.MaxOverMean, options.TargetMaxOverMean, bound, reason, attempts, deadline.Passed),
            Shortfall = Shortfall(plan.MaxOverMean, options.TargetMaxOverMean, bound, why, attempts, deadline.Passed),
        };
    }

    /// <summary>One bisection and balancing from one seed.</summary>
    private static Partition Attempt(AdjacencyGraph graph, int districtCount, List<Piece> pieces, int[] shares, double cap, int seed, Deadline deadline)
    {
        var partition = new Partition(graph, districtCount, initialDistrict: 0);
        var random = new Random(seed);
        var bisection = new Bisection(partition, random, cap);
        // Every piece moves to its own label before any is split: a split takes its label's members as its region.
        var firsts = new int[pieces.Count];
        for (var p = 1; p < pieces.Count; p++)
            firsts[p] = firsts[p - 1] + shares[p - 1];
        for (var p = 0; p < pieces.Count; p++)
            foreach (var v in pieces[p].Vertices)
                partition.Move(v, firsts[p]);
        for (var p = 0; p < pieces.Count; p++)
            bisection.Split(firsts[p], firsts[p] + shares[p]);
        new Balancer(partition, cap, deadline, random).Run();
        return partition;
    }

    private sealed record Piece(int[] Vertices, double Weight);

    /// <summary>Connected pieces of the graph, heaviest first (ties: lowest vertex first).</summary>
    private static List<Piece> Pieces(AdjacencyGraph graph)
    {
        var seen = new bool[graph.VertexCount];
        var pieces = new List<Piece>();
        for (var start = 0; start < graph.VertexCount; start++)
        {
            if (seen[start])
                continue;
            seen[start] = true;
            var vertices = new List<int> { start };
            for (var i = 0; i < vertices.Count; i++)
                foreach (var u in graph.Neighbours(vertices[i]))
                    if (!seen[u])
                    {
                        seen[u] = true;
                        vertices.Add(u);
                    }
            pieces.Add(new Piece(vertices.ToArray(), vertices.Sum(graph.Weight)));
        }
        return pieces.OrderByDescending(p => p.Weight).ThenBy(p => p.Vertices.Min()).ToList();
    }

    /// <summary>
    /// Districts per piece: one each, then each further district to the piece with the highest load per district,
    /// which minimises the highest per-district average any plan can reach.
    /// </summary>
    private static int[] Shares(List<Piece> pieces, int districtCount)
    {
        var shares = Enumerable.Repeat(1, pieces.Count).ToArray();
        for (var extra = districtCount - pieces.Count; extra > 0; extra--)
        {
            var best = -1;
            for (var p = 0; p < pieces.Count; p++)
                if (shares[p] < pieces[p].Vertices.Length && (best < 0 || pieces[p].Weight * shares[best] > pieces[best].Weight * shares[p]))
                    best = p;
            shares[best]++;
        }
        return shares;
    }

    /// <summary>The lowest max/mean any contiguous plan can reach, as far as cheap arguments show, and why.</summary>
    private static (double Bound, string? Reason, BalanceShortfall? Why) Bound(AdjacencyGraph graph, List<Piece> pieces, int[] shares, double mean)
    {
        if (mean <= 0)
            return (1, null, null);
        var bound = 1.0;
        string? reason = null;
        BalanceShortfall? why = null;
        var heaviest = 0;
        for (var v = 1; v < graph.VertexCount; v++)
            if (graph.Weight(v) > graph.Weight(heaviest))
                heaviest = v;
        if (graph.Weight(heaviest) / mean > bound)
        {
            bound = graph.Weight(heaviest) / mean;
            reason = string.Create(CultureInfo.InvariantCulture,
                $"unit {graph.NameOf(heaviest)} alone weighs {graph.Weight(heaviest):0.###}, {bound:0.00}× the mean district load {mean:0.###}, and a district holding it cannot be lighter");
            why = new(BalanceShortfall.HeavyUnit, [graph.NameOf(heaviest), Number(graph.Weight(heaviest), "0.###"), Number(bound, "0.00"), Number(mean, "0.###")]);
        }
        for (var p = 0; p < pieces.Count && pieces.Count > 1; p++)
        {
            var perDistrict = pieces[p].Weight / shares[p] / mean;
            if (perDistrict > bound * (1 + 1e-12))
            {
                bound = perDistrict;
                reason = string.Create(CultureInfo.InvariantCulture,
                    $"the separate piece containing {graph.NameOf(pieces[p].Vertices.Min())} ({pieces[p].Vertices.Length} units, load {pieces[p].Weight:0.###}) " +
                    $"gets {shares[p]} district(s), which must carry {perDistrict:0.00}× the mean load on average since no district may span two pieces");
                why = new(BalanceShortfall.SeparatePiece, [graph.NameOf(pieces[p].Vertices.Min()), Number(pieces[p].Vertices.Length, "0"),
                    Number(pieces[p].Weight, "0.###"), Number(shares[p], "0"), Number(perDistrict, "0.00")]);
            }
        }
        return (bound, reason, why);
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The note's reason as a key and parameters, for a page to say in its own language.</summary>
    private static BalanceShortfall? Shortfall(double achieved, double target, double bound, BalanceShortfall? why, int attempts, bool outOfTime)
    {
        if (achieved <= target)
            return null;
        string[] head = [Number(target, "0.00"), Number(achieved, "0.000")];
        if (bound > target && why is not null)
            return why with { Arguments = [.. head, Number(bound, "0.000"), .. why.Arguments] };
        return outOfTime ? new(BalanceShortfall.OutOfTime, head) : new(BalanceShortfall.NoPlanFound, [.. head, Number(attempts, "0")]);
    }

    private static string? Note(double achieved, double target, double bound, string? reason, int attempts, bool outOfTime)
    {
        if (achieved <= target)
            return null;
        if (bound > target && reason is not null)
            return string.Create(CultureInfo.InvariantCulture,
                $"Max/mean {target:0.00} is impossible: {reason}. Best plan found: max/mean {achieved:0.000} (lower bound {bound:0.000}).");
        var why = outOfTime
            ? "the time limit ran out"
            : $"{attempts} searches found no contiguous plan under it (the weights may allow none; heavy units packed tightly round a centre are the usual cause)";
        return string.Create(CultureInfo.InvariantCulture,
            $"Max/mean target {target:0.00} not reached: {why}. Best plan found: max/mean {achieved:0.000}.");
    }
}
