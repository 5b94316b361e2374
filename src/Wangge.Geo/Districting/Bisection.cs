namespace Wangge.Geo.Districting;

/// <summary>
/// The starting plan: recursive bisection of each connected piece of the graph into contiguous halves whose
/// loads follow their district counts.
/// </summary>
/// <remarks>
/// <para>A region holding districts [lo, hi) carries label lo. It is cut by growing one side best-first across
/// the region's longer axis (so cuts come out nearly straight and short) until that side holds its share of the
/// load; pieces of the other side cut off by the growth join the grown side, which they must touch, and the
/// share is then restored by moving border vertices with the best gain whose removal keeps their side
/// connected. Both halves are therefore connected at every level, and so is every final district.</para>
/// <para>Without vertex geometry the growth follows hop distance from a far vertex instead of an axis.</para>
/// </remarks>
internal sealed class Bisection(Partition partition, Random random, double cap)
{
    // Balance to a thousandth of one district's load; what is left the global balancer absorbs cheaply.
    private const double Tolerance = 0.001;
    // Seeded rotation of each cut, in radians: different seeds give different but equally straight cuts.
    private const double Wobble = 0.15;
    // Regions of this few districts are where heavy cells must be packed; they try several cuts (see Split).
    private const int LookAhead = 8;
    // Six directions 30° apart, each grown from either end.
    private const int Trials = 12;
    // Cuts moved towards the half that fits, per direction, after the straight one overflows.
    private const int Retries = 2;
    // Trials nest (a region's trial splits its halves, which try their own), so each outermost region of at
    // most LookAhead districts gets this many cuts in all.
    private const int Budget = 200;

    private readonly AdjacencyGraph _graph = partition.Graph;
    private readonly bool[] _grown = new bool[partition.Graph.VertexCount];
    private readonly double[] _priority = new double[partition.Graph.VertexCount];
    private int _budget;
    private bool _trying;

    /// <summary>Splits the region labelled <paramref name="lo"/> into districts lo … hi − 1.</summary>
    /// <remarks>
    /// Near the leaves a region may hold a town centre whose cells are each a good part of a district, and then
    /// whether its districts fit under the cap depends on where the cuts fall. So a region of at most
    /// <see cref="LookAhead"/> districts tries its cut in several directions, each split all the way down, and
    /// keeps the first whose districts all fit (or failing that the one with the lightest heaviest district).
    /// When only one half overflows, the same direction is tried again with the cut moved by the overflow.
    /// The first trial is the ordinary cut, so regions that fit at once cost nothing extra.
    /// </remarks>
    public void Split(int lo, int hi)
    {
        var count = hi - lo;
        if (count <= 1)
            return;
        if (count > LookAhead)
        {
            SplitOnce(lo, hi, trial: 0, shift: 0);
            return;
        }
        if (!_trying)
        {
            _trying = true;
            _budget = Budget;
            TrySplits(lo, hi);
            _trying = false;
        }
        else if (_budget > 0)
            TrySplits(lo, hi);
        else
            SplitOnce(lo, hi, trial: 0, shift: 0);
    }

    private void TrySplits(int lo, int hi)
    {
        var count = hi - lo;
        var region = partition.Members(lo).ToArray();
        int[]? best = null;
        var bestMax = double.PositiveInfinity;
        var first = true;
        for (var trial = 0; trial < Trials && _budget > 0; trial++)
        {
            var shift = 0.0;
            for (var retry = 0; retry <= Retries && _budget-- > 0; retry++)
            {
                if (!first)
                    foreach (var v in region)
                        partition.Move(v, lo);
                first = false;
                var mid = SplitOnce(lo, hi, trial, shift);
                var lowMax = Enumerable.Range(lo, mid - lo).Max(d => partition.Load[d]);
                var highMax = Enumerable.Range(mid, hi - mid).Max(d => partition.Load[d]);
                if (Math.Max(lowMax, highMax) <= cap)
                    return;
                if (Math.Max(lowMax, highMax) < bestMax)
                    (best, bestMax) = (region.Select(v => partition.Label[v]).ToArray(), Math.Max(lowMax, highMax));
                if ((lowMax > cap) == (highMax > cap) || partition.Load[lo] <= 0)
                    break; // both halves overflow (or weights are all zero): moving the cut cannot help
                // Move the cut so the overflowing half sheds its overflow to the other.
                shift += lowMax > cap ? cap - lowMax : highMax - cap;
            }
        }
        for (var i = 0; i < region.Length; i++)
            partition.Move(region[i], best![i]);
    }

