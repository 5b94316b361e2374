using Wangge.Geo.Districting;
using Wangge.Geo.Synthesis;
using Wangge.Geo.Tests.Synthesis;

namespace Wangge.Geo.Tests.Districting;

public sealed class DistricterTests
{
    private static readonly DistrictingOptions Defaults = new();

    [Theory]
    [InlineData(1, 20, 20, 7)]
    [InlineData(2, 30, 25, 24)]
    [InlineData(3, 12, 40, 31)]
    [InlineData(4, 35, 35, 60)]
    [InlineData(5, 25, 30, 2)]
    public void Plan_RandomLatticeWithHoles_EveryDistrictIsConnected(int seed, int rows, int cols, int districts)
    {
        var random = new Random(seed);
        var weights = new double[rows, cols];
        var present = new bool[rows, cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
            {
                weights[r, c] = Math.Floor(Math.Exp(3 * random.NextDouble()));
                present[r, c] = random.NextDouble() > 0.12; // lakes and quarries: missing cells make the lattice ragged
            }
        var units = Units.Squares(rows, cols, (r, c) => weights[r, c], (r, c) => present[r, c]);
        var graph = AdjacencyGraph.FromShapes(units);
        var pieces = PiecesOf(graph);

        var plan = Districter.Plan(graph, Math.Max(districts, pieces), Defaults);

        Assert.True(plan.AllContiguous);
        Units.AssertEveryDistrictIsConnected(graph, plan.DistrictOf, plan.Loads.Count);
    }

    [Theory]
    [InlineData("star", true, 15)]
    [InlineData("u", false, 12)]
    [InlineData("holed", true, 20)]
    [InlineData("islands", false, 9)]
    public void Plan_LatticeOverAnIrregularParent_EveryDistrictIsOnePolygon(string shape, bool hexagons, int districts)
    {
        var units = Lattice.Cells(Shapes.ByName(shape), 0.5, hexagons, cell => Math.Round(1000 * cell.Area / 1.6e-5) + 1);

        var plan = Districter.Plan(units, districts, Defaults);

        Assert.True(plan.AllContiguous);
        Units.AssertEveryDistrictIsOnePolygon(units, plan.DistrictOf, districts);
    }

    [Theory]
    [InlineData("star", 10)]
    [InlineData("square", 12)]
    [InlineData("u", 8)]
    public void Plan_IrregularVillages_EveryDistrictIsOnePolygonAndBalanced(string shape, int districts)
    {
        // Villages: irregular polygons whose shared borders are digitised independently.
        var random = new Random(districts);
        var area = Shapes.ByName(shape);
        var villages = AreaPartitioner.Split(area, Enumerable.Range(0, 150).Select(_ => 0.5 + random.NextDouble()).ToArray(), seed: 9);
        var units = villages.Select((v, i) => new BaseUnit($"v{i}", v, 5 + random.Next(20))).ToList();

        var plan = Districter.Plan(units, districts, Defaults);

        Assert.True(plan.AllContiguous);
        Units.AssertEveryDistrictIsOnePolygon(units, plan.DistrictOf, districts);
        Assert.True(plan.MaxOverMean <= 1.05, $"max/mean {plan.MaxOverMean}: {plan.BalanceNote}");
    }

    [Theory]
    [InlineData(1, 40, 40, 30)]
    [InlineData(2, 50, 50, 60)]
    [InlineData(3, 30, 60, 40)]
    [InlineData(4, 60, 60, 120)]
    public void Plan_SkewedButFeasibleWeights_HeaviestDistrictWithinFivePercentOfTheMean(int seed, int rows, int cols, int districts)
    {
        var graph = AdjacencyGraph.FromShapes(Units.Squares(rows, cols, Units.Skewed(rows, cols, districts, seed)));

        var plan = Districter.Plan(graph, districts, new DistrictingOptions(Seed: seed));

        Assert.True(plan.MaxOverMean <= 1.05, $"max/mean {plan.MaxOverMean}: {plan.BalanceNote}");
        Assert.Null(plan.BalanceNote);
        Assert.True(plan.AllContiguous);
    }

    [Fact]
    public void Plan_GraphWithoutGeometry_ConnectedAndBalanced()
    {
        var graph = Units.Bare(30, 30, Units.Skewed(30, 30, 20, seed: 8));

        var plan = Districter.Plan(graph, 20, Defaults);

        Units.AssertEveryDistrictIsConnected(graph, plan.DistrictOf, 20);
        Assert.True(plan.MaxOverMean <= 1.05, $"max/mean {plan.MaxOverMean}: {plan.BalanceNote}");
    }

    [Fact]
    public void Plan_OneUnitHeavierThanTheMeanLoad_ReportsThatUnitAndTheBestPossible()
    {
        // 100 units of 1 and one of 60: with 4 districts the mean load is 40, so the district holding r5c5 weighs ≥ 60.
        var graph = AdjacencyGraph.FromShapes(Units.Squares(10, 10, (r, c) => r == 5 && c == 5 ? 60 : 1));

        var plan = Districter.Plan(graph, 4, Defaults);

        Assert.NotNull(plan.BalanceNote);
        Assert.Contains("impossible", plan.BalanceNote);
        Assert.Contains("'r5c5'", plan.BalanceNote);
        // The same reason as a key and values, for the plan page to say in its own language.
        Assert.Equal(BalanceShortfall.HeavyUnit, plan.Shortfall?.Key);
        Assert.Equal(["1.05", plan.MaxOverMean.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)], plan.Shortfall!.Arguments.Take(2));
        Assert.Contains(plan.Shortfall.Arguments, a => a.Contains("r5c5", StringComparison.Ordinal));
        Assert.Equal(60 / (159.0 / 4), plan.MaxOverMean, 9); // that unit alone: the best any plan can do
        Assert.True(plan.AllContiguous);
    }

