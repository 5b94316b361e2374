using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Noding;
using NetTopologySuite.Noding.Snapround;
using NetTopologySuite.Operation.Polygonize;
using NetTopologySuite.Precision;

namespace Wangge.Geo.Topology;

/// <summary>
/// Rounds a family of borders (siblings, or one alone) to a fixed number of decimals so that every border
/// stays valid and neighbours keep sharing their edges. Rounding each vertex on its own is enough almost
/// always, and keeps every vertex where it was to within the precision; when it is not (a hole or a
/// spike nearer its own border than the precision, a vertex that rounds across a neighbour's edge), the
/// family's edges are snap-rounded together and the faces they bound given back to the borders they lie in.
/// </summary>
public static class CoveragePrecision
{
    /// <param name="decimals">7 is about 1 cm, what exports use.</param>
    /// <param name="requireCoverage">Snap-round the family whenever rounding alone leaves it short of an exact
    /// coverage, as a repair wants; otherwise only when rounding broke one that was exact.</param>
    public static IReadOnlyList<Geometry> Reduce(IReadOnlyList<Geometry> family, int decimals = 7, bool requireCoverage = false)
    {
        ArgumentNullException.ThrowIfNull(family);
        var model = new PrecisionModel(Math.Pow(10, decimals));
        var rounded = family.Select(g => Kept(g, GeometryPrecisionReducer.ReducePointwise(g, model))).ToList();
        var coverageKept = requireCoverage
            ? family.Count < 2 || CoverageValidator.Validate([.. rounded]).All(m => m is null)
            : !BreaksCoverage(family, rounded);
        if (rounded.All(g => g.IsValid) && coverageKept)
            return rounded;
        return SnapRounded(family, model);
    }

    private static Geometry Kept(Geometry original, Geometry rounded)
    {
        rounded.SRID = original.SRID;
        return rounded;
    }

    /// <summary>Whether rounding made a coverage of a family that was one before.</summary>
    private static bool BreaksCoverage(IReadOnlyList<Geometry> before, IReadOnlyList<Geometry> after)
    {
        if (before.Count < 2)
            return false;
        var wasCoverage = CoverageValidator.Validate([.. before]).All(m => m is null);
        return wasCoverage && CoverageValidator.Validate([.. after]).Any(m => m is not null);
    }

    /// <summary>How far, in units of the precision, a face may lie from the border it is given back to.</summary>
    private const double NearFace = 2;

    private static int Nearest(IReadOnlyList<Geometry> family, Point p, double within)
    {
        var (best, distance) = (-1, within);
        for (var i = 0; i < family.Count; i++)
        {
            var envelope = new Envelope(family[i].EnvelopeInternal);
            envelope.ExpandBy(within);
            if (!envelope.Covers(p.Coordinate))
                continue;
            var d = family[i].Distance(p);
            if (d <= distance)
                (best, distance) = (i, d);
        }
        return best;
    }

    private static IReadOnlyList<Geometry> SnapRounded(IReadOnlyList<Geometry> family, PrecisionModel model)
    {
        var factory = family.FirstOrDefault(g => !g.IsEmpty)?.Factory ?? Wgs84.Factory;
        var rings = new List<ISegmentString>();
        foreach (var g in family)
        {
            for (var i = 0; i < g.NumGeometries; i++)
            {
                if (g.GetGeometryN(i) is not Polygon p || p.IsEmpty)
                    continue;
                rings.Add(new NodedSegmentString(p.ExteriorRing.Coordinates, null));
                foreach (var hole in p.InteriorRings)
                    rings.Add(new NodedSegmentString(hole.Coordinates, null));
            }
        }
        var noder = new SnapRoundingNoder(model);
        noder.ComputeNodes(rings);

        // Snap-rounded edges are fully noded, and shared edges come out identical: one line per distinct segment.
        var segments = new HashSet<(Coordinate, Coordinate)>();
        foreach (var s in noder.GetNodedSubstrings())
        {
            var c = s.Coordinates;
            for (var i = 1; i < c.Length; i++)
            {
                if (c[i - 1].Equals2D(c[i]))
                    continue;
                segments.Add(c[i - 1].CompareTo(c[i]) < 0 ? (c[i - 1], c[i]) : (c[i], c[i - 1]));
            }
        }
        var polygonizer = new Polygonizer();
        polygonizer.Add(segments.Select(s => (Geometry)factory.CreateLineString([s.Item1.Copy(), s.Item2.Copy()])).ToList());

        var faces = family.Select(_ => new List<Geometry>()).ToList();
        foreach (var face in polygonizer.GetPolygons())
        {
            var inside = face.InteriorPoint;
            var owner = -1;
            for (var i = 0; i < family.Count && owner < 0; i++)
                if (family[i].EnvelopeInternal.Covers(inside.Coordinate) && family[i].Covers(inside))
                    owner = i;
            // A face thinner than the precision can have its interior point just outside the border it came from.
            if (owner < 0)
                owner = Nearest(family, inside, NearFace / model.Scale);
            if (owner >= 0)
                faces[owner].Add(face);
        }
        return family.Select((g, i) =>
        {
            // A border thinner than the precision everywhere has no face left; its rounded vertices are all it has.
            if (faces[i].Count == 0)
                return Kept(g, GeometryPrecisionReducer.ReducePointwise(g, model));
            var union = NetTopologySuite.Operation.OverlayNG.CoverageUnion.Union(factory.BuildGeometry(faces[i]));
            // Faces meeting at a single vertex make a ring that touches itself; fixing that moves no vertex.
            return Kept(g, union.IsValid ? union : GeometryFixer.Fix(union));
        }).ToList();
    }
}
