namespace Wangge.Geo.Districting;

/// <summary>
/// Brings every district's load under a cap by moving border vertices, never disconnecting a district.
/// </summary>
/// <remarks>
/// <para>An overloaded district rarely has a neighbour with room: its neighbours were balanced by the
/// bisection and sit near the cap too. So the surplus is passed along a chain of districts towards one with
/// room, found breadth-first over the district graph: the first district hands over border vertices worth what
/// the chain can absorb, and each district along it, now over the cap, hands its own surplus to the next. When
/// the last one is left over the cap (a heavy vertex overshoots), the chain continues from there. A hand-over
/// may take many small vertices — a town centre's heavy cell pushed into the suburbs comes back as a handful
/// of village cells.</para>
/// <para>What moves is always connected to the receiver, and the giver stays connected: a vertex whose loss
/// would cut its district takes the pieces it would cut off along with it (<see cref="Partition.Detachable"/>).</para>
/// <para>A chain is kept only if the total overload, Σ max(0, load − cap), falls; otherwise it is undone and
/// the next target is tried. The overload falling every round is what makes the search end.</para>
/// </remarks>
internal sealed class Balancer(Partition partition, double cap, Deadline deadline, Random random)
{
    // How many chain ends to try, nearest first, before giving up on a district this round.
    private const int TargetsPerRound = 8;
    // How often a chain may continue from an end it left over the cap.
    private const int MaxExtensions = 12;

    private readonly AdjacencyGraph _graph = partition.Graph;
    private readonly Recombination _recombination = new(partition, random);
    private readonly int[] _seen = new int[partition.DistrictCount];
    private readonly int[] _parent = new int[partition.DistrictCount];
    private readonly int[] _used = new int[partition.DistrictCount];
    private readonly List<int> _marked = [];
    private readonly List<(int Vertex, int From)> _undo = [];
    private readonly List<int> _chunk = [];
    private readonly double _epsilon = 1e-9 * Math.Max(cap, 1e-300);
    private int _generation;
    private int _round;

    /// <summary>Rounds until no district is over the cap (true), or none can shed any more or time ran out (false).</summary>
    public bool Run()
    {
        var limit = 20L * _graph.VertexCount + 1000;
        for (var round = 0L; round < limit && !deadline.Passed; round++)
        {
            var overloaded = Enumerable.Range(0, partition.DistrictCount)
                .Where(d => partition.Load[d] > cap + _epsilon)
                .OrderByDescending(d => partition.Load[d]).ThenBy(d => d).ToList();
            if (overloaded.Count == 0)
                return true;
            // The heaviest first; when it is stuck, relieving another can open a way for it later.
            if (!overloaded.Any(Shed))
                return false;
        }
        return Enumerable.Range(0, partition.DistrictCount).All(d => partition.Load[d] <= cap + _epsilon);
    }

    private double Room(int district) => cap - partition.Load[district];

    private bool Shed(int source)
    {
        if (Swap(source))
            return true;
        foreach (var neighbour in Neighbours(source).OrderByDescending(Room).ThenBy(d => d))
            if (_recombination.TrySplit(source, neighbour, cap))
                return true;
        var before = TotalOverload();
        var round = ++_round;
        _used[source] = round;
        foreach (var path in Paths(source, round))
        {
            _undo.Clear();
            _marked.Clear();
            Push(path, round);
            if (TotalOverload() < before - _epsilon)
                return true;
            Undo();
            foreach (var d in _marked)
                _used[d] = 0;
        }
        return false;
    }

    /// <summary>
    /// Trades with a neighbour: the district gives a piece and takes back a lighter one, so both end under the
    /// cap. Inside a town centre, where every cell is heavy and every district full, a trade is often the only
    /// way to move the small difference between two heavy cells.
    /// </summary>
    private bool Swap(int source)
    {
        foreach (var neighbour in Neighbours(source))
        {
            var gives = new List<int[]>();
            foreach (var v in partition.Members(source))
                if (partition.Touches(v, neighbour))
                {
                    partition.Detachable(v, _chunk);
                    if (_chunk.Count > 0 && _chunk.Sum(_graph.Weight) > 0)
                        gives.Add(_chunk.ToArray());
                }
            foreach (var give in gives)
            {
                _undo.Clear();
                MovePiece(give, neighbour);
                var need = partition.Load[neighbour] - cap;
                var back = need <= _epsilon ? [] : BestPiece(neighbour, source, need, Room(source), exact: true);
                if (back is not null)
                {
                    MovePiece(back, source);
                    if (partition.Load[source] <= cap + _epsilon && partition.Load[neighbour] <= cap + _epsilon)
                        return true;
                }
                Undo();
            }
        }
        return false;
    }

    private void MovePiece(int[] piece, int to)
    {
        foreach (var v in piece)
        {
            _undo.Add((v, partition.Label[v]));
            partition.Move(v, to);
        }
    }

    private void Undo()
    {
        for (var i = _undo.Count - 1; i >= 0; i--)
            partition.Move(_undo[i].Vertex, _undo[i].From);
        _undo.Clear();
    }

    private double TotalOverload()
    {
        var total = 0.0;
        foreach (var load in partition.Load)
            total += Math.Max(0, load - cap);
        return total;
    }

