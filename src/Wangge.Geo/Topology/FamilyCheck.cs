using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.RelateNG;
using Wangge.Geo.Synthesis;

namespace Wangge.Geo.Topology;

/// <summary>
/// The coverage rules for one family — the grids that share a parent: each child inside the parent, no two
/// children overlapping, the children leaving no gap in the parent. Top-level grids (no parent) form a
/// family too, for the overlap rule only.
/// </summary>
/// <remarks>
/// Areas are measured in a local projection around the family, so the tolerance means m² wherever the
/// jurisdiction lies. Overlays use OverlayNG's robust mode: imported borders rarely share edges to the last
/// bit, and the classic overlay throws on exactly those near-coincident edges.
/// <para>Speed, for 20,000 cells under one parent: NTS's <see cref="CoverageValidator"/> first marks the
/// children whose edges do not match their neighbours exactly. Two children can only overlap if one of them is
/// marked (it also catches exact duplicates), so a clean tiling needs no pairwise overlay at all; a marked pair
/// is screened with a prepared RelateNG interior test before the overlay that measures it. The union for the
/// gap rule is <see cref="GapUnion"/>.</para>
/// </remarks>
internal static class FamilyCheck
{
    private const string InteriorsIntersect = "T********";

    public static List<TopologyProblem> Run(
        IReadOnlyList<GridShape> shapes, bool[] usable, TopologyCheck.ParentBorders parents, double toleranceM2)
    {
        var problems = new List<TopologyProblem>();
        foreach (var family in Families(shapes, usable))
        {
            var parentCode = shapes[family.Members[0]].ParentCode;
            var parent = parents.For(parentCode);
            var children = family.Members.Select(i => new Child(shapes[i].Code, shapes[i].Border!)).ToList();
            var projection = Describe.ProjectionFor(parent?.EnvelopeInternal ?? Envelope(children));
            var tolerance = new Tolerance(toleranceM2, projection);
            var index = Index(children);
            var mismatched = Mismatched(children);

            if (parent is not null)
                problems.AddRange(Outside(parentCode!, parent, children, tolerance));
            problems.AddRange(Overlaps(children, index, mismatched, tolerance));
            if (parent is not null)
                problems.AddRange(Gaps(parentCode!, parent, children, index, mismatched, family.Skipped, tolerance));
        }
        return problems;
    }

    private sealed record Child(string Code, Geometry Border);

    /// <summary>
    /// <paramref name="Skipped"/>: codes of children left out for problems of their own; a gap where one of
    /// them sits is real in the data given, but the message must say why it may be there.
    /// </summary>
    private sealed record Family(List<int> Members, List<string> Skipped);

    private readonly record struct Tolerance(double M2, LocalProjection Projection)
    {
        public double AreaM2(Geometry g) => Describe.AreaM2(g);

        /// <summary>The tolerance as an area in square degrees here, for filters that work on raw rings.</summary>
        public double Deg2 => M2 / (Projection.KmPerDegreeLongitude * LocalProjection.KmPerDegreeLatitude * 1e6);
    }

    /// <summary>Families in order of first appearance, so the report follows the file.</summary>
    private static IEnumerable<Family> Families(IReadOnlyList<GridShape> shapes, bool[] usable)
    {
        var byParent = new Dictionary<string, Family>(StringComparer.Ordinal);
        Family? topLevel = null;
        var order = new List<Family>();
        for (var i = 0; i < shapes.Count; i++)
        {
            var parent = shapes[i].ParentCode;
            Family family;
            if (parent is null)
                family = topLevel ??= Added(order);
            else if (!byParent.TryGetValue(parent, out family!))
                family = byParent[parent] = Added(order);
            if (usable[i])
                family.Members.Add(i);
            else
                family.Skipped.Add(shapes[i].Code);
        }
        return order.Where(f => f.Members.Count > 0);

        static Family Added(List<Family> order)
        {
            var family = new Family([], []);
            order.Add(family);
            return family;
        }
    }

    private static Envelope Envelope(List<Child> children)
    {
        var envelope = new Envelope();
        foreach (var child in children)
            envelope.ExpandToInclude(child.Border.EnvelopeInternal);
        return envelope;
    }

    private static STRtree<int> Index(List<Child> children)
    {
        var tree = new STRtree<int>();
        for (var i = 0; i < children.Count; i++)
            tree.Insert(children[i].Border.EnvelopeInternal, i);
        tree.Build();
        return tree;
    }

    /// <summary>Children whose edges do not match their neighbours' exactly (or that overlap them).</summary>
    private static bool[] Mismatched(List<Child> children)
    {
        var marks = CoverageValidator.Validate(children.Select(c => c.Border).ToArray());
        return marks.Select(m => m is not null).ToArray();
    }

