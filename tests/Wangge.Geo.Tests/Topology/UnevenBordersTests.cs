using NetTopologySuite.Geometries;
using Wangge.Geo.Topology;
using static Wangge.Geo.Tests.Topology.Tiles;

namespace Wangge.Geo.Tests.Topology;

/// <summary>
/// Many grids, and borders whose shared edges do not match to the bit (separately digitised, or rounded on
/// export): the hair-thin slivers between them are noise below the tolerance, a real gap or overlap is not.
/// </summary>
public sealed class UnevenBordersTests
{
    [Fact]
    public void Check_ThousandsOfVoronoiCellsWithOnePlantedOverlapAndGap_FindsExactlyThose()
    {
        var area = Box(0, 0, 0.2, 0.15);
        var cells = VoronoiCells(area, 3000, seed: 11);
        var grids = cells.Select((c, i) => Grid($"C{i:D4}", "P", c)).ToList();
        // Grow one cell into its neighbours by a box around its middle, and remove another to leave a hole.
        var grown = grids[100].Border!.Union(Wgs84.Factory.ToGeometry(Enlarged(cells[100].EnvelopeInternal)));
        grids[100] = grids[100] with { Border = grown };
        var removed = grids[2000];
        grids.RemoveAt(2000);

        var problems = Check([Grid("P", null, area), .. grids]);

        var overlaps = problems.Where(p => p.Kind == TopologyProblemKind.Overlap).ToList();
        Assert.NotEmpty(overlaps);
        Assert.All(overlaps, p => Assert.Contains("C0100", new[] { p.Code, p.OtherCode }));
        // Together the overlaps are what the grown cell took from its neighbours (it is far from the removed one).
        Assert.False(grown.Intersects(removed.Border));
        var taken = grown.Intersection(area).Area - cells[100].Area;
        Assert.InRange(overlaps.Sum(p => p.Location!.Area) / taken, 0.999, 1.001);
        var gap = Single(problems, TopologyProblemKind.Gap);
        Assert.InRange(gap.Location!.Area / removed.Border!.Area, 0.999, 1.001);
        Assert.All(problems, p => Assert.True(p.Kind is TopologyProblemKind.Overlap or TopologyProblemKind.Gap or TopologyProblemKind.OutsideParent, p.Message));
    }

    [Fact]
    public void Check_CellsWhoseSharedVerticesDifferByATenthOfAMillimetre_OnlyThePlantedGap()
    {
        var area = Box(0, 0, 0.05, 0.04);
        var cells = VoronoiCells(area, 500, seed: 8).Select((c, i) => Jittered(c, area.EnvelopeInternal, 1e-9, seed: i)).ToList();
        var removed = cells[250];
        cells.RemoveAt(250);

        var problems = Check([Grid("P", null, area), .. cells.Select((c, i) => Grid($"C{i:D3}", "P", c))]);

        var gap = Single(problems, TopologyProblemKind.Gap);
        Assert.InRange(gap.Location!.Area / removed.Area, 0.999, 1.001);
        Assert.Single(problems);
    }

    [Theory]
    [InlineData(0.5, false)]
    [InlineData(50, true)]
    public void Check_SliverRingAroundOneGrid_OneGapOnlyAboveTheTolerance(double ringM2, bool reported)
    {
        // 3 × 3 tiles of 0.01°; the middle one is shrunk so a thin ring of the given area opens around it.
        var width = ringM2 / (2 * (M2(0.01, 1) + M2(1, 0.01)));
        var tiles = new List<GridShape> { Grid("P", null, Box(0, 0, 0.03, 0.03)) };
        for (var x = 0; x < 3; x++)
        for (var y = 0; y < 3; y++)
        {
            var shrink = x == 1 && y == 1 ? width : 0;
            tiles.Add(Grid($"T{x}{y}", "P", Box(0.01 * x + shrink, 0.01 * y + shrink, 0.01 * (x + 1) - shrink, 0.01 * (y + 1) - shrink)));
        }

        var problems = Check(tiles.ToArray());

        if (!reported)
        {
            AssertNone(problems);
            return;
        }
        var gap = Single(problems, TopologyProblemKind.Gap);
        Assert.InRange(gap.AreaM2, ringM2 * 0.99, ringM2 * 1.01);
        Assert.Contains("next to 'T00', 'T01', 'T02', 'T10', 'T11', 'T12'", gap.Message);
        Assert.Single(problems);
    }

    private static Envelope Enlarged(Envelope e)
    {
        var copy = new Envelope(e);
        copy.ExpandBy(e.Width * 0.3, e.Height * 0.3);
        return copy;
    }

    /// <summary>
    /// Moves each vertex of one cell by up to ±<paramref name="degrees"/>/2 (the same vertex by the same amount
    /// within the cell, so rings stay closed), leaving the parent's outline alone.
    /// </summary>
    private static Polygon Jittered(Polygon cell, Envelope outline, double degrees, int seed)
    {
        var random = new Random(seed);
        var moved = new Dictionary<(double, double), Coordinate>();
        var ring = cell.Shell.Coordinates.Select(c =>
        {
            if (!moved.TryGetValue((c.X, c.Y), out var to))
            {
                var dx = c.X > outline.MinX && c.X < outline.MaxX ? (random.NextDouble() - 0.5) * degrees : 0;
                var dy = c.Y > outline.MinY && c.Y < outline.MaxY ? (random.NextDouble() - 0.5) * degrees : 0;
                moved[(c.X, c.Y)] = to = new Coordinate(c.X + dx, c.Y + dy);
            }
            return to.Copy();
        }).ToArray();
        return Wgs84.Factory.CreatePolygon(ring);
    }
}
