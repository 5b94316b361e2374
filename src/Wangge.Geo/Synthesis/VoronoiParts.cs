using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Distance;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;

namespace Wangge.Geo.Synthesis;

/// <summary>Voronoi cells clipped to an area, then repaired so each part is one piece where it can be.</summary>
internal static class VoronoiParts
{
    /// <param name="area">Lon/lat, valid, non-empty.</param>
    /// <param name="sitesKm">Distinct sites in <paramref name="projection"/>'s kilometres.</param>
    public static IReadOnlyList<MultiPolygon> Build(MultiPolygon area, IReadOnlyList<Coordinate> sitesKm, LocalProjection projection)
    {
        var cells = Cells(area, sitesKm, projection);
        var prepared = PreparedGeometryFactory.Prepare(area);
        var pieces = cells.Select(cell => Clip(cell, area, prepared)).ToArray();
        return Repair(pieces, area, projection);
    }

    /// <summary>Voronoi cells in lon/lat, in site order.</summary>
    private static Polygon[] Cells(MultiPolygon area, IReadOnlyList<Coordinate> sitesKm, LocalProjection projection)
    {
        // Built in kilometres so cells are fair in distance, not stretched by cos(latitude).
        var envelope = new Envelope(projection.ToKm(area.EnvelopeInternal.MinX, area.EnvelopeInternal.MinY),
            projection.ToKm(area.EnvelopeInternal.MaxX, area.EnvelopeInternal.MaxY));
        foreach (var site in sitesKm)
            envelope.ExpandToInclude(site);
        var size = Math.Max(envelope.Width, envelope.Height);
        // Four guard sites far outside: NTS returns line-string "cells" when every site is collinear, and
        // guards this far away are never nearest to any point of the area, so they change no part.
        var guards = new Envelope(envelope);
        guards.ExpandBy(4 * size);
        var clip = new Envelope(envelope);
        clip.ExpandBy(size);
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
    /// border with, repeating while that makes progress (a piece may only touch other stray pieces at first).
    /// A piece that borders nobody — an island of a multi-polygon area — stays with its own part.
    /// </summary>
    private static IReadOnlyList<MultiPolygon> Repair(List<Polygon>[] pieces, MultiPolygon area, LocalProjection projection)
    {
        var parts = new Geometry?[pieces.Length];
        var strays = new List<(Polygon Piece, int Owner)>();
        for (var i = 0; i < pieces.Length; i++)
        {
            if (pieces[i].Count == 0)
                continue;
            var largest = pieces[i].MaxBy(p => p.Area)!;
            parts[i] = largest;
            strays.AddRange(pieces[i].Where(p => !ReferenceEquals(p, largest)).Select(p => (p, i)));
        }

        // Far above the rounding noise of two overlays computing the same edge, far below any real gap.
        var tolerance = 1e-9 * Math.Max(area.EnvelopeInternal.Width, area.EnvelopeInternal.Height);
        var facets = new IndexedFacetDistance?[pieces.Length];
        var pending = strays.OrderByDescending(s => s.Piece.Area).ThenBy(s => s.Owner).ToList();
        while (pending.Count > 0)
        {
            var stuck = new List<(Polygon Piece, int Owner)>();
            foreach (var stray in pending)
            {
                var (best, bestLength) = (-1, 0.0);
                for (var j = 0; j < parts.Length; j++)
                {
                    if (parts[j] is not { } part || !Near(stray.Piece.EnvelopeInternal, part.EnvelopeInternal, tolerance))
                        continue;
                    facets[j] ??= new IndexedFacetDistance(part.Boundary);
                    var length = SharedLength(stray.Piece, facets[j]!, tolerance, projection);
                    if (length > bestLength)
                        (best, bestLength) = (j, length);
                }
                if (best < 0)
                {
                    stuck.Add(stray);
                    continue;
                }
                parts[best] = OverlayNGRobust.Overlay(parts[best], stray.Piece, SpatialFunction.Union);
                facets[best] = null;
            }
            if (stuck.Count == pending.Count)
                break;
            pending = stuck;
        }
        foreach (var (piece, owner) in pending)
            parts[owner] = OverlayNGRobust.Overlay(parts[owner], piece, SpatialFunction.Union);

        return parts.Select(ToMultiPolygon).ToArray();
    }

    private static bool Near(Envelope a, Envelope b, double tolerance)
    {
        var grown = a.Copy();
        grown.ExpandBy(tolerance);
        return grown.Intersects(b);
    }

    /// <summary>
    /// Kilometres of <paramref name="piece"/>'s outline lying on the other part's boundary. A segment counts
    /// when both ends and its midpoint are within tolerance of that boundary; the two sides of a shared edge
    /// come from separate overlays and can differ in the last bits, so exact tests would miss them.
    /// </summary>
    private static double SharedLength(Polygon piece, IndexedFacetDistance otherBoundary, double tolerance, LocalProjection projection)
    {
        var length = 0.0;
        foreach (var ring in new[] { piece.ExteriorRing }.Concat(piece.InteriorRings))
        {
            var points = ring.Coordinates;
            var previousOn = OnBoundary(points[0]);
            for (var k = 1; k < points.Length; k++)
            {
                var on = OnBoundary(points[k]);
                if (previousOn && on && OnBoundary(new Coordinate((points[k - 1].X + points[k].X) / 2, (points[k - 1].Y + points[k].Y) / 2)))
                    length += projection.DistanceKm(points[k - 1], points[k]);
                previousOn = on;
            }
        }
        return length;

        bool OnBoundary(Coordinate c) => otherBoundary.IsWithinDistance(Wgs84.Factory.CreatePoint(c), tolerance);
    }

    private static MultiPolygon ToMultiPolygon(Geometry? part)
    {
        if (part is null)
            return Wgs84.Factory.CreateMultiPolygon();
        var polygons = PolygonExtracter.GetPolygons(part).Cast<Polygon>().Where(p => p.Area > 0).ToArray();
        return Wgs84.Factory.CreateMultiPolygon(polygons);
    }
}
