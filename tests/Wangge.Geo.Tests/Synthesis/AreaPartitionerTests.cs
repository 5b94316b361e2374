using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using Wangge.Geo.Synthesis;

namespace Wangge.Geo.Tests.Synthesis;

public sealed class AreaPartitionerTests
{
    [Theory]
    [InlineData("square", 5)]
    [InlineData("square", 40)]
    [InlineData("u", 7)]
    [InlineData("holed", 9)]
    [InlineData("star", 12)]
    [InlineData("star", 30)]
    [InlineData("islands", 6)]
    public void Split_AnyArea_PartsCoverTheAreaWithoutOverlap(string shape, int parts)
    {
        var area = Shapes.ByName(shape);
        var weights = Enumerable.Range(1, parts).Select(i => 1.0 + i % 3).ToArray();

        var result = AreaPartitioner.Split(area, weights, seed: 42);

        AssertPartition(area, result);
    }

    [Theory]
    [InlineData("square", 5)]
    [InlineData("u", 7)]
    [InlineData("u", 25)]
    [InlineData("holed", 9)]
    [InlineData("star", 12)]
    [InlineData("star", 30)]
    public void Split_ConnectedArea_EveryPartIsOnePolygon(string shape, int parts)
    {
        var area = Shapes.ByName(shape);

        var result = AreaPartitioner.Split(area, Enumerable.Repeat(1.0, parts).ToArray(), seed: 3);

        Assert.All(result, part => Assert.Equal(1, part.NumGeometries));
    }

    [Fact]
    public void Split_ConvexSquareWithFiveWeights_AreasFollowWeights()
    {
        var area = Shapes.Square();
        double[] weights = [1, 2, 3, 4, 5];

        var result = AreaPartitioner.Split(area, weights, seed: 7);

        for (var i = 0; i < weights.Length; i++)
        {
            var expected = area.Area * weights[i] / weights.Sum();
            Assert.InRange(result[i].Area / expected, 0.65, 1.35);
        }
    }

    [Theory]
    [InlineData("square", 1)]
    [InlineData("square", 2)]
    [InlineData("holed", 3)]
    [InlineData("u", 4)]
    public void Split_CompactAreaWithUnequalWeights_AreasWithinFivePercentOfTheirShare(string shape, int seed)
    {
        var area = Shapes.ByName(shape);
        double[] weights = [5, 1, 3, 8, 2, 1, 4];

        var result = AreaPartitioner.Split(area, weights, seed);

        for (var i = 0; i < weights.Length; i++)
            Assert.InRange(result[i].Area / (area.Area * weights[i] / weights.Sum()), 0.95, 1.05);
    }

    [Fact]
    public void Split_IslandsWithUnequalWeights_EveryPartGetsLand()
    {
        var area = Shapes.Islands();

        var result = AreaPartitioner.Split(area, [1, 5], seed: 0);

        AssertPartition(area, result);
        Assert.InRange(result[0].Area / (area.Area / 6), 0.8, 1.2);
    }

    [Fact]
    public void Split_SameSeed_ReturnsExactlyEqualParts()
    {
        var area = Shapes.Star();
        double[] weights = [3, 1, 4, 1, 5, 9, 2, 6];

        var first = AreaPartitioner.Split(area, weights, seed: 2024);
        var second = AreaPartitioner.Split(area, weights, seed: 2024);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
            Assert.True(first[i].EqualsExact(second[i]), $"Part {i} differs between runs.");
    }

    [Fact]
    public void Split_DifferentSeed_ReturnsDifferentBorders()
    {
        var area = Shapes.Square();
        double[] weights = [1, 1, 1, 1];

        var first = AreaPartitioner.Split(area, weights, seed: 1);
        var second = AreaPartitioner.Split(area, weights, seed: 2);

        Assert.Contains(Enumerable.Range(0, 4), i => !first[i].EqualsExact(second[i]));
    }

