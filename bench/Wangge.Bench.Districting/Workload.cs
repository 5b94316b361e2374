using NetTopologySuite.Geometries;
using Wangge.Geo;
using Wangge.Geo.Districting;
using Wangge.Geo.Synthesis;

namespace Wangge.Bench.Districting;

/// <summary>
/// The benchmark's area and business counts: skewed the way real registers are — town centres and market
/// cells hold half the businesses on a few percent of the land, the rest thin out into a long tail.
/// </summary>
internal static class Workload
{
    /// <summary>A square of the given side in the local projection, and a cell size that fits exactly <paramref name="cells"/> per side.</summary>
    public static (Polygon Parent, double CellKm) Square(double lon0, double lat0, double sideKm, int cells)
    {
        var dLat = sideKm / LocalProjection.KmPerDegreeLatitude;
        var centre = new LocalProjection(lon0, lat0 + dLat / 2);
        var dLon = sideKm / centre.KmPerDegreeLongitude;
        var parent = Wgs84.Factory.CreatePolygon([
            new Coordinate(lon0, lat0), new Coordinate(lon0 + dLon, lat0), new Coordinate(lon0 + dLon, lat0 + dLat),
            new Coordinate(lon0, lat0 + dLat), new Coordinate(lon0, lat0)]);
        // A hair over side/cells, so rounding in the projection cannot add a 101st row of slivers.
        return (parent, sideKm / cells * (1 + 1e-9));
    }

    /// <summary>
    /// Whole workload weights per cell [row, col]: one for the cell's area (so empty land still counts, as the
    /// issue's weights have an area term) plus its businesses — a lognormal background, a few Gaussian town
    /// centres and scattered market cells — with every cell kept under 0.95 of the mean district load so that
    /// max/mean 1.05 stays reachable.
    /// </summary>
    public static double[,] Weights(int side, int districts, int seed)
    {
        var random = new Random(seed);
        var counts = new double[side, side];
        for (var r = 0; r < side; r++)
            for (var c = 0; c < side; c++)
                counts[r, c] = 1 + Math.Floor(Math.Exp(1.0 * Normal(random)));

        // Town centres: tens of businesses per 400 m cell at the peak, falling off over a kilometre or so.
        for (var t = 0; t < 7; t++)
        {
            double cr = 10 + random.NextDouble() * (side - 20), cc = 10 + random.NextDouble() * (side - 20);
            var sigma = 1.2 + random.NextDouble() * 1.3;
            var peak = 40 + random.NextDouble() * 50;
            for (var r = 0; r < side; r++)
                for (var c = 0; c < side; c++)
                {
                    var d2 = ((r - cr) * (r - cr) + (c - cc) * (c - cc)) / (2 * sigma * sigma);
                    if (d2 < 12)
                        counts[r, c] += Math.Floor(peak * Math.Exp(-d2) * Math.Exp(0.3 * Normal(random)));
                }
        }
        // Wholesale markets, malls and industrial parks: single cells with up to a few hundred registered businesses.
        for (var m = 0; m < 120; m++)
            counts[random.Next(side), random.Next(side)] += Math.Floor(60 + 200 * random.NextDouble());

        for (var round = 0; round < 10; round++)
        {
            var mean = counts.Cast<double>().Sum() / districts;
            for (var r = 0; r < side; r++)
                for (var c = 0; c < side; c++)
                    counts[r, c] = Math.Min(counts[r, c], Math.Floor(0.95 * mean));
        }
        return counts;
    }

    public static void Describe(AdjacencyGraph graph, int districts)
    {
        var weights = Enumerable.Range(0, graph.VertexCount).Select(graph.Weight).OrderDescending().ToArray();
        var total = weights.Sum();
        var mean = total / districts;
        var half = 0;
        for (var sum = 0.0; sum < total / 2; half++)
            sum += weights[half];
        double Share(double fraction) => weights.Take((int)(fraction * weights.Length)).Sum() / total;
        Console.WriteLine($"Workload: {total:0} in all, mean district load {mean:0.0}; heaviest cell {weights[0]:0} = {weights[0] / mean:0.00}× the mean load; " +
                          $"half the load lies in the {half} heaviest cells ({100.0 * half / weights.Length:0.0} %); " +
                          $"top 1 % of cells hold {100 * Share(0.01):0} %, top 5 % hold {100 * Share(0.05):0} %.");
    }

    // Box–Muller: the generator must not depend on any library's sampling, so seed 2026 means the same data everywhere.
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
