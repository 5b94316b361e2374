namespace Wangge.Geo.Districting;

/// <summary>
/// The mutable working state of a plan: each vertex's district, each district's load and members, and the one
/// question every move must answer — does the district it leaves stay connected?
/// </summary>
internal sealed class Partition
{
    private readonly List<int>[] _members;
    private readonly int[] _position;
    private readonly int[] _ball;
    private readonly int[] _seen;
    private readonly int[] _queue;
    private int _generation;

    public Partition(AdjacencyGraph graph, int districtCount, int initialDistrict)
    {
        Graph = graph;
        var n = graph.VertexCount;
        Label = new int[n];
        Load = new double[districtCount];
        _members = Enumerable.Range(0, districtCount).Select(_ => new List<int>()).ToArray();
        _position = new int[n];
        _ball = new int[n];
        _seen = new int[n];
        _queue = new int[n];
        for (var v = 0; v < n; v++)
        {
            Label[v] = initialDistrict;
            _position[v] = v;
            _members[initialDistrict].Add(v);
            Load[initialDistrict] += graph.Weight(v);
        }
    }

    public AdjacencyGraph Graph { get; }
    public int[] Label { get; }
    public double[] Load { get; }
    public int DistrictCount => Load.Length;

    public IReadOnlyList<int> Members(int district) => _members[district];

    public int Size(int district) => _members[district].Count;

    public void Move(int vertex, int to)
    {
        var from = Label[vertex];
        if (from == to)
            return;
        var list = _members[from];
        var last = list[^1];
        list[_position[vertex]] = last;
        _position[last] = _position[vertex];
        list.RemoveAt(list.Count - 1);
        _position[vertex] = _members[to].Count;
        _members[to].Add(vertex);
        Label[vertex] = to;
        var w = Graph.Weight(vertex);
        Load[from] -= w;
        Load[to] += w;
    }

    /// <summary>Border length to <paramref name="to"/> minus border length to its own district: the cut saved by moving.</summary>
    public double Gain(int vertex, int to)
    {
        var own = Label[vertex];
        var neighbours = Graph.Neighbours(vertex);
        var lengths = Graph.BorderLengths(vertex);
        var gain = 0.0;
        for (var i = 0; i < neighbours.Length; i++)
        {
            var d = Label[neighbours[i]];
            if (d == to)
                gain += lengths[i];
            else if (d == own)
                gain -= lengths[i];
        }
        return gain;
    }

    /// <summary>The cut saved by moving a whole piece (vertices of one district) to <paramref name="to"/>.</summary>
    public double Gain(IReadOnlyList<int> piece, int to)
    {
        var gain = 0.0;
        foreach (var v in piece)
        {
            var own = Label[v];
            var neighbours = Graph.Neighbours(v);
            var lengths = Graph.BorderLengths(v);
            for (var i = 0; i < neighbours.Length; i++)
            {
                var d = Label[neighbours[i]];
                if (d == to)
                    gain += lengths[i];
                else if (d == own && !Contains(piece, neighbours[i]))
                    gain -= lengths[i];
            }
        }
        return gain;

        // Pieces are a handful of vertices, so a scan beats building a set.
        static bool Contains(IReadOnlyList<int> piece, int x)
        {
            for (var i = 0; i < piece.Count; i++)
                if (piece[i] == x)
                    return true;
            return false;
        }
    }

    /// <summary>Σ max(0, load − cap): how far the plan is from fitting under the cap.</summary>
    public double Overload(double cap)
    {
        var total = 0.0;
        foreach (var load in Load)
            total += Math.Max(0, load - cap);
        return total;
    }

    /// <summary>Districts sharing a border with the district, in increasing order.</summary>
    public List<int> NeighbourDistricts(int district)
    {
        var result = new List<int>();
        foreach (var v in _members[district])
            foreach (var u in Graph.Neighbours(v))
            {
                var d = Label[u];
                if (d != district && !result.Contains(d))
                    result.Add(d);
            }
        result.Sort();
        return result;
    }

    public bool Touches(int vertex, int district)
    {
        foreach (var u in Graph.Neighbours(vertex))
            if (Label[u] == district)
                return true;
        return false;
    }

