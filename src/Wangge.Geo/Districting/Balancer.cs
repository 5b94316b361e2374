namespace Wangge.Geo.Districting;

/// <summary>
/// Brings every district's load under a cap by moving border vertices, never disconnecting a district.
/// </summary>
/// <remarks>
/// <para>The heaviest district sheds one border vertex per round. When a neighbour has room for it, that is the
/// round. When none has — the usual case once the easy moves are made, since every neighbour of a heavy
/// district tends to be full too — the surplus is passed along a chain of districts, found breadth-first over
/// the district graph: each district on the chain takes one vertex from its predecessor and hands one at least
/// as heavy (less its own room) to its successor, until a district with room ends the chain. Every district on
/// the chain ends under the cap, and the heaviest is strictly lighter, so the total overload falls every round
/// and the search ends.</para>
/// <para>A district's removal test counts the vertex it is about to receive, so a chain cannot strand a vertex
/// that was only attached through the one handed on.</para>
/// </remarks>
internal sealed class Balancer(Partition partition, double cap, Deadline deadline)
{
    private const double Slack = 1e-9;

    private readonly AdjacencyGraph _graph = partition.Graph;
    private readonly int[] _visited = new int[partition.DistrictCount];
    // Ranks "too light" candidates after every heavy enough one while keeping their order among themselves.
    private readonly double _aboveAnyWeight = 2 * (partition.Graph.TotalWeight + 1);
    private int _generation;

    /// <summary>Rounds until the heaviest district is under the cap; false when it cannot shed any more (or time ran out).</summary>
    public bool Run()
    {
        var rounds = 0L;
        var limit = 50L * _graph.VertexCount + 1000;
        while (rounds++ < limit && !deadline.Passed)
        {
            var heaviest = Heaviest();
            if (partition.Load[heaviest] <= cap * (1 + Slack))
                return true;
            if (!Shed(heaviest, toExcess: true) && !Shed(heaviest, toExcess: false))
                return false;
        }
        return partition.Load[Heaviest()] <= cap * (1 + Slack);
    }

    private int Heaviest()
    {
        var best = 0;
        for (var d = 1; d < partition.DistrictCount; d++)
            if (partition.Load[d] > partition.Load[best])
                best = d;
        return best;
    }

    private double Room(int district) => cap - partition.Load[district];

    /// <param name="toExcess">First try to shed the whole excess at once; failing that, any positive amount.</param>
    private bool Shed(int heaviest, bool toExcess)
    {
        var excess = partition.Load[heaviest] - cap;
        var generation = ++_generation;
        _visited[heaviest] = generation;
        // One node per district on the search front: the vertex it would receive, from which node, and its weight.
        var nodes = new List<(int District, int Incoming, int Parent)> { (heaviest, -1, -1) };
        for (var head = 0; head < nodes.Count; head++)
        {
            var (district, incoming, _) = nodes[head];
            var need = incoming < 0 ? 0 : _graph.Weight(incoming) - Room(district);
            foreach (var (next, vertices) in BorderByNeighbour(district))
            {
                if (_visited[next] == generation)
                    continue;
                var room = Room(next);
                var finish = Pick(vertices, next, incoming, need, room, heaviest == district ? excess : -1, toExcess, terminal: true);
                if (finish >= 0)
                {
                    nodes.Add((next, finish, head));
                    Apply(nodes, nodes.Count - 1);
                    return true;
                }
                var pass = Pick(vertices, next, incoming, need, room, heaviest == district ? excess : -1, toExcess, terminal: false);
                if (pass < 0)
                    continue;
                _visited[next] = generation;
                nodes.Add((next, pass, head));
            }
        }
        return false;
    }

    /// <summary>The district's border vertices grouped by the neighbouring district they touch, in a repeatable order.</summary>
    private List<(int District, List<int> Vertices)> BorderByNeighbour(int district)
    {
        var groups = new List<(int District, List<int> Vertices)>();
        foreach (var v in partition.Members(district))
            foreach (var u in _graph.Neighbours(v))
            {
                var d = partition.Label[u];
                if (d == district)
                    continue;
                var group = groups.FindIndex(g => g.District == d);
                if (group < 0)
                {
                    groups.Add((d, []));
                    group = groups.Count - 1;
                }
                var list = groups[group].Vertices;
                if (list.Count == 0 || list[^1] != v)
                    list.Add(v);
            }
        groups.Sort((a, b) => a.District.CompareTo(b.District));
        return groups;
    }

    /// <summary>
    /// The vertex to hand from the current district to <paramref name="next"/>, or −1. A finishing move must fit
    /// the neighbour's room; a passing move must carry at least <paramref name="need"/> and as little more as
    /// possible, so the chain's later links have the least to absorb.
    /// </summary>
    /// <param name="excess">The heaviest district's excess when the current district is that one, else −1.</param>
    private int Pick(List<int> vertices, int next, int incoming, double need, double room, double excess, bool toExcess, bool terminal)
    {
        var scored = new List<(int Vertex, double Primary, double Gain)>();
        foreach (var v in vertices)
        {
            var w = _graph.Weight(v);
            if (w <= 0)
                continue;
            double primary;
            if (excess >= 0)
            {
                if (terminal)
                {
                    if (w > room)
                        continue;
                    primary = -Math.Min(w, excess); // shed as much of the excess as the room allows
                }
                else
                    primary = !toExcess || w >= excess ? w : _aboveAnyWeight - w; // least ≥ excess, else the largest
            }
            else
            {
                if (w < need * (1 - Slack) || (terminal && w > room))
                    continue;
                primary = terminal ? 0 : w;
            }
            scored.Add((v, primary, partition.Gain(v, next)));
        }
        scored.Sort((a, b) => a.Primary != b.Primary ? a.Primary.CompareTo(b.Primary)
            : a.Gain != b.Gain ? b.Gain.CompareTo(a.Gain) : a.Vertex.CompareTo(b.Vertex));
        foreach (var (v, _, _) in scored)
            if (partition.CanRemove(v, incoming))
                return v;
        return -1;
    }

    private void Apply(List<(int District, int Incoming, int Parent)> nodes, int last)
    {
        var chain = new List<(int Vertex, int To)>();
        for (var i = last; nodes[i].Parent >= 0; i = nodes[i].Parent)
            chain.Add((nodes[i].Incoming, nodes[i].District));
        // Upstream first: each district's removal was checked with its incoming vertex already in place.
        for (var i = chain.Count - 1; i >= 0; i--)
            partition.Move(chain[i].Vertex, chain[i].To);
    }
}
