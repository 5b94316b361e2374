using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace Wangge.Geo.Districting;

/// <summary>
/// Scores any assignment of units to districts — a proposal, a plan a user has edited by moving units, or
/// another partitioner's output — on the same terms.
/// </summary>
public static class PlanMetrics
{
    /// <summary>All scores of a plan.</summary>
    /// <param name="districtOf">District of each vertex, 0 … count − 1.</param>
    /// <param name="districtCount">Defaults to the highest district number + 1; give it when trailing districts may be empty.</param>
    public static DistrictPlan Evaluate(AdjacencyGraph graph, IReadOnlyList<int> districtOf, int? districtCount = null)
    {
        var count = Check(graph, districtOf, districtCount);
        var loads = Loads(graph, districtOf, count);
        var pp = PolsbyPopper(graph, districtOf, count);
        var scored = pp.Where(p => !double.IsNaN(p)).ToArray(); // empty districts have no shape to score
        return new DistrictPlan(
            districtOf.ToArray(), loads, MaxOverMean(loads), EdgeCut(graph, districtOf), pp,
            scored.Length == 0 ? double.NaN : scored.Average(), Contiguity(graph, districtOf, count).All(c => c));
    }

    public static double[] Loads(AdjacencyGraph graph, IReadOnlyList<int> districtOf, int districtCount)
    {
        Check(graph, districtOf, districtCount);
        var loads = new double[districtCount];
        for (var v = 0; v < graph.VertexCount; v++)
            loads[districtOf[v]] += graph.Weight(v);
        return loads;
    }

    /// <summary>Heaviest load over the mean load; 1 when nothing weighs anything (all loads are equal).</summary>
    public static double MaxOverMean(IReadOnlyList<double> loads)
    {
        ArgumentNullException.ThrowIfNull(loads);
        if (loads.Count == 0)
            throw new ArgumentException("No loads.", nameof(loads));
        var mean = loads.Average();
        return mean > 0 ? loads.Max() / mean : 1;
    }

    /// <summary>Total length of the borders between different districts (the edge count when the graph has unit lengths).</summary>
    public static double EdgeCut(AdjacencyGraph graph, IReadOnlyList<int> districtOf)
    {
        Check(graph, districtOf, null);
        var cut = 0.0;
        for (var v = 0; v < graph.VertexCount; v++)
        {
            var neighbours = graph.Neighbours(v);
            var lengths = graph.BorderLengths(v);
            for (var i = 0; i < neighbours.Length; i++)
                if (neighbours[i] > v && districtOf[neighbours[i]] != districtOf[v])
                    cut += lengths[i];
        }
        return cut;
    }

    /// <summary>How many adjacencies join different districts, whatever their lengths.</summary>
    public static int CutEdgeCount(AdjacencyGraph graph, IReadOnlyList<int> districtOf)
    {
        Check(graph, districtOf, null);
        var cut = 0;
        for (var v = 0; v < graph.VertexCount; v++)
            foreach (var u in graph.Neighbours(v))
                if (u > v && districtOf[u] != districtOf[v])
                    cut++;
        return cut;
    }

    /// <summary>Whether each district is connected in the adjacency graph; an empty district has nothing to disconnect.</summary>
    public static bool[] Contiguity(AdjacencyGraph graph, IReadOnlyList<int> districtOf, int districtCount)
    {
        Check(graph, districtOf, districtCount);
        var pieces = new int[districtCount];
        var seen = new bool[graph.VertexCount];
        var stack = new Stack<int>();
        for (var start = 0; start < graph.VertexCount; start++)
        {
            if (seen[start])
                continue;
            var d = districtOf[start];
            pieces[d]++;
            seen[start] = true;
            stack.Push(start);
            while (stack.TryPop(out var v))
                foreach (var u in graph.Neighbours(v))
                    if (!seen[u] && districtOf[u] == d)
                    {
                        seen[u] = true;
                        stack.Push(u);
                    }
        }
        return pieces.Select(p => p <= 1).ToArray();
    }

    public static int NonContiguousCount(AdjacencyGraph graph, IReadOnlyList<int> districtOf, int districtCount) =>
        Contiguity(graph, districtOf, districtCount).Count(c => !c);

    /// <summary>
    /// 4πA/P² of each district: from the union of its units' shapes (in the graph's local km projection) when the
    /// graph kept them, else from the units' areas and perimeters less twice the borders shared inside the
    /// district, which is the same number for units that tile without gaps. NaN for an empty district or a
    /// graph without geometry.
    /// </summary>
    public static double[] PolsbyPopper(AdjacencyGraph graph, IReadOnlyList<int> districtOf, int districtCount)
    {
        Check(graph, districtOf, districtCount);
        var result = new double[districtCount];
        if (graph.HasShapes)
        {
            var parts = Enumerable.Range(0, districtCount).Select(_ => new List<Geometry>()).ToArray();
            for (var v = 0; v < graph.VertexCount; v++)
                parts[districtOf[v]].Add(graph.ShapeKm(v)!);
            // Unions are most of the cost of scoring a plan and independent of each other; each lands in its own slot.
            Parallel.For(0, districtCount, d => result[d] = parts[d].Count == 0 ? double.NaN
                : PolsbyPopper(OverlayNGRobust.Union(Wgs84.Factory.BuildGeometry(parts[d]))));
            return result;
        }
        if (!graph.HasGeometry)
            return Enumerable.Repeat(double.NaN, districtCount).ToArray();

        var area = new double[districtCount];
        var perimeter = new double[districtCount];
        for (var v = 0; v < graph.VertexCount; v++)
        {
            var d = districtOf[v];
            area[d] += graph.Geometry(v).AreaKm2;
            perimeter[d] += graph.Geometry(v).PerimeterKm;
            var neighbours = graph.Neighbours(v);
            var lengths = graph.BorderLengths(v);
            for (var i = 0; i < neighbours.Length; i++)
                if (districtOf[neighbours[i]] == d)
                    perimeter[d] -= lengths[i]; // each inner border is met from both sides: twice in all
        }
        for (var d = 0; d < districtCount; d++)
            result[d] = perimeter[d] > 0 ? 4 * Math.PI * area[d] / (perimeter[d] * perimeter[d]) : double.NaN;
        return result;
    }

    /// <summary>4πA/P² of a planar shape (holes count towards the perimeter); NaN for a shape without area.</summary>
    public static double PolsbyPopper(Geometry shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var perimeter = shape.Length;
        return shape.Area > 0 && perimeter > 0 ? 4 * Math.PI * shape.Area / (perimeter * perimeter) : double.NaN;
    }

    private static int Check(AdjacencyGraph graph, IReadOnlyList<int> districtOf, int? districtCount)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(districtOf);
        if (districtOf.Count != graph.VertexCount)
            throw new ArgumentException($"Got districts for {districtOf.Count} units but the graph has {graph.VertexCount}.", nameof(districtOf));
        var highest = -1;
        for (var v = 0; v < districtOf.Count; v++)
        {
            if (districtOf[v] < 0)
                throw new ArgumentException($"Unit {graph.NameOf(v)} has district {districtOf[v]}; districts are numbered from 0.", nameof(districtOf));
            highest = Math.Max(highest, districtOf[v]);
        }
        var count = districtCount ?? highest + 1;
        if (count < 1 || highest >= count)
            throw new ArgumentException($"District numbers go up to {highest} but there are {count} districts.", nameof(districtOf));
        return count;
    }
}
