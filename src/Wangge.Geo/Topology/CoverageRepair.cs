using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Valid;

namespace Wangge.Geo.Topology;

public enum RepairKind
{
    /// <summary>A border that crossed or touched itself was made valid.</summary>
    MadeValid,

    /// <summary>Two siblings overlapped; the overlap was taken from the smaller one.</summary>
    OverlapRemoved,

    /// <summary>A sliver of the parent no sibling covered went to the neighbour with the longest shared edge.</summary>
    GapFilled,

    /// <summary>A sliver of a grid outside its parent was cut off.</summary>
    ClippedToParent,

    /// <summary>The border could not be made valid; the check reports it as it was.</summary>
    Unrepairable,
}

/// <summary>One change a repair made (or could not make), with its area and the place to show on the map.</summary>
/// <param name="Code">The grid changed: for an overlap the one that lost it, for a gap the one that gained it.</param>
/// <param name="OtherCode">The neighbour that kept an overlap, or the parent of a gap or overhang.</param>
/// <param name="Place">The centroid (an interior point for a thin U) of <paramref name="Location"/>.</param>
public sealed record RepairChange(RepairKind Kind, string Code, string? OtherCode, double AreaM2, Coordinate Place, Geometry? Location);

public sealed record RepairResult(IReadOnlyList<GridShape> Shapes, IReadOnlyList<RepairChange> Changes);

/// <param name="MaxWidthM">Gaps and overhangs thinner than this (mean width 2·area/perimeter) are slivers to
/// absorb; wider ones may be meant and are left for the check to report. Overlaps are always resolved.</param>
/// <param name="MaxAreaM2">Gaps and overhangs at most this large are absorbed whatever their shape.</param>
public sealed record RepairOptions(double MaxWidthM = 200, double MaxAreaM2 = 20_000);

/// <summary>
/// The explicit repair of a border file (issue 11 §3): public web-map files quantised to about 1/1024° cross
/// themselves by a few thousand m² and leave slivers between neighbours. Each border is made valid (NTS
/// GeometryFixer), then each family (siblings under one parent) is made a clean coverage: overlaps are taken
/// from the smaller sibling, slivers outside the parent cut off, slivers of the parent no sibling covers given
/// to the neighbour with the longest shared edge, and the family's edges snap-rounded together (1 cm) so that
/// neighbours share them exactly. Every change is listed; nothing is saved here.
/// </summary>
public static class CoverageRepair
{
    public static RepairResult Repair(IReadOnlyList<GridShape> shapes, IReadOnlyDictionary<string, Geometry> existingParents, RepairOptions options)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentNullException.ThrowIfNull(existingParents);
        ArgumentNullException.ThrowIfNull(options);
        var changes = new List<RepairChange>();
        var result = shapes.ToList();
        var usable = new bool[result.Count];
        for (var i = 0; i < result.Count; i++)
            (result[i], usable[i]) = MadeValid(result[i], changes);