    /// <summary>One cut of the region along direction <paramref name="trial"/>, the low half's share moved by <paramref name="shift"/>; returns the first district of the high half.</summary>
    private int SplitOnce(int lo, int hi, int trial, double shift)
    {
        var count = hi - lo;
        var region = partition.Members(lo).ToArray();
        var byCount = partition.Load[lo] <= 0;
        var total = byCount ? region.Length : partition.Load[lo];
        var low = count / 2;
        var mid = lo + low;
        var target = Math.Clamp(total * low / count + shift, 0, total);

        Grow(region, target, byCount, maxSize: region.Length - (count - low), trial);
        foreach (var v in region)
            if (!_grown[v])
                partition.Move(v, mid);
        foreach (var v in region)
            _grown[v] = false;
        JoinStrandedPieces(lo, mid, byCount);
        Rebalance(lo, mid, target, Tolerance * total / count, byCount);

        // Concentrated weight can leave a side with fewer vertices than districts; each district needs one.
        var lowSize = partition.Size(lo);
        var highSize = partition.Size(mid);
        var fitted = Math.Clamp(low, Math.Max(1, count - highSize), Math.Min(count - 1, lowSize));
        if (fitted != low)
        {
            foreach (var v in partition.Members(mid).ToArray())
                partition.Move(v, lo + fitted);
            mid = lo + fitted;
        }
        Split(lo, mid);
        Split(mid, hi);
        return mid;
    }

    private double Measure(int vertex, bool byCount) => byCount ? 1 : _graph.Weight(vertex);

    private double MeasureOf(int district, bool byCount) => byCount ? partition.Size(district) : partition.Load[district];

    private void Grow(int[] region, double target, bool byCount, int maxSize, int trial)
    {
        SetPriorities(region, trial);
        var start = region[0];
        foreach (var v in region)
            if (_priority[v] < _priority[start] || (_priority[v] == _priority[start] && v < start))
                start = v;

        var label = partition.Label[start];
        var queue = new PriorityQueue<int, (double, int)>();
        queue.Enqueue(start, (_priority[start], start));
        var grown = 0.0;
        var size = 0;
        var last = -1;
        while (queue.TryDequeue(out var v, out _) && size < maxSize)
        {
            if (_grown[v])
                continue;
            _grown[v] = true;
            size++;
            grown += Measure(v, byCount);
            last = v;
            if (grown >= target)
                break;
            foreach (var u in _graph.Neighbours(v))
                if (!_grown[u] && partition.Label[u] == label)
                    queue.Enqueue(u, (_priority[u], u));
        }
        // The last vertex grown is a leaf of the growth, so dropping it cannot disconnect the grown side.
        var w = last >= 0 ? Measure(last, byCount) : 0;
        if (size > 1 && grown - target > target - (grown - w))
            _grown[last] = false;
    }

