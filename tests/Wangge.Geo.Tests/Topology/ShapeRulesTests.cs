using NetTopologySuite.Geometries;
using Wangge.Geo.Topology;
using static Wangge.Geo.Tests.Topology.Tiles;

namespace Wangge.Geo.Tests.Topology;

/// <summary>The rules each border, code and parent link must pass on its own.</summary>
public sealed class ShapeRulesTests
{
    // Roughly Guangzhou.
    private static readonly Envelope Guangzhou = new(112.9, 114.1, 22.5, 23.95);

    [Fact]
    public void Check_NullOrEmptyBorder_ReportsEmptyGeometry()
    {
        var problems = Check(Grid("A", null, null), Grid("B", null, Wgs84.Factory.CreatePolygon()));

        Assert.Equal(["A", "B"], problems.Where(p => p.Kind == TopologyProblemKind.EmptyGeometry).Select(p => p.Code));
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Check_LineForBorder_ReportsNotPolygon()
    {
        var line = Wgs84.Factory.CreateLineString([new(Lon0, Lat0), new(Lon0 + 0.01, Lat0)]);

        var problem = Single(Check(Grid("A", null, line)), TopologyProblemKind.NotPolygon);

        Assert.Equal("A", problem.Code);
        Assert.Contains("LineString", problem.Message);
    }

    [Fact]
    public void Check_BowTie_ReportsSelfIntersectionAtItsCrossingPoint()
    {
        var bowTie = Wgs84.Factory.CreatePolygon(
        [
            new(Lon0, Lat0), new(Lon0 + 0.01, Lat0 + 0.01), new(Lon0 + 0.01, Lat0), new(Lon0, Lat0 + 0.01), new(Lon0, Lat0),
        ]);

        var problem = Single(Check(Grid("A", null, bowTie)), TopologyProblemKind.SelfIntersection);

        var point = Assert.IsType<Point>(problem.Location);
        Assert.Equal(Lon0 + 0.005, point.X, 9);
        Assert.Equal(Lat0 + 0.005, point.Y, 9);
        Assert.Contains("'A'", problem.Message);
        Assert.Contains("(lon 113.255000, lat 23.205000)", problem.Message);
    }

    [Fact]
    public void Check_HoleOutsideShell_ReportsInvalidGeometryAndSkipsTheGridFromFamilyRules()
    {
        var shell = (LinearRing)Box(0, 0, 0.01, 0.01).ExteriorRing;
        var hole = (LinearRing)Box(0.02, 0, 0.03, 0.01).ExteriorRing;
        var (parent, west, _) = TwoHalves();
        var broken = Grid("P-02", "P", Wgs84.Factory.CreatePolygon(shell, [hole]));

        var problems = Check(parent, west, broken);

        Assert.Equal("P-02", Single(problems, TopologyProblemKind.InvalidGeometry).Code);
        // Its hole would overlap nothing and its shell duplicates West: no overlay ran on it.
        Assert.DoesNotContain(problems, p => p.Kind == TopologyProblemKind.Overlap);
        Assert.Contains("not counting 'P-02'", Single(problems, TopologyProblemKind.Gap).Message);
    }

    [Fact]
    public void ForUnreadable_RingTheReaderCouldNotBuild_CarriesKindCodeAndMessageWithoutLocation()
    {
        var problem = TopologyProblem.ForUnreadable("A", TopologyProblemKind.RingNotClosed, "Feature 3 ('A'): ring 1 is not closed.");

        Assert.Equal(new TopologyProblem(TopologyProblemKind.RingNotClosed, "A", null, null, 0, "Feature 3 ('A'): ring 1 is not closed."), problem);
    }

    [Fact]
    public void Check_LatLonSwappedWithoutBounds_ReportsSwappedCoordinatesAndWhereTheGridBelongs()
    {
        var swapped = Wgs84.Factory.CreatePolygon(Box(0, 0, 0.01, 0.01).Coordinates.Select(c => new Coordinate(c.Y, c.X)).ToArray());

        var problems = Check(Grid("A", null, swapped));

        var problem = Single(problems, TopologyProblemKind.SwappedCoordinates);
        Assert.Equal("A", problem.Code);
        Assert.Contains("longitude and latitude look swapped", problem.Message);
        Assert.Contains("read the other way round it is (lon 113.250000, lat 23.200000)", problem.Message);
        Assert.True(problem.Location!.EqualsTopologically(Box(0, 0, 0.01, 0.01)));
        Assert.Single(problems);
    }

    [Fact]
    public void Check_LatLonSwappedWithJurisdictionBounds_ReportsSwappedCoordinates()
    {
        var swapped = Wgs84.Factory.CreatePolygon(Box(0, 0, 0.01, 0.01).Coordinates.Select(c => new Coordinate(c.Y, c.X)).ToArray());

        var problem = Single(Check(new TopologyOptions(JurisdictionBounds: Guangzhou), Grid("A", null, swapped)),
            TopologyProblemKind.SwappedCoordinates);

        Assert.Contains("longitude and latitude look swapped", problem.Message);
        Assert.Contains("jurisdiction", problem.Message);
    }

    [Fact]
    public void Check_GridCrossingTheJurisdictionBounds_ReportsOutOfBoundsWithThePartOutside()
    {
        var bounds = new Envelope(Lon0 - 1, Lon0 + 0.01, Lat0 - 1, Lat0 + 1);
        var grid = Grid("A", null, Box(0, 0, 0.015, 0.01));

        var problem = Single(Check(new TopologyOptions(JurisdictionBounds: bounds), grid), TopologyProblemKind.OutOfBounds);

        Assert.Equal("A", problem.Code);
        AssertArea(M2(0.005, 0.01), problem);
        Assert.Contains("(lon 113.265000, lat 23.200000)", problem.Message);
    }

    [Fact]
    public void Check_GridInsideTheJurisdictionBounds_NoProblem() =>
        AssertNone(Check(new TopologyOptions(JurisdictionBounds: Guangzhou), Grid("A", null, Box(0, 0, 0.01, 0.01))));

    [Fact]
    public void Check_LatitudeBeyondNinetyThatSwappingDoesNotExplain_ReportsOutOfBounds()
    {
        var offPlanet = Wgs84.Factory.CreatePolygon(
            [new(113, 95), new(113.01, 95), new(113.01, 95.01), new(113, 95.01), new(113, 95)]);

        var problem = Single(Check(Grid("A", null, offPlanet)), TopologyProblemKind.OutOfBounds);

        Assert.Contains("WGS-84", problem.Message);
    }

    [Fact]
    public void Check_CodeThreeTimes_OneDuplicatePerExtraOccurrenceNamingBothSourceIndexes()
    {
        var problems = Check(
            Grid("A", null, Box(0, 0, 0.01, 0.01), sourceIndex: 10),
            Grid("A", null, Box(0.01, 0, 0.02, 0.01), sourceIndex: 11),
            Grid("B", null, Box(0.02, 0, 0.03, 0.01), sourceIndex: 12),
            Grid("A", null, Box(0.03, 0, 0.04, 0.01), sourceIndex: 13));

        var duplicates = problems.Where(p => p.Kind == TopologyProblemKind.DuplicateCode).ToList();
        Assert.Equal(2, duplicates.Count);
        Assert.All(duplicates, d => Assert.Equal("A", d.Code));
        Assert.Contains("source index 10", duplicates[0].Message);
        Assert.Contains("source index 11", duplicates[0].Message);
        Assert.Contains("source index 10", duplicates[1].Message);
        Assert.Contains("source index 13", duplicates[1].Message);
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Check_SameGridTwice_DuplicateOnlyNotAlsoAnOverlapWithItself()
    {
        var problems = Check(Grid("A", null, Box(0, 0, 0.01, 0.01)), Grid("A", null, Box(0, 0, 0.01, 0.01)));

        Assert.Equal(TopologyProblemKind.DuplicateCode, Assert.Single(problems).Kind);
    }

    [Fact]
    public void Check_ParentNeitherImportedNorExisting_ReportsUnknownParent()
    {
        var problem = Single(Check(Grid("A", "NOPE", Box(0, 0, 0.01, 0.01))), TopologyProblemKind.UnknownParent);

        Assert.Equal("A", problem.Code);
        Assert.Equal("NOPE", problem.OtherCode);
        Assert.Contains("'NOPE'", problem.Message);
    }

    [Fact]
    public void Check_ParentOnlyAmongExistingParents_IsKnown()
    {
        var existing = new Dictionary<string, Geometry> { ["P"] = Box(0, 0, 0.01, 0.01) };

        var problems = TopologyCheck.Check([Grid("A", "P", Box(0, 0, 0.01, 0.01))], existing, new TopologyOptions());

        AssertNone(problems);
    }

    [Fact]
    public void Check_NegativeTolerance_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Check(new TopologyOptions(ToleranceM2: -1)));
}
