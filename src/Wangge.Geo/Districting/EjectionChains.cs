namespace Wangge.Geo.Districting;

/// <summary>
/// Relieves an overloaded district with an ejection chain: it hands a border piece to a neighbour, which, if now
/// over the cap, hands a piece of its own on, and so on until a district absorbs what it received.
/// </summary>
/// <remarks>
/// <para>Where cells are coarse — a town centre whose cells are each a third of a district — which piece is
/// handed on decides whether the next district can pass the surplus on at all, so the chain is searched depth
/// first over the few most promising pieces at every link (those leaving the smallest surplus downstream),
/// within a budget of links. Where cells are fine, the candidate of a link is instead a bundle: small pieces
/// gathered until the surplus is covered.</para>
/// <para>Pieces are <see cref="Partition.Detachable"/>, so every district stays connected; moves are made as
/// the search goes and undone when it backtracks, so each link sees the districts as they then are.</para>
/// </remarks>
internal sealed class EjectionChains(Partition partition, double cap)
{
    private const int MaxDepth = 8;
    private const int Branching = 4;
    private const int LinkBudget = 1500;

    private readonly AdjacencyGraph _graph = partition.Graph;
    private readonly bool[] _onChain = new bool[partition.DistrictCount];
    private readonly List<(int Vertex, int From)> _undo = [];
    private readonly List<int> _chunk = [];
    // Rounding noise in sums of loads; far below any unit's weight.
    private readonly double _epsilon = 1e-12 * Math.Max(cap, 1e-300);
    private double _before;
    private int _budget;

    /// <summary>Finds and applies a chain that lowers the total overload; false (nothing changed) when none is found.</summary>
    public bool TryRelieve(int source)
    {
        _before = partition.Overload(cap);
        _budget = LinkBudget;
        _undo.Clear();
        _onChain[source] = true;
        var found = Extend(source, partition.Load[source] - cap, depth: 0);
        _onChain[source] = false;
        return found;
    }

    private bool Extend(int district, double surplus, int depth)
    {
        foreach (var (piece, to) in Candidates(district, surplus, source: depth == 0))
        {
            if (--_budget < 0)
                return false;
            var mark = _undo.Count;
            foreach (var v in piece)
            {
                _undo.Add((v, partition.Label[v]));
                partition.Move(v, to);
            }
            var onward = partition.Load[to] - cap;
            if (onward <= 0)
            {
                if (partition.Overload(cap) < _before - _epsilon)
                    return true;
            }
            else if (depth + 1 < MaxDepth)
            {
                _onChain[to] = true;
                var found = Extend(to, onward, depth + 1);
                _onChain[to] = false;
                if (found)
                    return true;
            }
            for (var i = _undo.Count - 1; i >= mark; i--)
                partition.Move(_undo[i].Vertex, _undo[i].From);
            _undo.RemoveRange(mark, _undo.Count - mark);
        }
        return false;
    }

    /// <summary>
    /// The most promising hand-overs from the district: for a link inside the chain, single pieces that cover the
    /// surplus, least surplus left downstream first, and per neighbour one bundle of small pieces; for the chain's
    /// source, which may also shed less than its whole surplus, pieces up to the surplus as well.
    /// </summary>
    private List<(int[] Piece, int To)> Candidates(int district, double surplus, bool source)
    {
        var scored = new List<(int[] Piece, int To, double Downstream, double Gain)>();
        var byNeighbour = new SortedDictionary<int, List<(int[] Piece, double Weight)>>();
        foreach (var v in partition.Members(district))
        {
            foreach (var u in _graph.Neighbours(v))
            {
                var to = partition.Label[u];
                if (to == district || _onChain[to])
                    continue;
                if (!byNeighbour.TryGetValue(to, out var list))
                    byNeighbour[to] = list = [];
                if (list.Count > 0 && list[^1].Piece[0] == v)
                    continue;
                partition.Detachable(v, _chunk);
                var weight = _chunk.Sum(_graph.Weight);
                if (_chunk.Count > 0 && weight > 0)
                    list.Add((_chunk.ToArray(), weight));
            }
        }
        foreach (var (to, pieces) in byNeighbour)
        {
            var room = cap - partition.Load[to];
            foreach (var (piece, weight) in pieces)
                if (weight >= surplus - _epsilon || source)
                    scored.Add((piece, to, Math.Max(0, weight - room) + Math.Max(0, surplus - weight) * 2, partition.Gain(piece, to)));
            var bundle = Bundle(to, pieces, surplus);
            if (bundle is not null)
                scored.Add((bundle, to, Math.Max(0, bundle.Sum(_graph.Weight) - room), partition.Gain(bundle, to)));
        }
        return scored
            .OrderBy(c => c.Downstream).ThenByDescending(c => c.Gain).ThenBy(c => c.To).ThenBy(c => c.Piece[0])
            .Take(Branching).Select(c => (c.Piece, c.To)).ToList();
    }

    /// <summary>
    /// Border vertices that can leave one at a time, largest first while they fit the surplus, then the lightest
    /// that covers the rest; null when they cannot cover it or when fewer than two are needed. Built by moving
    /// them for real (each move checked against the district as it then is) and undoing, so the same sequence
    /// replayed from the same state keeps the district connected.
    /// </summary>
    private int[]? Bundle(int to, List<(int[] Piece, double Weight)> pieces, double surplus)
    {
        var singles = pieces.Where(p => p.Piece.Length == 1).Select(p => (Vertex: p.Piece[0], p.Weight)).ToList();
        if (singles.Count < 2)
            return null;
        var chosen = new List<(int Vertex, int From)>();
        var total = 0.0;
        foreach (var (v, w) in singles.OrderByDescending(p => p.Weight).ThenBy(p => p.Vertex))
            if (total + w <= surplus + _epsilon && partition.CanRemove(v))
                Take(v, w);
        if (total < surplus - _epsilon)
            foreach (var (v, w) in singles.OrderBy(p => p.Weight).ThenBy(p => p.Vertex))
                if (partition.Label[v] != to && w >= surplus - total - _epsilon && partition.CanRemove(v))
                {
                    Take(v, w);
                    break;
                }
        for (var i = chosen.Count - 1; i >= 0; i--)
            partition.Move(chosen[i].Vertex, chosen[i].From);
        return chosen.Count >= 2 && total >= surplus - _epsilon ? chosen.Select(c => c.Vertex).ToArray() : null;

        void Take(int v, double w)
        {
            chosen.Add((v, partition.Label[v]));
            partition.Move(v, to);
            total += w;
        }
    }
}