    [Fact]
    public void Plan_SameSeed_SamePlan()
    {
        var graph = AdjacencyGraph.FromShapes(Units.Squares(30, 30, Units.Skewed(30, 30, 25, seed: 3)));

        var first = Districter.Plan(graph, 25, new DistrictingOptions(Seed: 42));
        var second = Districter.Plan(graph, 25, new DistrictingOptions(Seed: 42));

        Assert.Equal(first.DistrictOf, second.DistrictOf);
    }

    [Fact]
    public void Plan_TimeLimitTooShortToBalance_StillReturnsAContiguousPlanAndSaysWhy()
    {
        var graph = AdjacencyGraph.FromShapes(Units.Squares(40, 40, Units.Skewed(40, 40, 50, seed: 6)));

        var plan = Districter.Plan(graph, 50, new DistrictingOptions(TimeLimit: TimeSpan.FromTicks(1)));

        Units.AssertEveryDistrictIsConnected(graph, plan.DistrictOf, 50);
        Assert.True(plan.BalanceNote is null || plan.BalanceNote.Contains("time limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_UniformSquare_DistrictsAreCompact()
    {
        var graph = AdjacencyGraph.FromShapes(Units.Squares(24, 24, (_, _) => 1));

        var plan = Districter.Plan(graph, 16, Defaults);

        // Sixteen 6 × 6 squares would score π/4 ≈ 0.785; a plan of snakes would score far lower.
        Assert.True(plan.MeanPolsbyPopper > 0.6, $"mean Polsby–Popper {plan.MeanPolsbyPopper}");
    }

    [Fact]
    public void Plan_Islands_EveryDistrictStaysOnOneIsland()
    {
        var units = Lattice.Cells(Shapes.Islands(), 0.4, hexagons: false, _ => 1);
        var graph = AdjacencyGraph.FromShapes(units);
        var island = PieceOfEachVertex(graph);

        var plan = Districter.Plan(graph, 4, Defaults);

        for (var d = 0; d < 4; d++)
            Assert.Single(Enumerable.Range(0, graph.VertexCount).Where(v => plan.DistrictOf[v] == d).Select(v => island[v]).Distinct());
    }

    [Fact]
    public void Plan_FewerDistrictsThanIslands_ThrowsNamingTheProblem()
    {
        var graph = AdjacencyGraph.FromShapes(Lattice.Cells(Shapes.Islands(), 0.4, hexagons: false, _ => 1));

        var error = Assert.Throws<ArgumentException>(() => Districter.Plan(graph, 1, Defaults));

        Assert.Contains("2 separate pieces", error.Message);
    }

    [Fact]
    public void Plan_AsManyDistrictsAsUnits_OneUnitEach()
    {
        var graph = Units.Bare(3, 4, (r, c) => r + c);

        var plan = Districter.Plan(graph, 12, Defaults);

        Assert.Equal(Enumerable.Range(0, 12), plan.DistrictOf.Order());
    }

    [Fact]
    public void Plan_OneDistrict_TakesEverything()
    {
        var plan = Districter.Plan(Units.Bare(5, 5, (_, _) => 2), 1, Defaults);

        Assert.All(plan.DistrictOf, d => Assert.Equal(0, d));
        Assert.Equal(1, plan.MaxOverMean);
    }

    [Fact]
    public void Plan_NothingWeighsAnything_SplitsByCountAndStaysConnected()
    {
        var graph = Units.Bare(10, 10, (_, _) => 0);

        var plan = Districter.Plan(graph, 5, Defaults);

        Units.AssertEveryDistrictIsConnected(graph, plan.DistrictOf, 5);
        Assert.Equal(1, plan.MaxOverMean);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void Plan_DistrictCountOutOfRange_Throws(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Districter.Plan(Units.Bare(3, 4, (_, _) => 1), count, Defaults));
    }

    private static int PiecesOf(AdjacencyGraph graph) => PieceOfEachVertex(graph).Distinct().Count();

    private static int[] PieceOfEachVertex(AdjacencyGraph graph)
    {
        var piece = Enumerable.Repeat(-1, graph.VertexCount).ToArray();
        var next = 0;
        for (var start = 0; start < graph.VertexCount; start++)
        {
            if (piece[start] >= 0)
                continue;
            var stack = new Stack<int>([start]);
            piece[start] = next;
            while (stack.TryPop(out var v))
                foreach (var u in graph.Neighbours(v))
                    if (piece[u] < 0)
                    {
                        piece[u] = next;
                        stack.Push(u);
                    }
            next++;
        }
        return piece;
    }
}
