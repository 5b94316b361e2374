using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;

namespace Wangge.Geo.Synthesis;

/// <summary>
/// Cuts an area into contiguous parts that look like administrative borders (streets and towns, villages,
/// bottom grids). The borders are plausible, not real: they exist so demo data has a believable shape.
/// </summary>
/// <remarks>
/// Guarantees for every result: parts do not overlap (beyond floating-point slivers), their union is the
/// area, and part <c>i</c> belongs to input <c>i</c>. When the area is a single polygon, every non-empty part
/// is a single polygon too. Results depend only on the inputs (and seed): no hashing order, no threads.
/// </remarks>
public static class AreaPartitioner
{
    private const int MinimumSample = 4000;
    private const int SamplePerPart = 300;

    /// <summary>
    /// Splits <paramref name="area"/> into <c>weights.Count</c> parts whose areas roughly follow the relative
    /// <paramref name="weights"/>; every part is non-empty.
    /// </summary>
    /// <remarks>
    /// <para>A uniform random sample of the area is cut by recursive coordinate bisection (across the longer
    /// side, at the weighted quantile) into one cluster per weight, and each cluster's centroid becomes a
    /// site. A centroid outside the area (possible in concave shapes) is replaced by the cluster's sample
    /// point nearest to it, so every site lies inside.</para>
    /// <para>Plain Voronoi cells of those sites come out near equal whatever the weights (the border between
    /// two sites sits half-way), so the cells are those of a power diagram instead, whose per-site powers are
    /// tuned until each part's area is within about 1 % of its share. The cells are then clipped and repaired
    /// as described on the type. Where an inlet or an island makes the repair move pieces between parts,
    /// those parts can end up further from their share; on Baiyun's outline the worst is about 15 %.</para>
    /// <para>Should tuning ever leave a part empty, the plain Voronoi cells are used, which cannot: each
    /// site is inside the area and inside its own cell.</para>
    /// </remarks>
    public static IReadOnlyList<MultiPolygon> Split(MultiPolygon area, IReadOnlyList<double> weights, int seed)
    {
        CheckArea(area);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
            throw new ArgumentException("At least one weight is needed.", nameof(weights));
        foreach (var weight in weights)
            if (!double.IsFinite(weight) || weight <= 0)
                throw new ArgumentException($"Weights must be positive and finite; got {weight}.", nameof(weights));
        if (weights.Count == 1)
            return [(MultiPolygon)area.Copy()];

        var projection = LocalProjection.Around(area);
        var locator = new IndexedPointInAreaLocator(area);
        var sample = SampleInterior(area, locator, Math.Max(MinimumSample, SamplePerPart * weights.Count), new Random(seed));
        var km = sample.Select(projection.ToKm).ToArray();
        var clusterOf = new int[sample.Length];
        var order = Enumerable.Range(0, sample.Length).ToArray();
        Bisect(km, order, 0, order.Length, weights, 0, weights.Count, clusterOf);
        var sites = Sites(sample, km, clusterOf, weights.Count, locator, projection);

        var areaKm = projection.ToKm(area);
        var total = weights.Sum();
        var targets = weights.Select(w => areaKm.Area * w / total).ToArray();
        var cells = PowerDiagram.Balanced(areaKm, sites, targets, DiagramBox(area, sites, projection, out _));
        return ClippedParts.Build(area,
            cells.Select(c => c is null ? null : projection.ToLonLat(Wgs84.Factory.CreatePolygon([.. c, c[0]]))).ToArray(),
            projection);
    }

