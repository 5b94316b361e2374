using NetTopologySuite.Geometries;
using Wangge.Geo.Topology;
using static Wangge.Geo.Tests.Topology.Tiles;

namespace Wangge.Geo.Tests.Topology;

/// <summary>The explicit repair: each border valid, each family a clean coverage, every change listed with area and place.</summary>
public sealed class CoverageRepairTests
{
    private static RepairResult Repair(params GridShape[] shapes) =>
        CoverageRepair.Repair(shapes, NoExistingParents, new RepairOptions());

    private static void AssertPasses(RepairResult repaired) => AssertNone(TopologyCheck.Check(repaired.Shapes, NoExistingParents, new TopologyOptions()));

    [Fact]
    public void Repair_BorderCrossingItself_IsMadeValid_AndTheChangeSaysWhereAndHowMuch()
    {
        // A 1 km box whose east edge loops back over itself: a 0.001° triangle is drawn inside out.
        var loop = Wgs84.Factory.CreatePolygon(
        [
            new(Lon0, Lat0), new(Lon0 + 0.01, Lat0), new(Lon0 + 0.01, Lat0 + 0.005), new(Lon0 + 0.011, Lat0 + 0.006),
            new(Lon0 + 0.011, Lat0 + 0.005), new(Lon0 + 0.01, Lat0 + 0.006), new(Lon0 + 0.01, Lat0 + 0.01), new(Lon0, Lat0 + 0.01), new(Lon0, Lat0),
        ]);
        Assert.Contains(Check(Grid("A", null, loop)), p => p.Kind == TopologyProblemKind.SelfIntersection);

        var repaired = Repair(Grid("A", null, loop));

        var change = Assert.Single(repaired.Changes);
        Assert.Equal(RepairKind.MadeValid, change.Kind);
        Assert.Equal("A", change.Code);
        Assert.Equal(Lon0 + 0.0105, change.Place.X, 6);
        Assert.Equal(Lat0 + 0.0055, change.Place.Y, 6);
        // The bow-tie's two triangles of 0.001° × 0.0005° / 2 each: one counted negative before, both positive after.
        Assert.InRange(change.AreaM2, M2(0.001, 0.0005) * 0.98, M2(0.001, 0.0005) * 1.02);
        Assert.True(repaired.Shapes[0].Border!.IsValid);
        AssertPasses(repaired);
    }

    [Fact]
    public void Repair_OverlappingSiblings_TakesTheOverlapFromTheSmaller()
    {
        var (parent, _, _) = TwoHalves();
        var west = Grid("P-01", "P", Box(0, 0, 0.0122, 0.01));
        var east = Grid("P-02", "P", Box(0.012, 0, 0.02, 0.01));

        var repaired = Repair(parent, west, east);

        var change = Assert.Single(repaired.Changes);
        Assert.Equal((RepairKind.OverlapRemoved, "P-02", "P-01"), (change.Kind, change.Code, change.OtherCode));
        Assert.InRange(change.AreaM2, M2(0.0002, 0.01) * 0.99, M2(0.0002, 0.01) * 1.01);
        Assert.Equal(Lon0 + 0.0121, change.Place.X, 6);
        Assert.True(repaired.Shapes[1].Border!.EqualsTopologically(west.Border!));
        Assert.True(repaired.Shapes[2].Border!.EqualsTopologically(Box(0.0122, 0, 0.02, 0.01)));
        AssertPasses(repaired);
    }

    [Fact]
    public void Repair_SliverGapInTheParent_GoesToTheNeighbourWithTheLongestSharedEdge()
    {
        var parent = Grid("P", null, Box(0, 0, 0.02, 0.01));
        // A 10 m wide slit between west and east, with a short south neighbour touching its end.
        var west = Grid("P-01", "P", Box(0, 0.001, 0.0099, 0.01));
        var east = Grid("P-02", "P", Box(0.01, 0.001, 0.02, 0.01));
        var south = Grid("P-03", "P", Box(0, 0, 0.02, 0.001));
        Assert.Contains(Check(parent, west, east, south), p => p.Kind == TopologyProblemKind.Gap);

        var repaired = Repair(parent, west, east, south);

        var change = Assert.Single(repaired.Changes);
        Assert.Equal(RepairKind.GapFilled, change.Kind);
        Assert.Contains(change.Code, new[] { "P-01", "P-02" });
        Assert.Equal("P", change.OtherCode);
        Assert.InRange(change.AreaM2, M2(0.0001, 0.009) * 0.99, M2(0.0001, 0.009) * 1.01);
        AssertPasses(repaired);
    }

    [Fact]
    public void Repair_SliverOutsideTheParent_IsCutOff()
    {
        var parent = Grid("P", null, Box(0, 0, 0.02, 0.01));
        var west = Grid("P-01", "P", Box(-0.0001, 0, 0.01, 0.01));
        var east = Grid("P-02", "P", Box(0.01, 0, 0.02, 0.01));

        var repaired = Repair(parent, west, east);

        var change = Assert.Single(repaired.Changes);
        Assert.Equal((RepairKind.ClippedToParent, "P-01", "P"), (change.Kind, change.Code, change.OtherCode));
        Assert.Equal(Lon0 - 0.00005, change.Place.X, 6);
        AssertPasses(repaired);
    }

    [Fact]
    public void Repair_LargeGap_IsLeftForTheCheckToReport()
    {
        var parent = Grid("P", null, Box(0, 0, 0.03, 0.01));
        var west = Grid("P-01", "P", Box(0, 0, 0.01, 0.01));
        var east = Grid("P-02", "P", Box(0.02, 0, 0.03, 0.01));

        var repaired = Repair(parent, west, east);

        Assert.Empty(repaired.Changes);
        Single(TopologyCheck.Check(repaired.Shapes, NoExistingParents, new TopologyOptions()), TopologyProblemKind.Gap);
    }

    [Fact]
    public void Repair_BorderThatCannotBeMadeValid_SaysSoWithItsLocation()
    {
        var broken = Wgs84.Factory.CreatePolygon([new(Lon0, Lat0), new(double.NaN, Lat0), new(Lon0 + 0.01, Lat0 + 0.01), new(Lon0, Lat0)]);

        var repaired = Repair(Grid("A", null, broken), Grid("B", null, Box(0.02, 0, 0.03, 0.01)));

        var change = Assert.Single(repaired.Changes);
        Assert.Equal((RepairKind.Unrepairable, "A"), (change.Kind, change.Code));
        Assert.True(double.IsFinite(change.Place.X) && double.IsFinite(change.Place.Y));
        Assert.Same(broken, repaired.Shapes[0].Border);
    }

    [Fact]
    public void Repair_CleanFamily_ChangesNothing()
    {
        var (parent, west, east) = TwoHalves();

        var repaired = Repair(parent, west, east);

        Assert.Empty(repaired.Changes);
        Assert.True(repaired.Shapes[1].Border!.EqualsTopologically(west.Border!));
    }
}