    /// <summary>
    /// Whether the vertex's district stays connected and non-empty without it, counting
    /// <paramref name="incoming"/> (a vertex about to join it, or −1) as a member already.
    /// </summary>
    /// <remarks>
    /// Most answers come from the two-hop ball around the vertex: if its remaining neighbours in the district
    /// are connected to each other inside that ball, any path that went through the vertex can detour, so the
    /// district stays connected. That is sufficient, not necessary (a detour may need to go further round), so
    /// a failed local test falls back to a search of the whole district.
    /// </remarks>
    public bool CanRemove(int vertex, int incoming = -1)
    {
        var district = Label[vertex];
        var remaining = _members[district].Count - 1 + (incoming >= 0 ? 1 : 0);
        if (remaining < 1)
            return false;
        return LocallyConnected(vertex, district, incoming) || GloballyConnected(vertex, district, incoming, remaining);
    }

    /// <summary>
    /// The least that must leave with the vertex for its district to stay connected: the vertex alone when it is
    /// not a cut vertex, else the vertex with every piece its removal would cut off but the heaviest. Empty when
    /// the vertex is its district's only member.
    /// </summary>
    public void Detachable(int vertex, List<int> chunk)
    {
        chunk.Clear();
        var district = Label[vertex];
        if (_members[district].Count <= 1)
            return;
        chunk.Add(vertex);
        if (CanRemove(vertex))
            return;

        // Pieces of the district without the vertex; each contains a neighbour of it.
        var visit = ++_generation;
        _seen[vertex] = visit;
        var pieces = new List<(int Start, int Length, double Weight)>();
        var tail = 0;
        foreach (var root in Graph.Neighbours(vertex))
        {
            if (Label[root] != district || _seen[root] == visit)
                continue;
            var start = tail;
            _queue[tail++] = root;
            _seen[root] = visit;
            var weight = 0.0;
            for (var head = start; head < tail; head++)
            {
                var x = _queue[head];
                weight += Graph.Weight(x);
                foreach (var y in Graph.Neighbours(x))
                    if (_seen[y] != visit && Label[y] == district)
                    {
                        _seen[y] = visit;
                        _queue[tail++] = y;
                    }
            }
            pieces.Add((start, tail - start, weight));
        }
        var keep = 0;
        for (var i = 1; i < pieces.Count; i++)
            if (pieces[i].Weight > pieces[keep].Weight || (pieces[i].Weight == pieces[keep].Weight && pieces[i].Length > pieces[keep].Length))
                keep = i;
        for (var i = 0; i < pieces.Count; i++)
            if (i != keep)
                for (var j = pieces[i].Start; j < pieces[i].Start + pieces[i].Length; j++)
                    chunk.Add(_queue[j]);
    }

    private bool InDistrict(int x, int district, int removed, int incoming) =>
        x == incoming || (x != removed && Label[x] == district);

    private bool LocallyConnected(int vertex, int district, int incoming)
    {
        var ball = ++_generation;
        var first = -1;
        var expected = 0;
        foreach (var u in Graph.Neighbours(vertex))
        {
            if (!InDistrict(u, district, vertex, incoming))
                continue;
            expected++;
            if (first < 0)
                first = u;
            _ball[u] = ball;
            foreach (var x in Graph.Neighbours(u))
                if (InDistrict(x, district, vertex, incoming))
                    _ball[x] = ball;
        }
        if (first < 0)
            return false;

        var visit = ++_generation;
        var head = 0;
        var tail = 0;
        _queue[tail++] = first;
        _seen[first] = visit;
        var reached = 0;
        while (head < tail)
        {
            var x = _queue[head++];
            if (IsNeighbour(x, vertex))
                reached++;
            foreach (var y in Graph.Neighbours(x))
            {
                if (_ball[y] != ball || _seen[y] == visit)
                    continue;
                _seen[y] = visit;
                _queue[tail++] = y;
            }
        }
        return reached == expected;
    }

    private bool IsNeighbour(int x, int vertex) => Graph.Neighbours(vertex).BinarySearch(x) >= 0;

    private bool GloballyConnected(int vertex, int district, int incoming, int remaining)
    {
        var start = incoming;
        if (start < 0)
            foreach (var m in _members[district])
                if (m != vertex)
                {
                    start = m;
                    break;
                }
        return Reach(start, district, vertex, incoming) == remaining;
    }

    private int Reach(int start, int district, int removed, int incoming)
    {
        var visit = ++_generation;
        var head = 0;
        var tail = 0;
        _queue[tail++] = start;
        _seen[start] = visit;
        while (head < tail)
        {
            var x = _queue[head++];
            foreach (var y in Graph.Neighbours(x))
            {
                if (_seen[y] == visit || !InDistrict(y, district, removed, incoming))
                    continue;
                _seen[y] = visit;
                _queue[tail++] = y;
            }
        }
        return tail;
    }
}