    /// <summary>Position along the region's long axis, or hop distance from a far vertex when there are no coordinates.</summary>
    private void SetPriorities(int[] region, int trial)
    {
        if (!_graph.HasGeometry)
        {
            HopDistances(region);
            return;
        }
        double mx = 0, my = 0;
        foreach (var v in region)
        {
            mx += _graph.Geometry(v).CentreXKm;
            my += _graph.Geometry(v).CentreYKm;
        }
        mx /= region.Length;
        my /= region.Length;
        double sxx = 0, syy = 0, sxy = 0;
        foreach (var v in region)
        {
            var dx = _graph.Geometry(v).CentreXKm - mx;
            var dy = _graph.Geometry(v).CentreYKm - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        var angle = 0.5 * Math.Atan2(2 * sxy, sxx - syy) + Wobble * (2 * random.NextDouble() - 1);
        var sign = random.Next(2) == 0 ? 1 : -1;
        if (trial > 0)
        {
            angle += trial / 2 * (2 * Math.PI / Trials);
            sign = trial % 2 == 0 ? sign : -sign;
        }
        var (cx, cy) = (sign * Math.Cos(angle), sign * Math.Sin(angle));
        foreach (var v in region)
            _priority[v] = cx * (_graph.Geometry(v).CentreXKm - mx) + cy * (_graph.Geometry(v).CentreYKm - my);
    }

    private void HopDistances(int[] region)
    {
        var label = partition.Label[region[0]];
        var far = Farthest(region[random.Next(region.Length)], label);
        far = Farthest(far, label);
        Farthest(far, label);
    }

    /// <summary>Breadth-first hop distances from <paramref name="start"/> into the priorities; returns the last vertex reached.</summary>
    private int Farthest(int start, int label)
    {
        var queue = new Queue<int>();
        var seen = new HashSet<int> { start };
        _priority[start] = 0;
        queue.Enqueue(start);
        var last = start;
        while (queue.TryDequeue(out var v))
        {
            last = v;
            foreach (var u in _graph.Neighbours(v))
                if (partition.Label[u] == label && seen.Add(u))
                {
                    _priority[u] = _priority[v] + 1;
                    queue.Enqueue(u);
                }
        }
        return last;
    }

    /// <summary>Keeps the heaviest connected piece of the high side; every other piece touches the low side and joins it.</summary>
    private void JoinStrandedPieces(int low, int high, bool byCount)
    {
        var members = partition.Members(high).ToArray();
        var piece = new Dictionary<int, int>();
        var pieces = new List<(List<int> Vertices, double Measure)>();
        foreach (var start in members)
        {
            if (piece.ContainsKey(start))
                continue;
            var vertices = new List<int> { start };
            piece[start] = pieces.Count;
            var measure = 0.0;
            for (var i = 0; i < vertices.Count; i++)
            {
                measure += Measure(vertices[i], byCount);
                foreach (var u in _graph.Neighbours(vertices[i]))
                    if (partition.Label[u] == high && piece.TryAdd(u, pieces.Count))
                        vertices.Add(u);
            }
            pieces.Add((vertices, measure));
        }
        if (pieces.Count <= 1)
            return;
        var keep = 0;
        for (var i = 1; i < pieces.Count; i++)
            if (pieces[i].Measure > pieces[keep].Measure || (pieces[i].Measure == pieces[keep].Measure && pieces[i].Vertices.Count > pieces[keep].Vertices.Count))
                keep = i;
        for (var i = 0; i < pieces.Count; i++)
            if (i != keep)
                foreach (var v in pieces[i].Vertices)
                    partition.Move(v, low);
    }

    /// <summary>Moves border vertices across the cut, best gain first, until the low side holds its share.</summary>
    private void Rebalance(int low, int high, double target, double tolerance, bool byCount)
    {
        var candidates = new List<(int Vertex, double Gain, double Miss)>();
        for (var step = 0; step < 4 * _graph.VertexCount; step++)
        {
            var diff = MeasureOf(low, byCount) - target;
            if (Math.Abs(diff) <= tolerance)
                return;
            var (from, to) = diff > 0 ? (low, high) : (high, low);
            var excess = Math.Abs(diff);
            candidates.Clear();
            foreach (var v in partition.Members(from))
            {
                var w = Measure(v, byCount);
                // Only moves that shrink the imbalance: a vertex up to twice the excess overshoots by less than it fixes.
                if (w <= 0 || w >= 2 * excess || !partition.Touches(v, to))
                    continue;
                candidates.Add((v, partition.Gain(v, to), Math.Abs(w - excess)));
            }
            candidates.Sort((a, b) =>
                a.Gain != b.Gain ? b.Gain.CompareTo(a.Gain) : a.Miss != b.Miss ? a.Miss.CompareTo(b.Miss) : a.Vertex.CompareTo(b.Vertex));
            var moved = false;
            foreach (var (v, _, _) in candidates)
            {
                if (!partition.CanRemove(v))
                    continue;
                partition.Move(v, to);
                moved = true;
                break;
            }
            if (!moved)
                return;
        }
    }
}