    /// <summary>
    /// The Voronoi cells of the given sites, clipped to <paramref name="area"/> and repaired like
    /// <see cref="Split"/>'s; part <c>i</c> belongs to site <c>i</c>.
    /// </summary>
    /// <remarks>
    /// A part is empty only when its site's cell misses the area altogether, which needs a site outside it.
    /// Distances are measured in a local equirectangular projection, not in raw degrees.
    /// </remarks>
    public static IReadOnlyList<MultiPolygon> SplitAt(MultiPolygon area, IReadOnlyList<(double Lon, double Lat)> sites)
    {
        CheckArea(area);
        ArgumentNullException.ThrowIfNull(sites);
        if (sites.Count == 0)
            throw new ArgumentException("At least one site is needed.", nameof(sites));
        foreach (var (lon, lat) in sites)
            if (!double.IsFinite(lon) || !double.IsFinite(lat))
                throw new ArgumentException($"Sites must be finite; got ({lon}, {lat}).", nameof(sites));
        if (sites.Count == 1)
            return [(MultiPolygon)area.Copy()];

        var projection = LocalProjection.Around(area);
        var km = sites.Select(s => projection.ToKm(s.Lon, s.Lat)).ToArray();
        var seen = new HashSet<(double, double)>();
        for (var i = 0; i < km.Length; i++)
            if (!seen.Add((km[i].X, km[i].Y)))
                throw new ArgumentException($"Site {sites[i]} is given twice; a Voronoi cell needs a site of its own.", nameof(sites));
        return ClippedParts.Build(area, VoronoiCells(area, km, projection), projection);
    }

    /// <summary>Voronoi cells in lon/lat, in site order.</summary>
    private static Polygon[] VoronoiCells(MultiPolygon area, IReadOnlyList<Coordinate> sitesKm, LocalProjection projection)
    {
        // Four guard sites far outside: NTS returns line-string "cells" when every site is collinear, and
        // guards this far away are never nearest to any point of the area, so they change no part.
        var clip = DiagramBox(area, sitesKm, projection, out var size);
        var guards = new Envelope(clip);
        guards.ExpandBy(3 * size);
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = clip };
        builder.SetSites([.. sitesKm,
            new Coordinate(guards.MinX, guards.MinY), new Coordinate(guards.MaxX, guards.MinY),
            new Coordinate(guards.MaxX, guards.MaxY), new Coordinate(guards.MinX, guards.MaxY)]);
        var diagram = builder.GetDiagram(Wgs84.Factory);

