using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using Wangge.Geo.Districting;
using Wangge.Geo.Tests.Synthesis;

namespace Wangge.Geo.Tests.Districting;

public sealed class LatticeTests
{
    [Theory]
    [InlineData("square", false)]
    [InlineData("square", true)]
    [InlineData("u", false)]
    [InlineData("u", true)]
    [InlineData("holed", false)]
    [InlineData("holed", true)]
    [InlineData("star", false)]
    [InlineData("star", true)]
    [InlineData("islands", true)]
    public void Cells_AnyParent_TileItWithoutGapOrOverlap(string shape, bool hexagons)
    {
        var parent = Shapes.ByName(shape);

        var cells = Lattice.Cells(parent, 0.7, hexagons, _ => 1);

        var union = OverlayNGRobust.Union(Wgs84.Factory.BuildGeometry(cells.Select(c => c.Shape).ToArray()));
        Assert.Equal(1, union.Area / parent.Area, 9);
        Assert.Equal(1, cells.Sum(c => c.Shape.Area) / parent.Area, 9);
        Assert.Equal(0, OverlayNGRobust.Overlay(union, parent, SpatialFunction.SymDifference).Area / parent.Area, 9);
    }

    [Fact]
    public void Cells_SquaresOverASquareParent_RowsAndColumnsNamedFromTheSouthWest()
    {
        var parent = Units.Rectangle(Units.Lon0, Units.Lat0, Units.Lon0 + 0.1, Units.Lat0 + 0.1);

        var cells = Lattice.Cells(parent, 2, hexagons: false, _ => 1);

        Assert.Equal(cells.Count, cells.Select(c => c.Id).Distinct().Count());
        var southWest = cells.Single(c => c.Id == "r0c0").Shape.EnvelopeInternal;
        Assert.Equal(Units.Lon0, southWest.MinX, 12);
        Assert.Equal(Units.Lat0, southWest.MinY, 12);
        Assert.All(cells, c => Assert.Matches(@"^r\d+c\d+$", c.Id));
    }

    [Fact]
    public void Cells_Squares_InteriorCellHasFourNeighbours()
    {
        var parent = Units.Rectangle(Units.Lon0, Units.Lat0, Units.Lon0 + 0.1, Units.Lat0 + 0.1);
        var cells = Lattice.Cells(parent, 1, hexagons: false, _ => 1);

        var graph = AdjacencyGraph.FromShapes(cells);

        var interior = cells.Select((c, i) => (c, i)).First(p => p.c.Id == "r5c5").i;
        Assert.Equal(4, graph.Neighbours(interior).Length);
    }

    [Fact]
    public void Cells_Hexagons_InteriorCellHasSixNeighboursWithEqualBorders()
    {
        var parent = Units.Rectangle(Units.Lon0, Units.Lat0, Units.Lon0 + 0.1, Units.Lat0 + 0.1);
        var cells = Lattice.Cells(parent, 1, hexagons: true, _ => 1);

        var graph = AdjacencyGraph.FromShapes(cells);

        var interior = cells.Select((c, i) => (c, i)).First(p => p.c.Id == "r5c5").i;
        Assert.Equal(6, graph.Neighbours(interior).Length);
        var side = 1 / Math.Sqrt(3); // a hexagon one kilometre across the flats has sides of 1/√3 km
        Assert.All(graph.BorderLengths(interior).ToArray(), length => Assert.Equal(side, length, 3));
    }

    [Fact]
    public void Cells_CellCutInTwoByAnInlet_GivesOneUnitPerPiece()
    {
        // A U whose inlet, 0.5 km wide, runs through the middle of a column of 2 km cells.
        var parent = Units.Rectangle(Units.Lon0, Units.Lat0, Units.Lon0 + 0.06, Units.Lat0 + 0.04)
            .Difference(Units.Rectangle(Units.Lon0 + 0.028, Units.Lat0 + 0.01, Units.Lon0 + 0.033, Units.Lat0 + 0.05));

        var cells = Lattice.Cells(parent, 2, hexagons: false, _ => 1);

        Assert.All(cells, c => Assert.Equal(1, c.Shape.NumGeometries));
        Assert.Contains(cells, c => c.Id.EndsWith("-2", StringComparison.Ordinal));
        Assert.Equal(cells.Count, cells.Select(c => c.Id).Distinct().Count());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cells_StarShapedParent_NoSliverIsLeftAlone(bool hexagons)
    {
        var cells = Lattice.Cells(Shapes.Star(), 0.5, hexagons, _ => 1);

        var graph = AdjacencyGraph.FromShapes(cells);

        Assert.All(Enumerable.Range(0, graph.VertexCount), v => Assert.NotEmpty(graph.Neighbours(v).ToArray()));
    }

    [Fact]
    public void Cells_WeightOf_SeesTheClippedCell()
    {
        var parent = Units.Rectangle(Units.Lon0, Units.Lat0, Units.Lon0 + 0.015, Units.Lat0 + 0.015);

        var cells = Lattice.Cells(parent, 1, hexagons: false, cell => cell.Area);

        Assert.All(cells, c => Assert.Equal(c.Shape.Area, c.Weight, 15));
        Assert.Contains(cells, c => c.Weight < cells.Max(x => x.Weight) * 0.99); // the cells along the east and north edges are cut
    }

    [Fact]
    public void Cells_NegativeWeight_Throws()
    {
        var parent = Units.Rectangle(Units.Lon0, Units.Lat0, Units.Lon0 + 0.01, Units.Lat0 + 0.01);

        Assert.Throws<InvalidOperationException>(() => Lattice.Cells(parent, 1, hexagons: false, _ => -1));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Cells_BadCellSize_Throws(double size)
    {
        var parent = Units.Rectangle(Units.Lon0, Units.Lat0, Units.Lon0 + 0.01, Units.Lat0 + 0.01);

        Assert.Throws<ArgumentOutOfRangeException>(() => Lattice.Cells(parent, size, hexagons: true, _ => 1));
    }

    [Fact]
    public void Cells_PointParent_Throws()
    {
        Assert.Throws<ArgumentException>(() => Lattice.Cells(Wgs84.Factory.CreatePoint(new Coordinate(Units.Lon0, Units.Lat0)), 1, false, _ => 1));
    }
}
