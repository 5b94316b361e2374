using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Precision;
using Wangge.Geo.Topology;
using static Wangge.Geo.Tests.Topology.Tiles;

namespace Wangge.Geo.Tests.Topology;

/// <summary>Rounding a family for export keeps every border valid and neighbours sharing their edges.</summary>
public sealed class CoveragePrecisionTests
{
    [Fact]
    public void Reduce_HoleNearerTheShellThanThePrecision_StaysValid()
    {
        // The hole's south edge runs 3 mm north of the shell's, a third of a 6-decimal step: rounded alone, the two coincide.
        var shell = Box(0, 0, 0.01, 0.01);
        var hole = Wgs84.Factory.CreateLinearRing(
            [new(Lon0 + 0.002, Lat0 + 0.00000003), new(Lon0 + 0.002, Lat0 + 0.003), new(Lon0 + 0.005, Lat0 + 0.003),
             new(Lon0 + 0.005, Lat0 + 0.00000003), new(Lon0 + 0.002, Lat0 + 0.00000003)]);
        var polygon = Wgs84.Factory.CreatePolygon((LinearRing)shell.ExteriorRing, [hole]);
        Assert.True(polygon.IsValid);
        Assert.False(GeometryPrecisionReducer.ReducePointwise(polygon, new PrecisionModel(1e6)).IsValid);

        var reduced = Assert.Single(CoveragePrecision.Reduce([polygon], decimals: 6));

        Assert.True(reduced.IsValid);
        Assert.InRange(reduced.Area / polygon.Area, 0.999, 1.001);
        Assert.All(reduced.Coordinates, c => Assert.Equal(c.X, Math.Round(c.X, 6), 9));
    }

    [Fact]
    public void Reduce_Neighbours_KeepSharingTheirEdgesExactly()
    {
        var cells = VoronoiCells(Box(0, 0, 0.05, 0.05), 60, seed: 11).Select(c => (Geometry)c).ToList();
        var snapped = CoverageRepair.Repair(
            cells.Select((c, i) => Grid($"C{i:00}", null, c)).ToList(), NoExistingParents, new RepairOptions()).Shapes.Select(s => s.Border!).ToList();

        var reduced = CoveragePrecision.Reduce(snapped);

        Assert.All(reduced, g => Assert.True(g.IsValid));
        Assert.All(CoverageValidator.Validate([.. reduced]), m => Assert.Null(m));
        Assert.All(reduced.Zip(snapped), p => Assert.True(p.First.Coordinates.Zip(p.Second.Coordinates).All(c => c.First.Distance(c.Second) <= 1e-7)));
    }
}