    private static IEnumerable<TopologyProblem> Outside(string parentCode, Geometry parent, List<Child> children, Tolerance tolerance)
    {
        // Covers is exact and cheap with a prepared parent, and settles almost every child without an overlay.
        var prepared = PreparedGeometryFactory.Prepare(parent);
        foreach (var child in children)
        {
            if (prepared.Covers(child.Border))
                continue;
            var outside = Describe.Polygons(OverlayNGRobust.Overlay(child.Border, parent, SpatialFunction.Difference));
            var area = tolerance.AreaM2(outside);
            if (area <= tolerance.M2)
                continue;
            yield return new(TopologyProblemKind.OutsideParent, child.Code, parentCode, outside, area,
                $"Grid '{child.Code}' reaches outside its parent '{parentCode}' by {Describe.Area(area)} around {Describe.Place(outside)}.");
        }
    }

    /// <remarks>
    /// Runs in parallel per child: the overlays dominate when borders do not share vertices exactly. Only
    /// per-call objects are created in the loop; the children's envelopes were cached by the index build.
    /// </remarks>
    private static IEnumerable<TopologyProblem> Overlaps(List<Child> children, STRtree<int> index, bool[] mismatched, Tolerance tolerance)
    {
        var found = new List<TopologyProblem>?[children.Count];
        Parallel.For(0, children.Count, i =>
        {
            var a = children[i];
            RelateNG? prepared = null;
            foreach (var j in index.Query(a.Border.EnvelopeInternal))
            {
                var b = children[j];
                // Each pair once, named in ordinal order; a pair of exactly matching neighbours cannot overlap.
                if (string.CompareOrdinal(a.Code, b.Code) >= 0 || !(mismatched[i] || mismatched[j]))
                    continue;
                prepared ??= RelateNG.Prepare(a.Border);
                if (!prepared.Evaluate(b.Border, InteriorsIntersect))
                    continue;
                var shared = Describe.Polygons(OverlayNGRobust.Overlay(a.Border, b.Border, SpatialFunction.Intersection));
                var area = tolerance.AreaM2(shared);
                if (area <= tolerance.M2)
                    continue;
                (found[i] ??= []).Add(new(TopologyProblemKind.Overlap, a.Code, b.Code, shared, area,
                    $"Grids '{a.Code}' and '{b.Code}' overlap by {Describe.Area(area)} around {Describe.Place(shared)}."));
            }
        });
        return found.Where(f => f is not null).SelectMany(f => f!)
            .OrderBy(p => p.Code, StringComparer.Ordinal).ThenBy(p => p.OtherCode, StringComparer.Ordinal);
    }

    /// <summary>Each connected piece of the parent that no child covers is one gap.</summary>
    private static IEnumerable<TopologyProblem> Gaps(string parentCode, Geometry parent, List<Child> children,
        STRtree<int> index, bool[] mismatched, List<string> skipped, Tolerance tolerance)
    {
        var union = GapUnion.Of(children.Select(c => c.Border).ToList(), mismatched, tolerance.Deg2);
        var uncovered = Describe.Polygons(OverlayNGRobust.Overlay(parent, union, SpatialFunction.Difference));
        // A repeated code is skipped but its first occurrence counts; naming it would mislead.
        var counted = children.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var notCounted = skipped.Where(c => !counted.Contains(c)).Distinct().ToList();
        var caveat = notCounted.Count == 0
            ? ""
            : $" (not counting {string.Join(", ", notCounted.Select(c => $"'{c}'"))}, left out for problems of their own)";
        foreach (var gap in Describe.Pieces(uncovered))
        {
            var area = tolerance.AreaM2(gap);
            if (area <= tolerance.M2)
                continue;
            var neighbours = Neighbours(gap, children, index);
            var between = neighbours.Count == 0 ? "" : $", next to {string.Join(", ", neighbours.Select(c => $"'{c}'"))}";
            yield return new(TopologyProblemKind.Gap, parentCode, null, gap, area,
                $"Parent '{parentCode}' is not covered by its children: a gap of {Describe.Area(area)} around {Describe.Place(gap)}{between}{caveat}.");
        }
    }

    /// <summary>Children along the gap, so the user knows whose border to move. A few are enough to find it.</summary>
    private static List<string> Neighbours(Polygon gap, List<Child> children, STRtree<int> index)
    {
        const int MaxNamed = 6;
        // About a centimetre: gap and child share an edge up to overlay noding.
        const double TouchDegrees = 1e-7;
        var search = new Envelope(gap.EnvelopeInternal);
        search.ExpandBy(TouchDegrees);
        return index.Query(search)
            .Where(i => children[i].Border.IsWithinDistance(gap, TouchDegrees))
            .Select(i => children[i].Code)
            .Order(StringComparer.Ordinal)
            .Take(MaxNamed)
            .ToList();
    }
}
