namespace Wangge.Geo.Districting;

/// <summary>
/// Redraws the border between two neighbouring districts from scratch: their union is cut along one edge of a
/// random spanning tree into two connected parts that both fit under the cap.
/// </summary>
/// <remarks>
/// <para>This is the recombination step of redistricting practice (ReCom). Moving one unit at a time cannot
/// rebalance a town centre where every cell is heavy and every move overshoots; but every split of the union
/// into two connected halves is some spanning tree less one edge, so trying a few random trees explores
/// splits that no sequence of single moves reaches.</para>
/// <para>Of the feasible cuts of each tree the most even is taken, and of those the one with the shortest
/// border, which keeps the redrawn districts compact.</para>
/// </remarks>
internal sealed class Recombination(Partition partition, Random random)
{
    private const int Trees = 16;

    private readonly AdjacencyGraph _graph = partition.Graph;
    private readonly int[] _local = Enumerable.Repeat(-1, partition.Graph.VertexCount).ToArray();

    /// <summary>Re-divides <paramref name="a"/> ∪ <paramref name="b"/> so both loads are at most the cap; false (nothing changed) when no tree gives such a cut.</summary>
    public bool TrySplit(int a, int b, double cap, List<(int Vertex, int From)> undo) =>
        partition.Load[a] + partition.Load[b] <= 2 * cap && Redraw(a, b, cap, fill: false, undo);

    /// <summary>
    /// Re-divides the union so that <paramref name="a"/> is as full as the cap allows and <paramref name="b"/>
    /// takes the rest, however much: one link of a chain that carries a town centre's surplus outwards.
    /// </summary>
    public bool TryFill(int a, int b, double cap, List<(int Vertex, int From)> undo) => Redraw(a, b, cap, fill: true, undo);

    private sealed record Cut(bool[] Side, bool SideIsA, double LoadOfA, double Length);

    private bool Redraw(int a, int b, double cap, bool fill, List<(int Vertex, int From)> undo)
    {
        var total = partition.Load[a] + partition.Load[b];
        var region = partition.Members(a).Concat(partition.Members(b)).ToArray();
        Array.Sort(region);
        for (var i = 0; i < region.Length; i++)
            _local[region[i]] = i;
        try
        {
            var edges = new List<(int X, int Y, double Length)>();
            for (var i = 0; i < region.Length; i++)
            {
                var neighbours = _graph.Neighbours(region[i]);
                var lengths = _graph.BorderLengths(region[i]);
                for (var j = 0; j < neighbours.Length; j++)
                    if (_local[neighbours[j]] > i)
                        edges.Add((i, _local[neighbours[j]], lengths[j]));
            }

            var cuts = new List<Cut>();
            for (var t = 0; t < Trees; t++)
                if (OneTree(region, edges, total, cap, fill) is { } cut)
                    cuts.Add(cut);
            if (cuts.Count == 0)
                return false;
            // Filling: the fullest a, then (within half a percent of the cap) the shortest border.
            var fullest = cuts.Max(c => c.LoadOfA);
            var best = cuts.Where(c => !fill || c.LoadOfA >= fullest - 0.005 * cap).MinBy(c => c.Length)!;
            if (fill && best.LoadOfA <= partition.Load[a] && partition.Load[a] <= cap)
                return false; // nothing to gain: a was already under the cap and at least as full

            var aSide = best.SideIsA;
            if (!fill)
            {
                // Give each half the label it mostly had, so the redraw moves as few units as possible.
                var keep = 0;
                for (var i = 0; i < region.Length; i++)
                    keep += best.Side[i] == (partition.Label[region[i]] == a) ? 1 : -1;
                aSide = keep >= 0;
            }
            for (var i = 0; i < region.Length; i++)
            {
                var to = best.Side[i] == aSide ? a : b;
                if (partition.Label[region[i]] == to)
                    continue;
                undo.Add((region[i], partition.Label[region[i]]));
                partition.Move(region[i], to);
            }
            return true;
        }
        finally
        {
            foreach (var v in region)
                _local[v] = -1;
        }
    }

    /// <summary>The best feasible cut of one random spanning tree (most even, or fullest a), or null when it has none.</summary>
    private Cut? OneTree(int[] region, List<(int X, int Y, double Length)> edges, double total, double cap, bool fill)
    {
        var n = region.Length;
        var order = Enumerable.Range(0, edges.Count).Select(e => (Key: random.NextDouble(), Edge: e)).OrderBy(p => p.Key).ToArray();
        var root = Enumerable.Range(0, n).ToArray();
        var tree = Enumerable.Range(0, n).Select(_ => new List<int>(4)).ToArray();
        foreach (var (_, e) in order)
        {
            var (x, y, _) = edges[e];
            int rx = Find(root, x), ry = Find(root, y);
            if (rx == ry)
                continue;
            root[rx] = ry;
            tree[x].Add(y);
            tree[y].Add(x);
        }

        // Subtree loads: order the tree from the root down, then add up.
        var parent = new int[n];
        var visit = new List<int>(n) { 0 };
        parent[0] = -1;
        for (var i = 0; i < visit.Count; i++)
            foreach (var y in tree[visit[i]])
                if (y != parent[visit[i]])
                {
                    parent[y] = visit[i];
                    visit.Add(y);
                }
        if (visit.Count != n)
            return null; // the union is not connected, which two neighbouring connected districts never are
        var load = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var v = visit[i];
            load[v] += _graph.Weight(region[v]);
            if (parent[v] >= 0)
                load[parent[v]] += load[v];
        }

        var cutAt = -1;
        var sideIsA = true;
        var score = double.NegativeInfinity;
        for (var v = 1; v < n; v++)
        {
            var rest = total - load[v];
            if (fill)
            {
                if (load[v] <= cap && load[v] > score)
                    (cutAt, sideIsA, score) = (v, true, load[v]);
                if (rest <= cap && rest > score)
                    (cutAt, sideIsA, score) = (v, false, rest);
            }
            else if (load[v] <= cap && rest <= cap && -Math.Abs(load[v] - rest) > score)
                (cutAt, score) = (v, -Math.Abs(load[v] - rest));
        }
        if (cutAt < 0)
            return null;
        var side = new bool[n];
        var stack = new Stack<int>();
        stack.Push(cutAt);
        while (stack.TryPop(out var v))
        {
            side[v] = true;
            foreach (var y in tree[v])
                if (y != parent[v])
                    stack.Push(y);
        }
        var length = 0.0;
        foreach (var (x, y, l) in edges)
            if (side[x] != side[y])
                length += l;
        return new Cut(side, sideIsA, fill ? score : 0, length);
    }

    private static int Find(int[] root, int x)
    {
        while (root[x] != x)
            x = root[x] = root[root[x]];
        return x;
    }
}
