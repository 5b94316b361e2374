using NetTopologySuite.Geometries;

namespace Wangge.Geo.Districting;

/// <summary>
/// Base units as a weighted graph: vertex weights are workloads, edges join units that share a border and
/// carry its length. Immutable; neighbour lists are sorted by vertex so every walk over them is repeatable.
/// </summary>
public sealed class AdjacencyGraph
{
    private readonly double[] _weights;
    private readonly int[] _offsets;
    private readonly int[] _targets;
    private readonly double[] _lengths;
    private readonly VertexGeometry[]? _geometry;
    private readonly Geometry[]? _shapesKm;

    /// <param name="weights">Workload of each vertex; finite and ≥ 0.</param>
    /// <param name="edges">
    /// Each adjacency once, in either direction; an edge listed again is taken as a further stretch of the same
    /// border and its length is added.
    /// </param>
    /// <param name="geometry">Optional, one per vertex; without it Polsby–Popper is NaN and cuts follow hop distances.</param>
    public AdjacencyGraph(IReadOnlyList<double> weights, IEnumerable<GraphEdge> edges, IReadOnlyList<VertexGeometry>? geometry = null)
        : this(weights, edges, geometry, ids: null, shapesKm: null)
    {
    }

    internal AdjacencyGraph(
        IReadOnlyList<double> weights, IEnumerable<GraphEdge> edges, IReadOnlyList<VertexGeometry>? geometry,
        IReadOnlyList<string>? ids, Geometry[]? shapesKm)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(edges);
        var n = weights.Count;
        _weights = new double[n];
        for (var v = 0; v < n; v++)
        {
            var w = weights[v];
            if (!double.IsFinite(w) || w < 0)
                throw new ArgumentException($"Vertex {Name(v, ids)} has weight {w}; weights must be finite and ≥ 0.", nameof(weights));
            _weights[v] = w;
            TotalWeight += w;
        }
        if (geometry is not null && geometry.Count != n)
            throw new ArgumentException($"Got geometry for {geometry.Count} vertices but {n} weights.", nameof(geometry));
        _geometry = geometry?.ToArray();
        Ids = ids;
        _shapesKm = shapesKm;
        (_offsets, _targets, _lengths) = BuildLists(n, edges, ids);
    }

    public int VertexCount => _weights.Length;

    /// <summary>Undirected edges, each counted once.</summary>
    public int EdgeCount => _targets.Length / 2;

    public double TotalWeight { get; }

    /// <summary>The units' ids when the graph came from shapes; null otherwise.</summary>
    public IReadOnlyList<string>? Ids { get; }

    public bool HasGeometry => _geometry is not null;

    /// <summary>Whether the units' own shapes are kept, so district shapes can be unions rather than sums.</summary>
    public bool HasShapes => _shapesKm is not null;

    public double Weight(int vertex) => _weights[vertex];

    public ReadOnlySpan<int> Neighbours(int vertex) =>
        _targets.AsSpan(_offsets[vertex], _offsets[vertex + 1] - _offsets[vertex]);

    /// <summary>Shared border lengths, parallel to <see cref="Neighbours"/>.</summary>
    public ReadOnlySpan<double> BorderLengths(int vertex) =>
        _lengths.AsSpan(_offsets[vertex], _offsets[vertex + 1] - _offsets[vertex]);

    public VertexGeometry Geometry(int vertex) =>
        _geometry is null ? throw new InvalidOperationException("This graph was built without vertex geometry.") : _geometry[vertex];

    /// <summary>The unit's shape in the graph's local km projection, or null when the graph has no shapes.</summary>
    public Geometry? ShapeKm(int vertex) => _shapesKm?[vertex];

    /// <summary>A readable name for messages: the unit's id when known, else "vertex N".</summary>
    public string NameOf(int vertex) => Name(vertex, Ids);

    /// <summary>
    /// Neighbours are units whose borders share a stretch of positive length (a shared corner is not enough),
    /// with the shared length as the edge weight; see <see cref="SharedBorders"/> for the tolerance.
    /// </summary>
    /// <param name="toleranceKm">How far apart two borders may lie and still count as shared (default 1 m),
    /// so that digitising noise between neighbouring villages does not cut them apart.</param>
    public static AdjacencyGraph FromShapes(IReadOnlyList<BaseUnit> units, double toleranceKm = 0.001) =>
        SharedBorders.Graph(units, toleranceKm);

    private static string Name(int vertex, IReadOnlyList<string>? ids) => ids is null ? $"vertex {vertex}" : $"'{ids[vertex]}'";

    private static (int[] Offsets, int[] Targets, double[] Lengths) BuildLists(int n, IEnumerable<GraphEdge> edges, IReadOnlyList<string>? ids)
    {
        var merged = new Dictionary<(int, int), double>();
        foreach (var edge in edges)
        {
            if ((uint)edge.A >= (uint)n || (uint)edge.B >= (uint)n)
                throw new ArgumentException($"Edge ({edge.A}, {edge.B}) names a vertex outside 0 … {n - 1}.", nameof(edges));
            if (edge.A == edge.B)
                throw new ArgumentException($"Edge ({edge.A}, {edge.B}) joins {Name(edge.A, ids)} to itself.", nameof(edges));
            if (!double.IsFinite(edge.Length) || edge.Length <= 0)
                throw new ArgumentException($"Edge ({edge.A}, {edge.B}) has length {edge.Length}; lengths must be finite and > 0.", nameof(edges));
            var key = edge.A < edge.B ? (edge.A, edge.B) : (edge.B, edge.A);
            merged[key] = merged.GetValueOrDefault(key) + edge.Length;
        }

        var degree = new int[n + 1];
        foreach (var ((a, b), _) in merged)
        {
            degree[a]++;
            degree[b]++;
        }
        var offsets = new int[n + 1];
        for (var v = 0; v < n; v++)
            offsets[v + 1] = offsets[v] + degree[v];
        var targets = new int[offsets[n]];
        var lengths = new double[offsets[n]];
        var fill = offsets[..n];
        foreach (var ((a, b), length) in merged)
        {
            targets[fill[a]] = b;
            lengths[fill[a]++] = length;
            targets[fill[b]] = a;
            lengths[fill[b]++] = length;
        }
        // The dictionary's order is an implementation detail; sorted lists make every later tie-break repeatable.
        for (var v = 0; v < n; v++)
            Array.Sort(targets, lengths, offsets[v], offsets[v + 1] - offsets[v]);
        return (offsets, targets, lengths);
    }
}
