using NetTopologySuite.Geometries;
using Wangge.Geo.Synthesis;

namespace Wangge.Geo.Tests.Synthesis;

public sealed class PointScatterTests
{
    private static readonly Coordinate[] Towns =
    [
        new(Shapes.Lon0 + 0.02, Shapes.Lat0 + 0.02),
        new(Shapes.Lon0 + 0.08, Shapes.Lat0 + 0.03),
        new(Shapes.Lon0 + 0.05, Shapes.Lat0 + 0.08),
        new(Shapes.Lon0 + 0.015, Shapes.Lat0 + 0.085),
    ];

    [Theory]
    [InlineData("square")]
    [InlineData("u")]
    [InlineData("holed")]
    [InlineData("star")]
    [InlineData("islands")]
    public void Scatter_AnyArea_EveryPointLiesStrictlyInside(string shape)
    {
        var area = Shapes.ByName(shape);
        // One centre far outside the area forces the retry and fallback paths.
        Coordinate[] centres = [.. Towns, new(Shapes.Lon0 + 0.5, Shapes.Lat0 + 0.5)];

        var points = PointScatter.Scatter(area, centres, PointScatter.RoadsBetween(centres), 3000, 0.5, new Random(1));

        Assert.All(points, p => Assert.True(area.Contains(Wgs84.Factory.CreatePoint(p)), $"{p} is outside."));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(777)]
    public void Scatter_AnyCount_ReturnsExactlyThatMany(int count)
    {
        var points = PointScatter.Scatter(Shapes.Square(), Towns, PointScatter.RoadsBetween(Towns), count, 0.4, new Random(5));

        Assert.Equal(count, points.Count);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.7)]
    [InlineData(1.0)]
    public void Scatter_RoadShare_ThatShareLiesWithin200MetresOfARoad(double roadShare)
    {
        var area = Shapes.Square();
        var roads = PointScatter.RoadsBetween(Towns);

        var points = PointScatter.Scatter(area, Towns, roads, 2000, roadShare, new Random(11));

        var projection = LocalProjection.Around(area);
        var roadsKm = Wgs84.Factory.BuildGeometry(roads.Select(projection.ToKm));
        var nearRoad = points.Count(p => roadsKm.Distance(Wgs84.Factory.CreatePoint(projection.ToKm(p))) <= 0.2);
        Assert.True(nearRoad >= (roadShare - 0.05) * points.Count, $"{nearRoad} of {points.Count} points are near a road.");
    }

    [Fact]
    public void Scatter_NoRoadShare_PointsClusterAroundCentres()
    {
        var area = Shapes.Square();
        var projection = LocalProjection.Around(area);

        var points = PointScatter.Scatter(area, Towns, [], 2000, 0, new Random(3));

        // Three sigmas of a 2-D normal hold 98.9 %; uniform noise over this square would manage about a third.
        var near = points.Count(p => Towns.Min(t => projection.DistanceKm(p, t)) <= 3 * PointScatter.CentreSigmaKm);
        Assert.True(near >= 0.95 * points.Count, $"Only {near} of {points.Count} points are near a centre.");
    }

    [Fact]
    public void Scatter_SameSeed_ReturnsIdenticalPoints()
    {
        var roads = PointScatter.RoadsBetween(Towns);

        var first = PointScatter.Scatter(Shapes.Star(), Towns, roads, 500, 0.6, new Random(99));
        var second = PointScatter.Scatter(Shapes.Star(), Towns, roads, 500, 0.6, new Random(99));
        var other = PointScatter.Scatter(Shapes.Star(), Towns, roads, 500, 0.6, new Random(100));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Scatter_NoCentresAndNoRoads_StillFillsTheArea()
    {
        var area = Shapes.UShape();

        var points = PointScatter.Scatter(area, [], [], 100, 0.5, new Random(4));

        Assert.Equal(100, points.Count);
        Assert.All(points, p => Assert.True(area.Contains(Wgs84.Factory.CreatePoint(p))));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Scatter_RoadShareOutOfRange_Throws(double roadShare)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PointScatter.Scatter(Shapes.Square(), Towns, [], 10, roadShare, new Random(0)));
    }

    [Fact]
    public void Scatter_LineAsArea_Throws()
    {
        var line = Wgs84.Factory.CreateLineString([new(113.2, 23.2), new(113.3, 23.3)]);

        Assert.Throws<ArgumentException>(() => PointScatter.Scatter(line, Towns, [], 10, 0.5, new Random(0)));
    }

    [Fact]
    public void RoadsBetween_Centres_FormASpanningTreeOfBentLines()
    {
        var roads = PointScatter.RoadsBetween(Towns);

        Assert.Equal(Towns.Length - 1, roads.Count);
        var parent = Enumerable.Range(0, Towns.Length).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        foreach (var road in roads)
        {
            Assert.InRange(road.NumPoints, 3, 4);
            var ends = new[] { road.StartPoint.Coordinate, road.EndPoint.Coordinate }.Select(c => Array.FindIndex(Towns, t => t.Equals2D(c))).ToArray();
            Assert.DoesNotContain(-1, ends);
            parent[Find(ends[0])] = Find(ends[1]);
            // Bent, but gently: never much longer than the straight line.
            var straight = road.StartPoint.Distance(road.EndPoint);
            Assert.InRange(road.Length / straight, 1.0 + 1e-6, 1.15);
        }
        Assert.Single(Enumerable.Range(0, Towns.Length).Select(Find).Distinct());
    }

    [Fact]
    public void RoadsBetween_ReorderedCentres_ReturnsTheSameRoads()
    {
        var forwards = PointScatter.RoadsBetween(Towns);
        var backwards = PointScatter.RoadsBetween(Towns.Reverse().ToArray());

        Assert.Equal(forwards.Count, backwards.Count);
        Assert.All(forwards, road => Assert.Contains(backwards, other => other.Normalized().EqualsExact(road.Normalized())));
    }

    [Fact]
    public void RoadsBetween_FewerThanTwoCentres_ReturnsNoRoads()
    {
        Assert.Empty(PointScatter.RoadsBetween([]));
        Assert.Empty(PointScatter.RoadsBetween([Towns[0]]));
    }
}
