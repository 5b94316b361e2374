using NetTopologySuite.Geometries;
using Wangge.Geo.Topology;
using static Wangge.Geo.Tests.Topology.Tiles;

namespace Wangge.Geo.Tests.Topology;

/// <summary>The coverage rules between grids: inside the parent, no overlap between siblings, no gap in the parent.</summary>
public sealed class FamilyRulesTests
{
    [Fact]
    public void Check_ParentTiledByTwoHalves_NoProblems()
    {
        var (parent, west, east) = TwoHalves();

        AssertNone(Check(parent, west, east));
    }

    [Fact]
    public void Check_ParentTiledByVoronoiCells_NoProblems()
    {
        var area = Box(0, 0, 0.05, 0.04);
        var cells = VoronoiCells(area, 300, seed: 5).Select((c, i) => Grid($"C{i:D4}", "P", c));

        AssertNone(Check([Grid("P", null, area), .. cells]));
    }

    [Fact]
    public void Check_SiblingsOverlapBeyondTolerance_OneOverlapForThePairWithTheIntersectionAsLocation()
    {
        var (parent, west, east) = TwoHalves();
        var wider = west with { Border = Box(0, 0, 0.011, 0.01) };

        var problems = Check(parent, east, wider);

        var overlap = Single(problems, TopologyProblemKind.Overlap);
        Assert.Equal(("P-01", "P-02"), (overlap.Code, overlap.OtherCode));
        AssertArea(M2(0.001, 0.01), overlap);
        Assert.Contains("'P-01' and 'P-02'", overlap.Message);
        Assert.Contains("(lon 113.260500, lat 23.205000)", overlap.Message);
        Assert.Single(problems);
    }

    [Fact]
    public void Check_TwoCodesWithTheSameBorder_OverlapOfTheWholeGrid()
    {
        var (parent, west, east) = TwoHalves();
        var copy = Grid("P-03", "P", Box(0.01, 0, 0.02, 0.01));

        var overlap = Single(Check(parent, west, east, copy), TopologyProblemKind.Overlap);

        Assert.Equal(("P-02", "P-03"), (overlap.Code, overlap.OtherCode));
        AssertArea(M2(0.01, 0.01), overlap);
    }

    [Theory]
    [InlineData(1.0, false)]
    [InlineData(0.1, true)]
    public void Check_OverlapOfHalfASquareMetre_ReportedOnlyAboveTheTolerance(double toleranceM2, bool reported)
    {
        var (parent, west, east) = TwoHalves();
        // Half a square metre: the strip along the shared edge is 0.01° (~1.1 km) long.
        var sliver = 0.5 / M2(1, 0.01);
        var wider = west with { Border = Box(0, 0, 0.01 + sliver, 0.01) };

        var problems = Check(new TopologyOptions(ToleranceM2: toleranceM2), parent, wider, east);

        Assert.Equal(reported, problems.Any(p => p.Kind == TopologyProblemKind.Overlap));
        Assert.DoesNotContain(problems, p => p.Kind != TopologyProblemKind.Overlap);
    }

    [Fact]
    public void Check_ChildrenLeaveAStrip_ReportsTheGapUnderTheParentCodeNamingItsNeighbours()
    {
        var (parent, west, east) = TwoHalves();
        var narrower = west with { Border = Box(0, 0, 0.009, 0.01) };

        var problems = Check(parent, narrower, east);

        var gap = Single(problems, TopologyProblemKind.Gap);
        Assert.Equal("P", gap.Code);
        Assert.Null(gap.OtherCode);
        AssertArea(M2(0.001, 0.01), gap);
        Assert.Contains("next to 'P-01', 'P-02'", gap.Message);
        Assert.Contains("(lon 113.259500, lat 23.205000)", gap.Message);
        Assert.Single(problems);
    }

    [Fact]
    public void Check_GapOfHalfASquareMetre_Ignored()
    {
        var (parent, west, east) = TwoHalves();
        var sliver = 0.5 / M2(1, 0.01);
        var narrower = west with { Border = Box(0, 0, 0.01 - sliver, 0.01) };

        AssertNone(Check(parent, narrower, east));
    }

    [Fact]
    public void Check_TwoSeparateGaps_OneProblemEach()
    {
        var parent = Grid("P", null, Box(0, 0, 0.03, 0.01));
        var a = Grid("A", "P", Box(0, 0, 0.009, 0.01));
        var b = Grid("B", "P", Box(0.01, 0, 0.019, 0.01));
        var c = Grid("C", "P", Box(0.02, 0, 0.03, 0.01));

        var gaps = Check(parent, a, b, c).Where(p => p.Kind == TopologyProblemKind.Gap).ToList();

        Assert.Equal(2, gaps.Count);
        Assert.All(gaps, g => AssertArea(M2(0.001, 0.01), g));
    }

