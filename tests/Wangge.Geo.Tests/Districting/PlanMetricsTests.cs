using Wangge.Geo.Districting;

namespace Wangge.Geo.Tests.Districting;

public sealed class PlanMetricsTests
{
    [Fact]
    public void PolsbyPopper_Square_IsPiOverFour()
    {
        var square = Units.Rectangle(0, 0, 3, 3);

        Assert.Equal(Math.PI / 4, PlanMetrics.PolsbyPopper(square), 12);
    }

    [Fact]
    public void Evaluate_TwoByTwoSplitIntoColumns_ScoresAsWorkedByHand()
    {
        // Weights 1 2 / 3 4 (rows from the south); the west column holds 1 + 3, the east 2 + 4.
        var units = Units.Squares(2, 2, (r, c) => 1 + c + 2 * r);
        var graph = AdjacencyGraph.FromShapes(units);
        int[] columns = [0, 1, 0, 1];

        var plan = PlanMetrics.Evaluate(graph, columns);

        Assert.Equal([4.0, 6.0], plan.Loads);
        Assert.Equal(6 / 5.0, plan.MaxOverMean, 12);
        var side = graph.BorderLengths(0)[0];
        Assert.Equal(2 * side, plan.EdgeCut, 9);
        Assert.True(plan.AllContiguous);
        // A 1 × 2 rectangle: 4π·2 / 6² = 2π/9.
        Assert.All(plan.PolsbyPopper, pp => Assert.Equal(2 * Math.PI / 9, pp, 4));
        Assert.Equal(plan.PolsbyPopper.Average(), plan.MeanPolsbyPopper, 12);
    }

    [Fact]
    public void Evaluate_WholeSquareAsOneDistrict_ScoresNearPiOverFour()
    {
        var graph = AdjacencyGraph.FromShapes(Units.Squares(3, 3, (_, _) => 1));

        var plan = PlanMetrics.Evaluate(graph, new int[9]);

        Assert.Equal(Math.PI / 4, Assert.Single(plan.PolsbyPopper), 4);
        Assert.Equal(0, plan.EdgeCut);
        Assert.Equal(1, plan.MaxOverMean);
    }

    [Fact]
    public void Evaluate_DiagonalDistrict_IsNotContiguous()
    {
        var graph = AdjacencyGraph.FromShapes(Units.Squares(2, 2, (_, _) => 1));

        var plan = PlanMetrics.Evaluate(graph, [0, 1, 1, 0]);

        Assert.False(plan.AllContiguous);
        Assert.Equal(2, PlanMetrics.NonContiguousCount(graph, plan.DistrictOf, 2));
        Assert.Equal([false, false], PlanMetrics.Contiguity(graph, plan.DistrictOf, 2));
    }

    [Fact]
    public void Evaluate_UserMovesAUnit_LoadsAndBordersFollowTheEdit()
    {
        var graph = AdjacencyGraph.FromShapes(Units.Squares(1, 4, (_, c) => c + 1));
        int[] proposed = [0, 0, 1, 1];
        var edited = proposed.ToArray();
        edited[2] = 0; // the user hands the third unit to the west district

        var before = PlanMetrics.Evaluate(graph, proposed);
        var after = PlanMetrics.Evaluate(graph, edited);

        Assert.Equal([3.0, 7.0], before.Loads);
        Assert.Equal([6.0, 4.0], after.Loads);
        Assert.Equal(before.EdgeCut, after.EdgeCut, 9);
        Assert.True(after.AllContiguous);
    }

    [Fact]
    public void PolsbyPopper_UnionsAndPerimeterSums_Agree()
    {
        var shaped = AdjacencyGraph.FromShapes(Units.Squares(4, 5, (r, c) => r + c));
        var edges = new List<GraphEdge>();
        for (var v = 0; v < shaped.VertexCount; v++)
            for (var i = 0; i < shaped.Neighbours(v).Length; i++)
                if (shaped.Neighbours(v)[i] > v)
                    edges.Add(new GraphEdge(v, shaped.Neighbours(v)[i], shaped.BorderLengths(v)[i]));
        var summed = new AdjacencyGraph(
            Enumerable.Range(0, shaped.VertexCount).Select(shaped.Weight).ToArray(), edges,
            Enumerable.Range(0, shaped.VertexCount).Select(shaped.Geometry).ToArray());
        var districtOf = Enumerable.Range(0, 20).Select(v => (v % 5 + v / 5 * 3) % 3).ToArray();

        var fromUnions = PlanMetrics.PolsbyPopper(shaped, districtOf, 3);
        var fromSums = PlanMetrics.PolsbyPopper(summed, districtOf, 3);

        for (var d = 0; d < 3; d++)
            Assert.Equal(fromUnions[d], fromSums[d], 9);
    }

    [Fact]
    public void Evaluate_GraphWithoutLengthsOrGeometry_CutCountsEdgesAndCompactnessIsUnknown()
    {
        var graph = Units.Bare(2, 3, (_, _) => 1);

        var plan = PlanMetrics.Evaluate(graph, [0, 0, 1, 0, 0, 1]);

        Assert.Equal(2, plan.EdgeCut);
        Assert.Equal(2, PlanMetrics.CutEdgeCount(graph, plan.DistrictOf));
        Assert.True(double.IsNaN(plan.MeanPolsbyPopper));
    }

    [Fact]
    public void Evaluate_EmptyTrailingDistrict_CountsTowardsTheMean()
    {
        var graph = Units.Bare(1, 2, (_, _) => 1);

        var plan = PlanMetrics.Evaluate(graph, [0, 0], districtCount: 2);

        Assert.Equal([2.0, 0.0], plan.Loads);
        Assert.Equal(2, plan.MaxOverMean);
    }

    [Fact]
    public void MaxOverMean_NothingWeighsAnything_IsOne()
    {
        Assert.Equal(1, PlanMetrics.MaxOverMean([0.0, 0.0, 0.0]));
    }

    [Theory]
    [InlineData(new[] { 0, 0 })]
    [InlineData(new[] { 0, -1, 0 })]
    public void Evaluate_DistrictListNotMatchingTheGraph_Throws(int[] districtOf)
    {
        Assert.Throws<ArgumentException>(() => PlanMetrics.Evaluate(Units.Bare(1, 3, (_, _) => 1), districtOf));
    }
}