    /// <summary>
    /// Paths from the source to the nearest districts with room, breadth-first, more room first at equal distance,
    /// avoiding districts this round already passed load through (handing load back would undo that).
    /// </summary>
    private List<List<int>> Paths(int source, int round)
    {
        // Built whole before any is tried: trying one runs searches of its own, which reuse the marks.
        var paths = new List<List<int>>();
        var generation = ++_generation;
        _seen[source] = generation;
        _parent[source] = -1;
        var layer = new List<int> { source };
        while (layer.Count > 0 && paths.Count < TargetsPerRound)
        {
            var next = new List<int>();
            foreach (var d in layer)
                foreach (var neighbour in Neighbours(d))
                {
                    if (_seen[neighbour] == generation || _used[neighbour] == round)
                        continue;
                    _seen[neighbour] = generation;
                    _parent[neighbour] = d;
                    next.Add(neighbour);
                }
            var ends = next.Where(d => Room(d) > _epsilon).OrderByDescending(Room).ThenBy(d => d);
            foreach (var end in ends.Take(TargetsPerRound - paths.Count))
            {
                var path = new List<int>();
                for (var d = end; d >= 0; d = _parent[d])
                    path.Add(d);
                path.Reverse();
                paths.Add(path);
            }
            layer = next;
        }
        return paths;
    }

    /// <summary>Districts sharing a border with the district, in increasing order.</summary>
    private SortedSet<int> Neighbours(int district)
    {
        var result = new SortedSet<int>();
        foreach (var v in partition.Members(district))
            foreach (var u in _graph.Neighbours(v))
                if (partition.Label[u] != district)
                    result.Add(partition.Label[u]);
        return result;
    }

    /// <summary>
    /// Sends from the path's start what the path can absorb, each later district handing on its own surplus, and
    /// continues from an end left over the cap. Stops where a district cannot hand over what it must; the caller
    /// judges the result by the total overload.
    /// </summary>
    private void Push(List<int> path, int round)
    {
        var absorbable = path.Skip(1).Sum(d => Math.Max(0, Room(d)));
        var amount = Math.Min(partition.Load[path[0]] - cap, absorbable);
        for (var extension = 0; ; extension++)
        {
            for (var i = 0; i + 1 < path.Count; i++)
            {
                if (_used[path[i + 1]] != round)
                {
                    _used[path[i + 1]] = round;
                    _marked.Add(path[i + 1]);
                }
                if (i > 0 || extension > 0)
                    amount = partition.Load[path[i]] - cap;
                if (amount <= _epsilon)
                    return;
                if (!Hand(path[i], path[i + 1], amount, mustReach: i > 0 || extension > 0))
                    return;
            }
            var end = path[^1];
            if (partition.Load[end] - cap <= _epsilon || extension == MaxExtensions)
                return;
            var onward = Paths(end, round);
            if (onward.Count == 0)
                return;
            path = onward[0];
        }
    }

    /// <summary>
    /// Moves border pieces from one district to the next until <paramref name="amount"/> has gone: pieces that
    /// fit what is left, best border gain first, then the lightest that completes it. The chain's first district
    /// need not send it all (any relief counts) but must send something; later ones must reach it or fail.
    /// </summary>
    private bool Hand(int from, int to, double amount, bool mustReach)
    {
        var moved = 0.0;
        while (moved < amount - _epsilon)
        {
            var remaining = amount - moved;
            var best = BestPiece(from, to, remaining, mustReach || moved == 0 ? double.PositiveInfinity : remaining, exact: false);
            if (best is null)
                return !mustReach && moved > 0;
            MovePiece(best, to);
            moved += best.Sum(_graph.Weight);
        }
        return true;
    }

    /// <summary>
    /// The border piece (see <see cref="Partition.Detachable"/>) to move from one district to the next, or null.
    /// Normally pieces that fit <paramref name="remaining"/> come first, best border gain first, then the lightest
    /// one up to <paramref name="most"/>; with <paramref name="exact"/> only pieces between remaining and most count.
    /// </summary>
    private int[]? BestPiece(int from, int to, double remaining, double most, bool exact)
    {
        int[]? fit = null, over = null;
        double fitGain = double.NegativeInfinity, fitWeight = 0, overWeight = double.PositiveInfinity, overGain = 0;
        foreach (var v in partition.Members(from))
        {
            if (!partition.Touches(v, to))
                continue;
            partition.Detachable(v, _chunk);
            var weight = _chunk.Sum(_graph.Weight);
            if (_chunk.Count == 0 || weight <= 0 || weight > most + _epsilon)
                continue;
            var gain = Gain(_chunk, to);
            if (exact ? weight >= remaining - _epsilon : weight <= remaining)
            {
                if (gain > fitGain || (gain == fitGain && weight > fitWeight))
                    (fit, fitGain, fitWeight) = (_chunk.ToArray(), gain, weight);
            }
            else if (!exact && (weight < overWeight || (weight == overWeight && gain > overGain)))
                (over, overWeight, overGain) = (_chunk.ToArray(), weight, gain);
        }
        return fit ?? over;
    }

    /// <summary>Border length the piece shares with the receiver minus what it shares with the rest of its district.</summary>
    private double Gain(List<int> piece, int to)
    {
        var inPiece = new HashSet<int>(piece);
        var gain = 0.0;
        foreach (var v in piece)
        {
            var neighbours = _graph.Neighbours(v);
            var lengths = _graph.BorderLengths(v);
            for (var i = 0; i < neighbours.Length; i++)
            {
                var d = partition.Label[neighbours[i]];
                if (d == to)
                    gain += lengths[i];
                else if (d == partition.Label[v] && !inPiece.Contains(neighbours[i]))
                    gain -= lengths[i];
            }
        }
        return gain;
    }
}