    [Fact]
    public void Check_ChildPartlyOutsideParent_ReportsThePartOutside()
    {
        var (parent, west, east) = TwoHalves();
        var spilling = east with { Border = Box(0.01, 0, 0.022, 0.01) };

        var problems = Check(parent, west, spilling);

        var outside = Single(problems, TopologyProblemKind.OutsideParent);
        Assert.Equal(("P-02", "P"), (outside.Code, outside.OtherCode));
        AssertArea(M2(0.002, 0.01), outside);
        Assert.Contains("'P-02' reaches outside its parent 'P'", outside.Message);
        Assert.Single(problems);
    }

    [Fact]
    public void Check_ChildOutsideByLessThanTolerance_Ignored()
    {
        var (parent, west, east) = TwoHalves();
        var sliver = 0.5 / M2(1, 0.01);

        AssertNone(Check(parent, west, east with { Border = Box(0.01, 0, 0.02 + sliver, 0.01) }));
    }

    [Fact]
    public void Check_DistrictStreetsAndGridsInOneList_ChecksEachLevelAgainstItsOwnParent()
    {
        // District D = two streets; street S1 = grids G11, G12 (overlapping); street S2 = grids G21, G22 (gap),
        // and G21 also reaches into S1, which is outside its own parent, not an overlap with S1's grids.
        GridShape[] shapes =
        [
            Grid("D", null, Box(0, 0, 0.04, 0.02)),
            Grid("S1", "D", Box(0, 0, 0.02, 0.02)),
            Grid("S2", "D", Box(0.02, 0, 0.04, 0.02)),
            Grid("G11", "S1", Box(0, 0, 0.011, 0.02)),
            Grid("G12", "S1", Box(0.01, 0, 0.02, 0.02)),
            Grid("G21", "S2", Box(0.019, 0, 0.03, 0.02)),
            Grid("G22", "S2", Box(0.031, 0, 0.04, 0.02)),
        ];

        var problems = Check(shapes);

        var overlap = Single(problems, TopologyProblemKind.Overlap);
        Assert.Equal(("G11", "G12"), (overlap.Code, overlap.OtherCode));
        AssertArea(M2(0.001, 0.02), overlap);
        var outside = Single(problems, TopologyProblemKind.OutsideParent);
        Assert.Equal(("G21", "S2"), (outside.Code, outside.OtherCode));
        AssertArea(M2(0.001, 0.02), outside);
        var gap = Single(problems, TopologyProblemKind.Gap);
        Assert.Equal("S2", gap.Code);
        AssertArea(M2(0.001, 0.02), gap);
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void Check_ParentsFromExistingBorders_UsedForInsideAndCoverage()
    {
        var existing = new Dictionary<string, Geometry> { ["S"] = Box(0, 0, 0.02, 0.01) };
        GridShape[] shapes = [Grid("G1", "S", Box(0, 0, 0.009, 0.01)), Grid("G2", "S", Box(0.01, 0, 0.021, 0.01))];

        var problems = TopologyCheck.Check(shapes, existing, new TopologyOptions());

        AssertArea(M2(0.001, 0.01), Single(problems, TopologyProblemKind.Gap));
        Assert.Equal("S", Single(problems, TopologyProblemKind.Gap).Code);
        Assert.Equal("G2", Single(problems, TopologyProblemKind.OutsideParent).Code);
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Check_ParentInTheImport_WinsOverTheStoredBorder()
    {
        var existing = new Dictionary<string, Geometry> { ["P"] = Box(0, 0, 0.01, 0.01) };
        var (parent, west, east) = TwoHalves();

        AssertNone(TopologyCheck.Check([parent, west, east], existing, new TopologyOptions()));
    }

    [Fact]
    public void Check_StoredParentBorderInvalid_ReportedOnceAndItsChildrenNotHeldAgainstIt()
    {
        var bowTie = Wgs84.Factory.CreatePolygon(
            [new(Lon0, Lat0), new(Lon0 + 0.02, Lat0 + 0.01), new(Lon0 + 0.02, Lat0), new(Lon0, Lat0 + 0.01), new(Lon0, Lat0)]);
        var existing = new Dictionary<string, Geometry> { ["P"] = bowTie };
        var (_, west, east) = TwoHalves();

        var problem = Assert.Single(TopologyCheck.Check([west, east], existing, new TopologyOptions()));

        Assert.Equal((TopologyProblemKind.InvalidGeometry, "P"), (problem.Kind, problem.Code));
    }

    [Fact]
    public void Check_TopLevelGridsOverlapping_ReportsOverlapWithoutAParent()
    {
        var problems = Check(Grid("A", null, Box(0, 0, 0.011, 0.01)), Grid("B", null, Box(0.01, 0, 0.02, 0.01)));

        var overlap = Single(problems, TopologyProblemKind.Overlap);
        Assert.Equal(("A", "B"), (overlap.Code, overlap.OtherCode));
        Assert.Single(problems);
    }
}
