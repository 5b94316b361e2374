namespace Wangge.Geo.Districting;

/// <summary>An undirected adjacency between vertices <paramref name="A"/> and <paramref name="B"/>.</summary>
/// <param name="Length">Shared border in km; the edge cut sums it, so 1 makes the cut an edge count.</param>
public readonly record struct GraphEdge(int A, int B, double Length = 1);

/// <summary>What compactness and the bisection's cut directions need to know of a vertex's shape.</summary>
/// <param name="AreaKm2">Area in km².</param>
/// <param name="PerimeterKm">Boundary length in km, holes included.</param>
/// <param name="CentreXKm">Centroid in any planar km frame shared by all vertices.</param>
/// <param name="CentreYKm">Centroid in the same frame.</param>
public readonly record struct VertexGeometry(double AreaKm2, double PerimeterKm, double CentreXKm, double CentreYKm);