        var parentsInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < result.Count; i++)
            parentsInFile.TryAdd(result[i].Code, i);
        // Top down, so that a family is cleaned against its parent's repaired border.
        var families = Enumerable.Range(0, result.Count).Where(i => usable[i])
            .GroupBy(i => result[i].ParentCode ?? "")
            .OrderBy(g => Depth(g.Key, result, parentsInFile)).ToList();
        foreach (var family in families)
        {
            var members = family.ToList();
            Geometry? parent = family.Key.Length == 0 ? null
                : parentsInFile.TryGetValue(family.Key, out var p) ? (usable[p] ? result[p].Border : null)
                : existingParents.GetValueOrDefault(family.Key);
            var borders = members.Select(i => result[i].Border!).ToList();
            var codes = members.Select(i => result[i].Code).ToList();
            new FamilyRepair(codes, borders, parent, family.Key, options, changes).Run();
            for (var k = 0; k < members.Count; k++)
                result[members[k]] = result[members[k]] with { Border = borders[k] };
        }
        return new RepairResult(result, changes);
    }

    private static int Depth(string parentCode, List<GridShape> shapes, Dictionary<string, int> byCode)
    {
        var depth = 0;
        for (var code = parentCode; code.Length > 0 && depth < 16 && byCode.TryGetValue(code, out var i); depth++)
            code = shapes[i].ParentCode ?? "";
        return depth;
    }

    private static (GridShape, bool) MadeValid(GridShape shape, List<RepairChange> changes)
    {
        if (shape.Border is not (Polygon or MultiPolygon) || shape.Border.IsEmpty)
            return (shape, false);
        var error = new IsValidOp(shape.Border).ValidationError;
        if (error is null)
            return (shape, true);
        var at = error.Coordinate is { } c && double.IsFinite(c.X) && double.IsFinite(c.Y) ? c.Copy() : shape.Border.Coordinate.Copy();
        if (error.ErrorType == TopologyValidationErrors.InvalidCoordinate)
        {
            changes.Add(new(RepairKind.Unrepairable, shape.Code, null, 0, at, null));
            return (shape, false);
        }
        var fixedBorder = Describe.Polygons(GeometryFixer.Fix(shape.Border));
        if (fixedBorder.IsEmpty || !fixedBorder.IsValid)
        {
            changes.Add(new(RepairKind.Unrepairable, shape.Code, null, 0, at, Wgs84.Factory.CreatePoint(at)));
            return (shape, false);
        }
        fixedBorder.SRID = shape.Border.SRID;
        // The rings as drawn, each by its own area: what the file meant, against what is now valid.
        var before = RingsArea(shape.Border);
        changes.Add(new(RepairKind.MadeValid, shape.Code, null, Math.Abs(Describe.AreaM2(fixedBorder) - before), at, Wgs84.Factory.CreatePoint(at)));
        return (shape with { Border = fixedBorder }, true);
    }

    private static double RingsArea(Geometry border)
    {
        var total = 0.0;
        foreach (var p in Describe.Pieces(border))
        {
            total += Describe.AreaM2(Wgs84.Factory.CreatePolygon((LinearRing)p.ExteriorRing));
            foreach (var hole in p.InteriorRings)
                total -= Describe.AreaM2(Wgs84.Factory.CreatePolygon((LinearRing)hole));
        }
        return total;
    }

    /// <summary>The cleaning of one family, in place on <paramref name="borders"/>.</summary>
    private sealed class FamilyRepair(List<string> codes, List<Geometry> borders, Geometry? parent, string parentCode,
        RepairOptions options, List<RepairChange> changes)
    {
        public void Run()
        {
            if (parent is not null)
                ClipToParent();
            RemoveOverlaps();
            // Without a parent there is nothing the family must cover: a hole in its union may be a neighbour's enclave.
            if (parent is not null)
                FillGaps();
            var snapped = CoveragePrecision.Reduce(borders, requireCoverage: true);
            for (var i = 0; i < borders.Count; i++)
                borders[i] = Wgs84.ToMultiPolygon(snapped[i]);
        }

        private void ClipToParent()
        {
            for (var i = 0; i < borders.Count; i++)
            {
                var outside = Describe.Polygons(OverlayNGRobust.Overlay(borders[i], parent!, SpatialFunction.Difference));
                if (outside.IsEmpty || !Describe.Pieces(outside).All(IsSliver))
                    continue;
                borders[i] = Describe.Polygons(OverlayNGRobust.Overlay(borders[i], parent!, SpatialFunction.Intersection));
                Add(RepairKind.ClippedToParent, i, parentCode, outside);
            }
        }

        private void RemoveOverlaps()
        {
            for (var i = 0; i < borders.Count; i++)
            {
                for (var j = i + 1; j < borders.Count; j++)
                {
                    if (!borders[i].EnvelopeInternal.Intersects(borders[j].EnvelopeInternal) || !InteriorsIntersect(borders[i], borders[j]))
                        continue;
                    var shared = Describe.Polygons(OverlayNGRobust.Overlay(borders[i], borders[j], SpatialFunction.Intersection));
                    if (shared.IsEmpty)
                        continue;
                    var (smaller, larger) = Describe.AreaM2(borders[i]) < Describe.AreaM2(borders[j]) ? (i, j) : (j, i);
                    borders[smaller] = Describe.Polygons(OverlayNGRobust.Overlay(borders[smaller], shared, SpatialFunction.Difference));
                    Add(RepairKind.OverlapRemoved, smaller, codes[larger], shared);
                }
            }
        }

        private void FillGaps()
        {
            var union = OverlayNGRobust.Union(borders);
            var uncovered = Describe.Polygons(OverlayNGRobust.Overlay(parent!, union, SpatialFunction.Difference));
            var index = new STRtree<int>();
            for (var i = 0; i < borders.Count; i++)
                index.Insert(borders[i].EnvelopeInternal, i);
            foreach (var gap in Describe.Pieces(uncovered).Where(IsSliver).ToList())
            {
                var owner = LongestSharedEdge(gap, index);
                if (owner < 0)
                    continue;
                borders[owner] = Describe.Polygons(OverlayNGRobust.Overlay(borders[owner], gap, SpatialFunction.Union));
                Add(RepairKind.GapFilled, owner, parentCode, gap);
            }
        }

        private int LongestSharedEdge(Polygon gap, STRtree<int> index)
        {
            // About a centimetre: the gap and its neighbours share edges up to overlay noding.
            const double Touch = 1e-7;
            var search = new Envelope(gap.EnvelopeInternal);
            search.ExpandBy(Touch);
            var edge = gap.Boundary;
            var (best, bestLength) = (-1, -1.0);
            foreach (var i in index.Query(search).Order())
            {
                if (!borders[i].IsWithinDistance(gap, Touch))
                    continue;
                // Buffering only the neighbour's part around the gap: a whole district's buffer costs seconds.
                var near = OverlayNGRobust.Overlay(borders[i], borders[i].Factory.ToGeometry(search), SpatialFunction.Intersection);
                var length = OverlayNGRobust.Overlay(edge, near.Buffer(Touch), SpatialFunction.Intersection).Length;
                if (length > bestLength)
                    (best, bestLength) = (i, length);
            }
            return best;
        }

        private bool IsSliver(Polygon piece)
        {
            var area = Describe.AreaM2(piece);
            if (area <= options.MaxAreaM2)
                return true;
            var perimeterM = new Synthesis.LocalProjection(piece.EnvelopeInternal.Centre.X, piece.EnvelopeInternal.Centre.Y)
                .ToKm(piece).Length * 1000;
            return perimeterM > 0 && 2 * area / perimeterM < options.MaxWidthM;
        }

        private void Add(RepairKind kind, int i, string? other, Geometry where)
        {
            var place = where.Centroid is { IsEmpty: false } c && where.Covers(c) ? c.Coordinate : where.InteriorPoint.Coordinate;
            changes.Add(new(kind, codes[i], other, Describe.AreaM2(where), place.Copy(), where));
        }

        private static bool InteriorsIntersect(Geometry a, Geometry b) => a.Relate(b, "T********");
    }
}
