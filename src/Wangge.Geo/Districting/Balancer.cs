namespace Wangge.Geo.Districting;

/// <summary>
/// Brings every district's load under a cap by moving border units, never disconnecting a district.
/// </summary>
/// <remarks>
/// <para>An overloaded district rarely has a neighbour with room: the bisection left its neighbours near the
/// mean too. So it relieves itself by chains. First an ejection chain (<see cref="EjectionChains"/>), searched
/// over the few best pieces at each link, which is what a town centre of heavy cells needs. Failing that, a
/// pushed chain: towards the nearest districts with room, found breadth-first over the district graph, the
/// first district hands over border pieces worth what the path can absorb and each district along it hands its
/// own surplus to the next, many small pieces at a time if need be — a heavy cell pushed into the suburbs goes
/// on as a handful of village cells. When the last is left over the cap, the chain continues from there.</para>
/// <para>What moves is always connected to the receiver, and the giver stays connected: a unit whose leaving
/// would cut its district takes the pieces it would cut off with it (<see cref="Partition.Detachable"/>).</para>
/// <para>A chain is kept only if the total overload, Σ max(0, load − cap), falls; otherwise it is undone. The
/// overload falling every round is what makes the search end. When no district can be relieved that way, the
/// neighbourhood of one is redrawn whole (<see cref="Repacking"/>).</para>
/// </remarks>
internal sealed class Balancer(Partition partition, double cap, Deadline deadline, Random random)
{
    // How many chain ends to try, nearest first, before giving up on a district this round.
    private const int TargetsPerRound = 8;
    // How often a chain may continue from an end it left over the cap.
    private const int MaxExtensions = 12;

    private readonly Repacking _repacking = new(partition, random);
    private readonly EjectionChains _ejection = new(partition, cap);
    private readonly int[] _seen = new int[partition.DistrictCount];
    private readonly int[] _parent = new int[partition.DistrictCount];
    private readonly int[] _used = new int[partition.DistrictCount];
    private readonly List<int> _marked = [];
    private readonly List<(int Vertex, int From)> _undo = [];
    private readonly List<int> _chunk = [];
    // Rounding noise in sums of loads; far below any unit's weight.
    private readonly double _epsilon = 1e-12 * Math.Max(cap, 1e-300);
    private int _generation;
    private int _round;

    /// <summary>Rounds until no district is over the cap (true), or none can be relieved or time ran out (false).</summary>
    public bool Run()
    {
        var limit = 4L * partition.Graph.VertexCount + 1000; // a backstop: rounds end far sooner
        for (var round = 0L; round < limit && !deadline.Passed; round++)
        {
            var overloaded = Enumerable.Range(0, partition.DistrictCount)
                .Where(d => partition.Load[d] > cap)
                .OrderByDescending(d => partition.Load[d]).ThenBy(d => d).ToList();
            if (overloaded.Count == 0)
                return true;
            // The heaviest first; when it is stuck, relieving another can open a way for it later.
            if (!overloaded.Any(Shed) && !overloaded.Any(d => _repacking.TryRepack(d, cap)))
                return false;
        }
        return Enumerable.Range(0, partition.DistrictCount).All(d => partition.Load[d] <= cap);
    }

    private double Room(int district) => cap - partition.Load[district];

    private bool Shed(int source)
    {
        if (_ejection.TryRelieve(source))
            return true;
        var before = partition.Overload(cap);
        var round = ++_round;
        _used[source] = round;
        foreach (var path in Paths(source, round))
        {
            _undo.Clear();
            _marked.Clear();
            Push(path, round);
            if (partition.Overload(cap) < before - _epsilon)
                return true;
            for (var i = _undo.Count - 1; i >= 0; i--)
                partition.Move(_undo[i].Vertex, _undo[i].From);
            foreach (var d in _marked)
                _used[d] = 0;
        }
        return false;
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
                foreach (var neighbour in partition.NeighbourDistricts(d))
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
                if (amount <= 0)
                    return;
                if (!Hand(path[i], path[i + 1], amount, mustReach: i > 0 || extension > 0))
                    return;
            }
            var end = path[^1];
            if (partition.Load[end] <= cap || extension == MaxExtensions)
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
            var best = BestPiece(from, to, amount - moved, overshoot: mustReach || moved == 0);
            if (best is null)
                return !mustReach && moved > 0;
            foreach (var v in best)
            {
                _undo.Add((v, from));
                partition.Move(v, to);
                moved += partition.Graph.Weight(v);
            }
        }
        return true;
    }

    /// <summary>The piece that best fits <paramref name="remaining"/> (best gain first), else the lightest larger one; null if none.</summary>
    private int[]? BestPiece(int from, int to, double remaining, bool overshoot)
    {
        int[]? fit = null, over = null;
        double fitGain = double.NegativeInfinity, fitWeight = 0, overWeight = double.PositiveInfinity, overGain = 0;
        foreach (var v in partition.Members(from))
        {
            if (!partition.Touches(v, to))
                continue;
            partition.Detachable(v, _chunk);
            var weight = _chunk.Sum(partition.Graph.Weight);
            if (_chunk.Count == 0 || weight <= 0)
                continue;
            var gain = partition.Gain(_chunk, to);
            if (weight <= remaining)
            {
                if (gain > fitGain || (gain == fitGain && weight > fitWeight))
                    (fit, fitGain, fitWeight) = (_chunk.ToArray(), gain, weight);
            }
            else if (overshoot && (weight < overWeight || (weight == overWeight && gain > overGain)))
                (over, overWeight, overGain) = (_chunk.ToArray(), weight, gain);
        }
        return fit ?? over;
    }
}
