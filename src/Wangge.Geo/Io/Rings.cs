using System.Globalization;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using Wangge.Geo.Crs;

namespace Wangge.Geo.Io;

/// <summary>
/// Turns raw positions from either file format into WGS-84 rings and polygons, with the same checks and the
/// same messages for both, so a bad ring reads the same whichever way it arrived.
/// </summary>
internal static class Rings
{
    /// <summary>
    /// A ring from positions as the file had them. Throws <see cref="FeatureProblemException"/> for a position
    /// outside longitude/latitude range, fewer than 4 positions, or an open ring. The range check runs on the
    /// file's own numbers, before any GCJ-02 conversion, so the message quotes what the user can find in the file.
    /// </summary>
    /// <param name="where">Names the ring for messages, e.g. "polygon 2, ring 1 (exterior)".</param>
    public static LinearRing Make(Coordinate[] positions, InputCrs crs, string where)
    {
        Swapped(positions, where);
        for (var i = 0; i < positions.Length; i++)
        {
            var c = positions[i];
            // Written so that NaN fails too.
            if (!(c.X >= -180 && c.X <= 180 && c.Y >= -90 && c.Y <= 90))
                throw new FeatureProblemException(
                    $"coordinate ({Num(c.X)}, {Num(c.Y)}) outside longitude [-180, 180] / latitude [-90, 90] " +
                    $"at {where}, position {i + 1}: not WGS-84/GCJ-02 degrees (a projected file?)");
        }
        if (positions.Length < 4)
            throw new FeatureProblemException(
                $"ring with {positions.Length} positions at {where}: a ring needs at least 4 " +
                "(3 corners and the first repeated at the end)");
        if (!positions[0].Equals2D(positions[^1]))
            throw new FeatureProblemException(
                $"ring not closed at {where}: it starts at ({Num(positions[0].X)}, {Num(positions[0].Y)}) " +
                $"and ends at ({Num(positions[^1].X)}, {Num(positions[^1].Y)})");
        if (crs == InputCrs.Gcj02)
        {
            // Per position rather than Gcj02.ToWgs84(Geometry): same bits, without copying the polygon again.
            foreach (var c in positions)
                (c.X, c.Y) = Gcj02.ToWgs84(c.X, c.Y);
        }
        return Wgs84.Factory.CreateLinearRing(positions);
    }

    /// <summary>
    /// Latitude written first: Chinese coordinates then put 113 in the latitude place, which the range check
    /// would call "not degrees". Checked before it, on the whole ring, so that the message says what went wrong.
    /// </summary>
    private static void Swapped(Coordinate[] positions, string where)
    {
        var outside = Array.FindIndex(positions, c => !(Math.Abs(c.Y) <= 90));
        if (outside < 0 || !positions.All(c => Math.Abs(c.X) <= 90 && Math.Abs(c.Y) <= 180))
            return;
        var c = positions[outside];
        throw new FeatureProblemException(
            $"longitude and latitude look swapped: coordinate ({Num(c.X)}, {Num(c.Y)}) at {where}, position {outside + 1} " +
            $"has a latitude beyond 90; read the other way round it is (lon {Num(c.Y)}, lat {Num(c.X)}), and so is every position " +
            "of the ring: write longitude first", BorderFeature.SwappedCoordinates, new Coordinate(c.Y, c.X));
    }

    /// <summary>A polygon with RFC 7946 orientation: exterior counter-clockwise, holes clockwise.</summary>
    public static Polygon Polygon(LinearRing shell, IReadOnlyList<LinearRing> holes)
    {
        var h = new LinearRing[holes.Count];
        for (var i = 0; i < h.Length; i++)
            h[i] = Oriented(holes[i], counterClockwise: false);
        return Wgs84.Factory.CreatePolygon(Oriented(shell, counterClockwise: true), h);
    }

    /// <summary>One polygon as a Polygon, several as a MultiPolygon: the file's own shape is kept.</summary>
    public static Geometry Combine(IReadOnlyList<Polygon> polygons, bool multi) =>
        multi || polygons.Count != 1 ? Wgs84.Factory.CreateMultiPolygon([.. polygons]) : polygons[0];

    /// <summary>The ring, reversed if needed. Reversal keeps the first position, so a round trip keeps vertex order.</summary>
    public static LinearRing Oriented(LinearRing ring, bool counterClockwise)
    {
        // Signed area, not the highest-vertex test: it gives an answer for the odd flat ring too.
        var ccw = Orientation.IsCCWArea(ring.CoordinateSequence);
        return ccw == counterClockwise ? ring : (LinearRing)ring.Reverse();
    }

    /// <summary>
    /// Groups the rings of one Shapefile record into polygons by nesting: a ring inside an even number of others
    /// is an exterior, inside an odd number a hole of the innermost exterior around it. The format says
    /// exteriors are clockwise, but enough writers get that wrong that nesting is the safer rule; for files that
    /// follow the format both rules agree.
    /// </summary>
    public static Geometry FromUnorderedRings(IReadOnlyList<LinearRing> rings)
    {
        // Larger rings first: a ring can only lie inside one of larger area.
        var order = new int[rings.Count];
        var area = new double[rings.Count];
        for (var i = 0; i < rings.Count; i++)
        {
            order[i] = i;
            area[i] = Math.Abs(Area.OfRingSigned(rings[i].CoordinateSequence));
        }
        Array.Sort(order, (a, b) => area[b] != area[a] ? area[b].CompareTo(area[a]) : a.CompareTo(b));

        var depth = new int[rings.Count];
        var holes = new Dictionary<int, List<int>>();
        for (var k = 0; k < order.Length; k++)
        {
            var i = order[k];
            var innermostShell = -1;
            for (var m = 0; m < k; m++)
            {
                var j = order[m];
                if (!Inside(rings[i], rings[j]))
                    continue;
                depth[i]++;
                // Visited from large to small, so the last containing exterior is the innermost one.
                if (depth[j] % 2 == 0)
                    innermostShell = j;
            }
            if (depth[i] % 2 == 0)
                holes[i] = [];
            else
                holes[innermostShell].Add(i);
        }

        // Back in file order, polygons and holes alike, so that a written layer reads back vertex for vertex.
        var polygons = new List<Polygon>();
        for (var i = 0; i < rings.Count; i++)
        {
            if (holes.TryGetValue(i, out var h))
                polygons.Add(Polygon(rings[i], [.. h.Order().Select(k => rings[k])]));
        }
        return Combine(polygons, multi: false);
    }

    // Inside means: the envelope fits and the first vertex of the inner ring that is not on the outer ring's
    // line lies in its interior. Rings of a valid polygon do not cross, so one vertex decides.
    private static bool Inside(LinearRing inner, LinearRing outer)
    {
        if (!outer.EnvelopeInternal.Covers(inner.EnvelopeInternal))
            return false;
        var seq = outer.CoordinateSequence;
        foreach (var c in inner.Coordinates)
        {
            var location = RayCrossingCounter.LocatePointInRing(c, seq);
            if (location != Location.Boundary)
                return location == Location.Interior;
        }
        return false;
    }

    public static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
