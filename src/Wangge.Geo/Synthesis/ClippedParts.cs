using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Distance;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Wangge.Geo.Synthesis;

/// <summary>Diagram cells clipped to an area, then repaired so each part is one piece where it can be.</summary>
internal static class ClippedParts
{
    /// <param name="area">Lon/lat, valid, non-empty.</param>
    /// <param name="cells">Lon/lat cells covering the area without overlap, one per part; null for a vanished cell.</param>
    public static IReadOnlyList<MultiPolygon> Build(MultiPolygon area, IReadOnlyList<Polygon?> cells, LocalProjection projection)
    {
        var prepared = PreparedGeometryFactory.Prepare(area);
        var pieces = cells.Select(cell => cell is null ? [] : Clip(cell, area, prepared)).ToArray();
        return Repair(pieces, area, projection);
    }

    private static List<Polygon> Clip(Polygon cell, MultiPolygon area, IPreparedGeometry prepared)
    {
        // Containment is the common case for inner cells and is exact, so skip the overlay there.
        if (prepared.Contains(cell))
            return [cell];
        if (!prepared.Intersects(cell))
            return [];
        var clipped = OverlayNGRobust.Overlay(cell, area, SpatialFunction.Intersection);
        return PolygonExtracter.GetPolygons(clipped).Cast<Polygon>().Where(p => p.Area > 0).ToList();
    }

    /// <summary>
    /// Keeps each part's largest piece and hands every smaller piece to the part it shares the longest
    /// border with, round after round (a piece may at first border only other stray pieces). Pieces that
    /// border no part at all — an island of a multi-polygon area — join whichever stray they border, smaller
    /// into larger, so an island goes whole to one part (the nearest) rather than in slivers to several.
    /// </summary>
    private static IReadOnlyList<MultiPolygon> Repair(List<Polygon>[] pieces, MultiPolygon area, LocalProjection projection)
    {
        var parts = new Geometry?[pieces.Length];
        var strays = new List<(Geometry Piece, int Owner)>();
        for (var i = 0; i < pieces.Length; i++)
        {
            if (pieces[i].Count == 0)
                continue;
            var largest = pieces[i].MaxBy(p => p.Area)!;
            parts[i] = largest;
            strays.AddRange(pieces[i].Where(p => !ReferenceEquals(p, largest)).Select(p => ((Geometry)p, i)));
        }

        var borders = new Borders(area, projection);
        var facets = new IndexedFacetDistance?[parts.Length];
        var pending = strays.OrderByDescending(s => s.Piece.Area).ThenBy(s => s.Owner).ToList();
        while (pending.Count > 0)
        {
            var stuck = new List<(Geometry Piece, int Owner)>();
            foreach (var stray in pending)
            {
                var best = borders.LongestShared(stray.Piece, parts, facets);
                if (best < 0)
                {
                    stuck.Add(stray);
                    continue;
                }
                parts[best] = Union(parts[best]!, stray.Piece);
                facets[best] = null;
            }
            if (stuck.Count == pending.Count)
                break;
            pending = stuck;
        }

        // Smallest first, so each merge goes into a larger neighbour.
        for (var k = pending.Count - 1; k >= 0; k--)
        {
            var others = pending.Select((s, j) => j == k ? null : s.Piece).ToArray();
            var into = borders.LongestShared(pending[k].Piece, others, new IndexedFacetDistance?[others.Length]);
            if (into < 0)
                continue;
            pending[into] = (Union(pending[into].Piece, pending[k].Piece), pending[into].Owner);
            pending.RemoveAt(k);
        }
        // An island borders nobody, so it goes to the nearest part: one touching it at a single point (a pinched
        // outline) then owns it, which reads on a map as one shape. Ties keep it with its own cell's part.
        foreach (var (island, owner) in pending)
        {
            var (nearest, nearestDistance) = (owner, island.Distance(parts[owner]!));
            for (var j = 0; j < parts.Length; j++)
            {
                if (parts[j] is { } part && part.Distance(island) is var distance && distance < nearestDistance)
                    (nearest, nearestDistance) = (j, distance);
            }
            parts[nearest] = Union(parts[nearest]!, island);
        }

        return parts.Select(ToMultiPolygon).ToArray();
    }

    private static Geometry Union(Geometry a, Geometry b) => OverlayNGRobust.Overlay(a, b, SpatialFunction.Union);

    /// <summary>Measures how much outline two pieces share, with a tolerance for last-bit differences.</summary>
    private sealed class Borders(MultiPolygon area, LocalProjection projection)
    {
        // Far above the rounding noise of two overlays computing the same edge, far below any real gap.
        private readonly double _tolerance = 1e-9 * Math.Max(area.EnvelopeInternal.Width, area.EnvelopeInternal.Height);

        /// <summary>The candidate sharing the most outline with <paramref name="piece"/>, or −1 if none shares any.</summary>
        /// <param name="facets">Per-candidate boundary index cache; callers null an entry when its candidate changes.</param>
        public int LongestShared(Geometry piece, IReadOnlyList<Geometry?> candidates, IndexedFacetDistance?[] facets)
        {
            var (best, bestLength) = (-1, 0.0);
            var reach = piece.EnvelopeInternal.Copy();
            reach.ExpandBy(_tolerance);
            for (var j = 0; j < candidates.Count; j++)
            {
                if (candidates[j] is not { } candidate || !reach.Intersects(candidate.EnvelopeInternal))
                    continue;
                facets[j] ??= new IndexedFacetDistance(candidate.Boundary);
                var length = SharedLength(piece, facets[j]!);
                // Strictly longer, so ties go to the lowest index and the result cannot depend on anything else.
                if (length > bestLength)
                    (best, bestLength) = (j, length);
            }
            return best;
        }

        /// <summary>
        /// Kilometres of <paramref name="piece"/>'s outline on the other boundary: a segment counts when both ends
        /// and its midpoint are within tolerance, because the two sides of a shared edge come from separate
        /// overlays and can differ in the last bits, which an exact test would miss.
        /// </summary>
        private double SharedLength(Geometry piece, IndexedFacetDistance otherBoundary)
        {
            var length = 0.0;
            foreach (Polygon polygon in PolygonExtracter.GetPolygons(piece))
                foreach (var ring in polygon.InteriorRings.Prepend(polygon.ExteriorRing))
                {
                    var points = ring.Coordinates;
                    var previousOn = OnBoundary(points[0]);
                    for (var k = 1; k < points.Length; k++)
                    {
                        var on = OnBoundary(points[k]);
                        var (a, b) = (points[k - 1], points[k]);
                        if (previousOn && on && OnBoundary(new Coordinate((a.X + b.X) / 2, (a.Y + b.Y) / 2)))
                            length += projection.DistanceKm(a, b);
                        previousOn = on;
                    }
                }
            return length;

            bool OnBoundary(Coordinate c) => otherBoundary.IsWithinDistance(Wgs84.Factory.CreatePoint(c), _tolerance);
        }
    }

    private static MultiPolygon ToMultiPolygon(Geometry? part)
    {
        if (part is null)
            return Wgs84.Factory.CreateMultiPolygon();
        var polygons = PolygonExtracter.GetPolygons(part).Cast<Polygon>().Where(p => p.Area > 0).ToArray();
        return Wgs84.Factory.CreateMultiPolygon(polygons);
    }
}
