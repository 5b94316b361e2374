using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;
using Wangge.Geo.Districting;
using Wangge.Geo.Synthesis;

namespace Wangge.Geo.Tests.Districting;

/// <summary>Base units and graphs for the districting tests, near Baiyun's latitude.</summary>
internal static class Units
{
    public const double Lon0 = 113.25;
    public const double Lat0 = 23.2;
    /// <summary>Cell height in degrees of latitude: about 440 m.</summary>
    public const double Cell = 0.004;

    /// <summary>Cell width in degrees of longitude that makes the cell square on the ground.</summary>
    public static readonly double CellLon =
        Cell * LocalProjection.KmPerDegreeLatitude / (LocalProjection.KmPerDegreeLongitudeAtEquator * Math.Cos(Lat0 * Math.PI / 180));

    /// <summary>A rows × cols lattice of squares (square on the ground, near enough), row-major, ids "r{row}c{col}".</summary>
    public static List<BaseUnit> Squares(int rows, int cols, Func<int, int, double> weight, Func<int, int, bool>? present = null)
    {
        var units = new List<BaseUnit>();
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                if (present?.Invoke(r, c) ?? true)
                    units.Add(new BaseUnit($"r{r}c{c}", Rectangle(Lon0 + c * CellLon, Lat0 + r * Cell, Lon0 + (c + 1) * CellLon, Lat0 + (r + 1) * Cell), weight(r, c)));
        return units;
    }

    public static Polygon Square(double lon, double lat, double size) => Rectangle(lon, lat, lon + size, lat + size);

    public static Polygon Rectangle(double minX, double minY, double maxX, double maxY) =>
        Wgs84.Factory.CreatePolygon([new(minX, minY), new(maxX, minY), new(maxX, maxY), new(minX, maxY), new(minX, minY)]);

    /// <summary>A rows × cols lattice graph with unit edge lengths and no geometry: what a caller with only a graph has.</summary>
    public static AdjacencyGraph Bare(int rows, int cols, Func<int, int, double> weight)
    {
        var weights = new List<double>();
        var edges = new List<GraphEdge>();
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
            {
                weights.Add(weight(r, c));
                if (c + 1 < cols)
                    edges.Add(new GraphEdge(r * cols + c, r * cols + c + 1));
                if (r + 1 < rows)
                    edges.Add(new GraphEdge(r * cols + c, (r + 1) * cols + c));
            }
        return new AdjacencyGraph(weights, edges);
    }

    /// <summary>
    /// Weights as skewed as business counts, but feasible: a thin background, a few town centres and single heavy
    /// "market" cells, none heavier than half a district's mean load.
    /// </summary>
    public static Func<int, int, double> Skewed(int rows, int cols, int districts, int seed)
    {
        var random = new Random(seed);
        var w = new double[rows, cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                w[r, c] = 1 + Math.Floor(3 * random.NextDouble() * random.NextDouble());
        for (var t = 0; t < 3; t++)
        {
            double cr = random.Next(rows), cc = random.Next(cols);
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < cols; c++)
                    w[r, c] += Math.Floor(15 * Math.Exp(-((r - cr) * (r - cr) + (c - cc) * (c - cc)) / 4.0));
        }
        for (var m = 0; m < rows * cols / 40; m++)
            w[random.Next(rows), random.Next(cols)] += random.Next(10, 40);
        var half = w.Cast<double>().Sum() / districts / 2;
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                w[r, c] = Math.Min(w[r, c], Math.Floor(half));
        return (r, c) => w[r, c];
    }

    /// <summary>Contiguity checked without the graph: the union of a district's shapes must be one polygon.</summary>
    public static void AssertEveryDistrictIsOnePolygon(IReadOnlyList<BaseUnit> units, IReadOnlyList<int> districtOf, int count)
    {
        for (var d = 0; d < count; d++)
        {
            var shapes = units.Where((_, i) => districtOf[i] == d).Select(u => u.Shape).ToArray();
            Assert.NotEmpty(shapes);
            var union = OverlayNGRobust.Union(Wgs84.Factory.BuildGeometry(shapes));
            Assert.True(union.NumGeometries == 1, $"District {d} falls into {union.NumGeometries} pieces.");
        }
    }

    /// <summary>Contiguity checked by an independent search over the graph.</summary>
    public static void AssertEveryDistrictIsConnected(AdjacencyGraph graph, IReadOnlyList<int> districtOf, int count)
    {
        for (var d = 0; d < count; d++)
        {
            var members = Enumerable.Range(0, graph.VertexCount).Where(v => districtOf[v] == d).ToList();
            Assert.True(members.Count > 0, $"District {d} is empty.");
            var seen = new HashSet<int> { members[0] };
            var stack = new Stack<int>([members[0]]);
            while (stack.TryPop(out var v))
                foreach (var u in graph.Neighbours(v))
                    if (districtOf[u] == d && seen.Add(u))
                        stack.Push(u);
            Assert.True(seen.Count == members.Count, $"District {d}: only {seen.Count} of its {members.Count} units are connected.");
        }
    }
}