        var siteIndex = new Dictionary<(double, double), int>();
        for (var i = 0; i < sitesKm.Count; i++)
            siteIndex[(sitesKm[i].X, sitesKm[i].Y)] = i;
        var cells = new Polygon?[sitesKm.Count];
        foreach (var face in diagram.Geometries)
        {
            var site = (Coordinate)face.UserData;
            if (!siteIndex.TryGetValue((site.X, site.Y), out var i) || face is not Polygon cell)
                continue;
            // Neighbouring cells share vertices bit for bit, and the same projection maps them to the same lon/lat.
            cells[i] = projection.ToLonLat(cell);
        }
        return cells.Select((cell, i) => cell ?? throw new InvalidOperationException(
            $"The Voronoi diagram has no cell for site {i}; sites may be too close together.")).ToArray();
    }

    /// <summary>
    /// The box, in kilometres, that diagrams are clipped to: area and sites with a margin as wide as both, so
    /// clipping never reaches the area. Kilometres, so cells are fair in distance, not stretched by cos(latitude).
    /// </summary>
    private static Envelope DiagramBox(MultiPolygon area, IReadOnlyList<Coordinate> sitesKm, LocalProjection projection, out double size)
    {
        var box = new Envelope(projection.ToKm(area.EnvelopeInternal.MinX, area.EnvelopeInternal.MinY),
            projection.ToKm(area.EnvelopeInternal.MaxX, area.EnvelopeInternal.MaxY));
        foreach (var site in sitesKm)
            box.ExpandToInclude(site);
        size = Math.Max(box.Width, box.Height);
        box.ExpandBy(size);
        return box;
    }

    private static void CheckArea(MultiPolygon area)
    {
        ArgumentNullException.ThrowIfNull(area);
        if (area.IsEmpty || !(area.Area > 0))
            throw new ArgumentException("The area to split must have a positive area.", nameof(area));
        if (!area.IsValid)
            throw new ArgumentException("The area to split must be a valid geometry (no self-intersections).", nameof(area));
    }

    private static Coordinate[] SampleInterior(MultiPolygon area, IndexedPointInAreaLocator locator, int count, Random random)
    {
        var envelope = area.EnvelopeInternal;
        // Rejection sampling; the cap only trips for slivers so thin that sampling them is pointless anyway.
        var attemptsLeft = 10_000L * count;
        var sample = new Coordinate[count];
        for (var n = 0; n < count;)
        {
            if (attemptsLeft-- == 0)
                throw new ArgumentException("The area is too thin within its envelope to sample.", nameof(area));
            var point = new Coordinate(
                envelope.MinX + random.NextDouble() * envelope.Width,
                envelope.MinY + random.NextDouble() * envelope.Height);
            if (locator.Locate(point) == Location.Interior)
                sample[n++] = point;
        }
        return sample;
    }

    /// <summary>Assigns <c>order[start..end)</c> to clusters <c>first..last-1</c>, one per weight.</summary>
    private static void Bisect(Coordinate[] km, int[] order, int start, int end, IReadOnlyList<double> weights,
        int first, int last, int[] clusterOf)
    {
        if (last - first == 1)
        {
            for (var k = start; k < end; k++)
                clusterOf[order[k]] = first;
            return;
        }

        var (mid, leftWeight, totalWeight) = BalancedCut(weights, first, last);
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (var k = start; k < end; k++)
        {
            var c = km[order[k]];
            minX = Math.Min(minX, c.X);
            maxX = Math.Max(maxX, c.X);
            minY = Math.Min(minY, c.Y);
            maxY = Math.Max(maxY, c.Y);
        }
        var alongX = maxX - minX >= maxY - minY;
        var keys = new double[end - start];
        for (var k = start; k < end; k++)
            keys[k - start] = alongX ? km[order[k]].X : km[order[k]].Y;
        // Primitive keys sort several times faster than a comparer; equal keys (vanishingly rare for random
        // doubles) still come out the same on every run because the sort itself is deterministic.
        keys.AsSpan().Sort(order.AsSpan(start, end - start));

        var count = end - start;
        var cut = (int)Math.Round(count * leftWeight / totalWeight);
        // Every cluster further down must still get at least one point.
        cut = Math.Clamp(cut, mid - first, count - (last - mid));
        Bisect(km, order, start, start + cut, weights, first, mid, clusterOf);
        Bisect(km, order, start + cut, end, weights, mid, last, clusterOf);
    }

    /// <summary>The split of <c>weights[first..last)</c> into two non-empty runs with the most equal sums.</summary>
    private static (int Mid, double Left, double Total) BalancedCut(IReadOnlyList<double> weights, int first, int last)
    {
        var total = 0.0;
        for (var i = first; i < last; i++)
            total += weights[i];
        var (bestMid, bestLeft, bestGap) = (first + 1, 0.0, double.PositiveInfinity);
        var left = 0.0;
        for (var mid = first + 1; mid < last; mid++)
        {
            left += weights[mid - 1];
            var gap = Math.Abs(total - 2 * left);
            if (gap < bestGap)
                (bestMid, bestLeft, bestGap) = (mid, left, gap);
        }
        return (bestMid, bestLeft, total);
    }

    private static Coordinate[] Sites(Coordinate[] sample, Coordinate[] km, int[] clusterOf, int clusters,
        IndexedPointInAreaLocator locator, LocalProjection projection)
    {
        var sumX = new double[clusters];
        var sumY = new double[clusters];
        var size = new int[clusters];
        for (var i = 0; i < km.Length; i++)
        {
            sumX[clusterOf[i]] += km[i].X;
            sumY[clusterOf[i]] += km[i].Y;
            size[clusterOf[i]]++;
        }

        var sites = new Coordinate[clusters];
        for (var c = 0; c < clusters; c++)
        {
            var centroid = new Coordinate(sumX[c] / size[c], sumY[c] / size[c]);
            if (locator.Locate(projection.ToLonLat(centroid)) == Location.Interior)
            {
                sites[c] = centroid;
                continue;
            }
            var (nearest, nearestDistance) = (-1, double.PositiveInfinity);
            for (var i = 0; i < km.Length; i++)
            {
                if (clusterOf[i] != c)
                    continue;
                var distance = km[i].Distance(centroid);
                if (distance < nearestDistance)
                    (nearest, nearestDistance) = (i, distance);
            }
            sites[c] = km[nearest];
        }
        return sites;
    }
}
