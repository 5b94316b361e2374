using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Wangge.Geo.Synthesis;

/// <summary>
/// Synthetic but believable business locations: shops line the roads and crowd around town centres, so
/// uniform noise would look wrong on a map. Everything is driven by the caller's <see cref="Random"/>.
/// </summary>
public static class PointScatter
{
    /// <summary>Spread across a road: frontage plus a building or two back.</summary>
    public const double RoadSigmaKm = 0.06;

    /// <summary>Spread around a town centre: a few blocks.</summary>
    public const double CentreSigmaKm = 0.4;

    private const double FallbackSigmaKm = 0.03;
    private const int Attempts = 32;

    /// <summary>
    /// <paramref name="count"/> points strictly inside <paramref name="within"/> (never on its border).
    /// <c>round(count·roadShare)</c> of them are placed along <paramref name="roads"/> (a road is chosen in
    /// proportion to its length inside <paramref name="within"/>, a position uniformly along it, then a normal
    /// offset across it with σ = <see cref="RoadSigmaKm"/>); the rest around <paramref name="centres"/> (one chosen
    /// uniformly, then a 2-D normal offset with σ = <see cref="CentreSigmaKm"/>). The two kinds come out shuffled.
    /// </summary>
    /// <remarks>
    /// With no road inside <paramref name="within"/> every point goes to the centres; with no centres, the area's
    /// interior point serves as one. A draw that lands outside is retried; after <c>32</c> misses the point falls
    /// back to a small jitter around the interior point, so a centre outside the area cannot stall the loop.
    /// </remarks>
    public static IReadOnlyList<Coordinate> Scatter(Geometry within, IReadOnlyList<Coordinate> centres,
        IReadOnlyList<LineString> roads, int count, double roadShare, Random random)
    {
        ArgumentNullException.ThrowIfNull(within);
        ArgumentNullException.ThrowIfNull(centres);
        ArgumentNullException.ThrowIfNull(roads);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CheckFinite(centres);
        if (!(roadShare is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(roadShare), roadShare, "A share lies between 0 and 1.");
        if (within is not IPolygonal || within.IsEmpty || !(within.Area > 0))
            throw new ArgumentException("Points are scattered inside a polygon or multi-polygon with positive area.", nameof(within));

        var area = new Area(within);
        var frontage = RoadSegments.Inside(within, roads, area.Projection);
        var roadCount = frontage.IsEmpty ? 0 : (int)Math.Round(count * roadShare);
        IReadOnlyList<Coordinate> hubs = centres.Count > 0 ? centres : [area.InteriorPoint];

        var points = new List<Coordinate>(count);
        for (var i = 0; i < roadCount; i++)
            points.Add(Draw(area, random, () => frontage.Draw(random, RoadSigmaKm)));
        for (var i = roadCount; i < count; i++)
            points.Add(Draw(area, random, () => AroundCentre(hubs[random.Next(hubs.Count)], area.Projection, random)));

        // Fisher–Yates, so callers taking a prefix get the same mix of road and centre points.
        for (var i = points.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (points[i], points[j]) = (points[j], points[i]);
        }
        return points;
    }

    /// <summary>
    /// A plausible road network joining <paramref name="centres"/>: their minimum spanning tree (Euclidean in a
    /// local projection), each edge drawn as a gently bent line of 2 or 3 segments. The bend depends only on
    /// the edge's two end points, so the same pair of towns always gets the same road.
    /// </summary>
    public static IReadOnlyList<LineString> RoadsBetween(IReadOnlyList<Coordinate> centres)
    {
        ArgumentNullException.ThrowIfNull(centres);
        CheckFinite(centres);
        if (centres.Count < 2)
            return [];

        var projection = new LocalProjection(centres.Average(c => c.X), centres.Average(c => c.Y));
        var km = centres.Select(projection.ToKm).ToArray();
        var roads = new List<LineString>();
        foreach (var (from, to) in MinimumSpanningTree(km))
            if (!km[from].Equals2D(km[to]))
                roads.Add(BentRoad(centres[from], centres[to]));
        return roads;
    }

    private static void CheckFinite(IReadOnlyList<Coordinate> centres)
    {
        foreach (var c in centres)
            if (c is null || !double.IsFinite(c.X) || !double.IsFinite(c.Y))
                throw new ArgumentException("Centres must be finite coordinates.", nameof(centres));
    }

    private static Coordinate Draw(Area area, Random random, Func<Coordinate> candidate)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var point = candidate();
            if (area.Holds(point))
                return point;
        }
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var point = Offset(area.InteriorPoint, area.Projection, FallbackSigmaKm * Gaussian(random), FallbackSigmaKm * Gaussian(random));
            if (area.Holds(point))
                return point;
        }
        return area.InteriorPoint.Copy();
    }

    private static Coordinate AroundCentre(Coordinate centre, LocalProjection projection, Random random) =>
        Offset(centre, projection, CentreSigmaKm * Gaussian(random), CentreSigmaKm * Gaussian(random));

    private static Coordinate Offset(Coordinate lonLat, LocalProjection projection, double dxKm, double dyKm)
    {
        var km = projection.ToKm(lonLat);
        return projection.ToLonLat(km.X + dxKm, km.Y + dyKm);
    }

    /// <summary>Standard normal by Box–Muller; one draw per call keeps the random stream easy to reason about.</summary>
    private static double Gaussian(Random random)
    {
        var u = 1.0 - random.NextDouble(); // (0, 1], so the logarithm is finite
        var v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    /// <summary>Prim's algorithm, O(n²), which beats building a triangulation for the few dozen towns involved.</summary>
    private static List<(int From, int To)> MinimumSpanningTree(Coordinate[] km)
    {
        var inTree = new bool[km.Length];
        var bestDistance = Enumerable.Repeat(double.PositiveInfinity, km.Length).ToArray();
        var bestFrom = new int[km.Length];
        var edges = new List<(int, int)>();
        var current = 0;
        inTree[0] = true;
        for (var added = 1; added < km.Length; added++)
        {
            var next = -1;
            for (var i = 0; i < km.Length; i++)
            {
                if (inTree[i])
                    continue;
                var distance = km[current].Distance(km[i]);
                if (distance < bestDistance[i])
                    (bestDistance[i], bestFrom[i]) = (distance, current);
                // Strict comparison: among equally near towns the lowest index joins first.
                if (next < 0 || bestDistance[i] < bestDistance[next])
                    next = i;
            }
            inTree[next] = true;
            edges.Add((bestFrom[next], next));
            current = next;
        }
        return edges;
    }

    private static LineString BentRoad(Coordinate a, Coordinate b)
    {
        // Canonical direction so the road from A to B and from B to A bend the same way.
        if (a.X > b.X || (a.X == b.X && a.Y > b.Y))
            (a, b) = (b, a);
        // Projected from its own end rather than the network's centre, so other towns cannot move it.
        var projection = new LocalProjection(a.X, a.Y);
        var bits = Mix(a.X, a.Y, b.X, b.Y);
        var segments = 2 + (int)(bits & 1);
        var (ka, kb) = (projection.ToKm(a), projection.ToKm(b));
        var (dx, dy) = (kb.X - ka.X, kb.Y - ka.Y);

        var points = new List<Coordinate> { a.Copy() };
        for (var s = 1; s < segments; s++)
        {
            var t = (double)s / segments;
            // Offsets of 3–12 % of the edge length sideways: visibly not a ruler line, never a hairpin.
            var fraction = (bits >> (8 + 16 * s)) & 0xFFFF;
            var magnitude = 0.03 + 0.09 * fraction / 65535.0;
            var side = ((bits >> (2 + s)) & 1) == 0 ? 1 : -1;
            var offset = side * magnitude;
            points.Add(projection.ToLonLat(ka.X + t * dx - offset * dy, ka.Y + t * dy + offset * dx));
        }
        points.Add(b.Copy());
        return Wgs84.Factory.CreateLineString(points.ToArray());
    }

    /// <summary>SplitMix64 over the coordinates' bits: stable across runs and platforms, unlike GetHashCode.</summary>
    private static ulong Mix(params double[] values)
    {
        var state = 0x9E3779B97F4A7C15UL;
        foreach (var value in values)
        {
            state ^= (ulong)BitConverter.DoubleToInt64Bits(value);
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            state = z ^ (z >> 31);
        }
        return state;
    }

    /// <summary>The target area with what every draw needs: a locator, a projection, a safe fallback point.</summary>
    private sealed class Area(Geometry within)
    {
        private readonly IndexedPointInAreaLocator _locator = new(within);

        public LocalProjection Projection { get; } = LocalProjection.Around(within);
        public Coordinate InteriorPoint { get; } = within.InteriorPoint.Coordinate;

        public bool Holds(Coordinate point) =>
            double.IsFinite(point.X) && double.IsFinite(point.Y) && _locator.Locate(point) == Location.Interior;
    }

    /// <summary>The roads clipped to the area, as segments weighted by their length in kilometres.</summary>
    private sealed class RoadSegments
    {
        private readonly List<(Coordinate A, Coordinate B)> _segments = [];
        private readonly List<double> _cumulativeKm = [];
        private readonly LocalProjection _projection;

        private RoadSegments(LocalProjection projection) => _projection = projection;

        public bool IsEmpty => _segments.Count == 0;

        public static RoadSegments Inside(Geometry within, IReadOnlyList<LineString> roads, LocalProjection projection)
        {
            var result = new RoadSegments(projection);
            var total = 0.0;
            foreach (var road in roads)
            {
                ArgumentNullException.ThrowIfNull(road, nameof(roads));
                if (road.IsEmpty)
                    continue;
                var inside = OverlayNGRobust.Overlay(road, within, SpatialFunction.Intersection);
                for (var g = 0; g < inside.NumGeometries; g++)
                {
                    if (inside.GetGeometryN(g) is not LineString piece)
                        continue;
                    var points = piece.Coordinates;
                    for (var k = 1; k < points.Length; k++)
                    {
                        var length = projection.DistanceKm(points[k - 1], points[k]);
                        if (length <= 0)
                            continue;
                        total += length;
                        result._segments.Add((points[k - 1], points[k]));
                        result._cumulativeKm.Add(total);
                    }
                }
            }
            return result;
        }

        /// <summary>A uniform position along all roads, pushed sideways by a normal offset.</summary>
        public Coordinate Draw(Random random, double sigmaKm)
        {
            var at = random.NextDouble() * _cumulativeKm[^1];
            var index = _cumulativeKm.BinarySearch(at);
            index = index >= 0 ? index : Math.Min(~index, _segments.Count - 1);
            var (a, b) = (_projection.ToKm(_segments[index].A), _projection.ToKm(_segments[index].B));
            var start = index == 0 ? 0 : _cumulativeKm[index - 1];
            var length = _cumulativeKm[index] - start;
            var t = Math.Clamp((at - start) / length, 0, 1);
            var (ux, uy) = ((b.X - a.X) / length, (b.Y - a.Y) / length);
            var across = sigmaKm * Gaussian(random);
            return _projection.ToLonLat(a.X + t * (b.X - a.X) - across * uy, a.Y + t * (b.Y - a.Y) + across * ux);
        }
    }
}
