using NetTopologySuite.Geometries;
using Wangge.Geo.Districting;
using Wangge.Geo.Synthesis;

namespace Wangge.Geo.Tests.Districting;

public sealed class AdjacencyGraphTests
{
    private static readonly double SideKm = Units.Cell * LocalProjection.KmPerDegreeLatitude;

    [Fact]
    public void FromShapes_SquaresSharingAnEdge_AreNeighboursWithTheEdgeAsWeight()
    {
        var units = Units.Squares(1, 2, (_, _) => 1);

        var graph = AdjacencyGraph.FromShapes(units);

        Assert.Equal([1], graph.Neighbours(0).ToArray());
        Assert.Equal(SideKm, graph.BorderLengths(0)[0], 6);
    }

    [Fact]
    public void FromShapes_SquaresSharingOnlyACorner_AreNotNeighbours()
    {
        var units = Units.Squares(2, 2, (_, _) => 1, present: (r, c) => r == c);

        var graph = AdjacencyGraph.FromShapes(units);

        Assert.Equal(0, graph.EdgeCount);
    }

    [Fact]
    public void FromShapes_NeighbourWithExtraVerticesOnTheSharedEdge_IsANeighbourOverTheWholeEdge()
    {
        var left = Units.Square(Units.Lon0, Units.Lat0, Units.Cell);
        var x = Units.Lon0 + Units.Cell;
        var right = Wgs84.Factory.CreatePolygon([
            new(x, Units.Lat0), new(x + Units.Cell, Units.Lat0), new(x + Units.Cell, Units.Lat0 + Units.Cell),
            new(x, Units.Lat0 + Units.Cell), new(x, Units.Lat0 + 0.7 * Units.Cell), new(x, Units.Lat0 + 0.2 * Units.Cell), new(x, Units.Lat0)]);

        var graph = AdjacencyGraph.FromShapes([new BaseUnit("a", left, 1), new BaseUnit("b", right, 1)]);

        Assert.Equal(SideKm, graph.BorderLengths(0)[0], 6);
    }

    [Fact]
    public void FromShapes_NeighboursDigitisedHalfAMetreApart_AreNeighbours()
    {
        var gap = 0.0005 / (LocalProjection.KmPerDegreeLongitudeAtEquator * Math.Cos(Units.Lat0 * Math.PI / 180)); // half a metre east
        var left = Units.Square(Units.Lon0, Units.Lat0, Units.Cell);
        var right = Units.Rectangle(Units.Lon0 + Units.Cell + gap, Units.Lat0, Units.Lon0 + 2 * Units.Cell, Units.Lat0 + Units.Cell);

        var graph = AdjacencyGraph.FromShapes([new BaseUnit("a", left, 1), new BaseUnit("b", right, 1)]);

        Assert.Equal(1, graph.EdgeCount);
    }

    [Fact]
    public void FromShapes_SquaresTenMetresApart_AreNotNeighbours()
    {
        var gap = 0.01 / (LocalProjection.KmPerDegreeLongitudeAtEquator * Math.Cos(Units.Lat0 * Math.PI / 180));
        var left = Units.Square(Units.Lon0, Units.Lat0, Units.Cell);
        var right = Units.Rectangle(Units.Lon0 + Units.Cell + gap, Units.Lat0, Units.Lon0 + 2 * Units.Cell, Units.Lat0 + Units.Cell);

        var graph = AdjacencyGraph.FromShapes([new BaseUnit("a", left, 1), new BaseUnit("b", right, 1)]);

        Assert.Equal(0, graph.EdgeCount);
    }

    [Fact]
    public void FromShapes_Lattice_InteriorSquareHasItsFourSideNeighbours()
    {
        var graph = AdjacencyGraph.FromShapes(Units.Squares(3, 3, (_, _) => 1));

        Assert.Equal([1, 3, 5, 7], graph.Neighbours(4).ToArray());
        Assert.Equal(12, graph.EdgeCount);
    }

    [Fact]
    public void FromShapes_Shapes_AreaPerimeterAndCentreInKilometres()
    {
        var graph = AdjacencyGraph.FromShapes(Units.Squares(1, 1, (_, _) => 7));

        var sideX = Units.CellLon * LocalProjection.KmPerDegreeLongitudeAtEquator * Math.Cos((Units.Lat0 + Units.Cell / 2) * Math.PI / 180);
        Assert.Equal(sideX * SideKm, graph.Geometry(0).AreaKm2, 6);
        Assert.Equal(2 * (sideX + SideKm), graph.Geometry(0).PerimeterKm, 6);
        Assert.Equal(7, graph.Weight(0));
        Assert.Equal("r0c0", graph.Ids![0]);
    }

    [Fact]
    public void FromShapes_DuplicateIds_Throws()
    {
        var square = Units.Square(Units.Lon0, Units.Lat0, Units.Cell);

        var error = Assert.Throws<ArgumentException>(() => AdjacencyGraph.FromShapes([new BaseUnit("a", square, 1), new BaseUnit("a", square, 1)]));

        Assert.Contains("'a'", error.Message);
    }

    [Fact]
    public void FromShapes_LineInsteadOfPolygon_Throws()
    {
        var line = Wgs84.Factory.CreateLineString([new Coordinate(Units.Lon0, Units.Lat0), new Coordinate(Units.Lon0 + 0.01, Units.Lat0)]);

        Assert.Throws<ArgumentException>(() => AdjacencyGraph.FromShapes([new BaseUnit("a", line, 1)]));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_BadWeight_Throws(double weight)
    {
        Assert.Throws<ArgumentException>(() => new AdjacencyGraph([1, weight], [new GraphEdge(0, 1)]));
    }

    [Fact]
    public void Constructor_EdgeFromAVertexToItself_Throws()
    {
        Assert.Throws<ArgumentException>(() => new AdjacencyGraph([1, 1], [new GraphEdge(1, 1)]));
    }

    [Fact]
    public void Constructor_EdgeToAMissingVertex_Throws()
    {
        Assert.Throws<ArgumentException>(() => new AdjacencyGraph([1, 1], [new GraphEdge(0, 2)]));
    }

    [Fact]
    public void Constructor_SameBorderListedTwice_LengthsAdd()
    {
        var graph = new AdjacencyGraph([1, 1], [new GraphEdge(0, 1, 0.3), new GraphEdge(1, 0, 0.2)]);

        Assert.Equal(1, graph.EdgeCount);
        Assert.Equal(0.5, graph.BorderLengths(1)[0], 12);
    }
}