    [Fact]
    public void Split_OneWeight_ReturnsACopyOfTheArea()
    {
        var area = Shapes.UShape();

        var result = AreaPartitioner.Split(area, [2.5], seed: 0);

        Assert.True(Assert.Single(result).EqualsExact(area));
        Assert.NotSame(area, result[0]);
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 1.0, 0.0 })]
    [InlineData(new[] { 1.0, -2.0 })]
    [InlineData(new[] { 1.0, double.NaN })]
    public void Split_InvalidWeights_Throws(double[] weights)
    {
        Assert.Throws<ArgumentException>(() => AreaPartitioner.Split(Shapes.Square(), weights, seed: 0));
    }

    [Fact]
    public void SplitAt_SitesInsideConvexArea_PartFollowsSiteOrderAndHoldsItsSite()
    {
        var area = Shapes.Square();
        (double Lon, double Lat)[] sites =
        [
            (Shapes.Lon0 + 0.08, Shapes.Lat0 + 0.02),
            (Shapes.Lon0 + 0.01, Shapes.Lat0 + 0.03),
            (Shapes.Lon0 + 0.05, Shapes.Lat0 + 0.09),
            (Shapes.Lon0 + 0.05, Shapes.Lat0 + 0.05),
        ];

        var result = AreaPartitioner.SplitAt(area, sites);

        AssertPartition(area, result);
        for (var i = 0; i < sites.Length; i++)
            Assert.True(result[i].Contains(Wgs84.Factory.CreatePoint(new Coordinate(sites[i].Lon, sites[i].Lat))), $"Part {i} lost its site.");
    }

    [Fact]
    public void SplitAt_CellStraddlingANotch_GivesTheSmallerPieceToItsNeighbour()
    {
        var area = Shapes.UShape();
        // Site 1 sits in the notch (x 0.03–0.07), a little left of centre, so its raw cell covers a strip of
        // each arm: x 0.0265–0.03 on the left, 0.07–0.0715 on the right.
        (double Lon, double Lat)[] sites =
        [
            (Shapes.Lon0 + 0.005, Shapes.Lat0 + 0.06),
            (Shapes.Lon0 + 0.048, Shapes.Lat0 + 0.06),
            (Shapes.Lon0 + 0.095, Shapes.Lat0 + 0.06),
            (Shapes.Lon0 + 0.05, Shapes.Lat0 + 0.005),
        ];

        var result = AreaPartitioner.SplitAt(area, sites);

        AssertPartition(area, result);
        Assert.All(result, part => Assert.Equal(1, part.NumGeometries));
        Assert.True(result[1].EnvelopeInternal.MaxX <= Shapes.Lon0 + 0.03 + 1e-12, "The notch site kept its right-arm strip.");
        Assert.True(result[2].Contains(Wgs84.Factory.CreatePoint(new Coordinate(Shapes.Lon0 + 0.0705, Shapes.Lat0 + 0.08))));
    }

    [Fact]
    public void SplitAt_SiteWhoseCellMissesTheArea_YieldsAnEmptyPart()
    {
        var area = Shapes.Square();
        (double Lon, double Lat)[] sites = [(Shapes.Lon0 + 0.05, Shapes.Lat0 + 0.05), (Shapes.Lon0 + 0.05, Shapes.Lat0 + 0.3), (Shapes.Lon0 + 0.05, Shapes.Lat0 + 0.6)];

        var result = AreaPartitioner.SplitAt(area, sites);

        Assert.True(result[2].IsEmpty);
        AssertPartition(area, result, allowEmpty: true);
    }

    [Fact]
    public void SplitAt_CollinearSites_CutsParallelStrips()
    {
        var area = Shapes.Square();
        var sites = Enumerable.Range(0, 4).Select(i => (Shapes.Lon0 + 0.0125 + 0.025 * i, Shapes.Lat0 + 0.05)).ToArray();

        var result = AreaPartitioner.SplitAt(area, sites);

        AssertPartition(area, result);
        Assert.All(result, part => Assert.Equal(area.Area / 4, part.Area, 1e-12));
    }

    [Fact]
    public void SplitAt_DuplicateSites_Throws()
    {
        (double, double)[] sites = [(113.3, 23.25), (113.27, 23.22), (113.3, 23.25)];

        Assert.Throws<ArgumentException>(() => AreaPartitioner.SplitAt(Shapes.Square(), sites));
    }

    private static void AssertPartition(MultiPolygon area, IReadOnlyList<MultiPolygon> parts, bool allowEmpty = false)
    {
        foreach (var part in parts)
        {
            Assert.True(allowEmpty || !part.IsEmpty, "A part is empty.");
            Assert.True(part.IsValid, $"Part is invalid: {part}");
        }

        var union = Shapes.Union(parts);
        var difference = OverlayNGRobust.Overlay(union, area, SpatialFunction.SymDifference);
        Assert.True(difference.Area < 1e-9 * area.Area, $"Union differs from the area by {difference.Area / area.Area:E2} of it.");

        var overlap = 0.0;
        for (var i = 0; i < parts.Count; i++)
            for (var j = i + 1; j < parts.Count; j++)
                if (parts[i].EnvelopeInternal.Intersects(parts[j].EnvelopeInternal))
                    overlap += OverlayNGRobust.Overlay(parts[i], parts[j], SpatialFunction.Intersection).Area;
        Assert.True(overlap < 1e-9 * area.Area, $"Parts overlap by {overlap / area.Area:E2} of the area.");
    }
}
