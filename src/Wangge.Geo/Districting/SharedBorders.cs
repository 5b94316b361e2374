using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using Wangge.Geo.Synthesis;

namespace Wangge.Geo.Districting;

/// <summary>
/// Derives adjacency from polygons: two units are neighbours when stretches of their boundaries run along each
/// other, and the edge weight is the length of those stretches in km.
/// </summary>
/// <remarks>
/// Boundaries are compared segment by segment rather than by overlaying them, because neighbouring villages
/// drawn by different hands rarely share vertices bit for bit: a segment of one unit counts where the other's
/// segment lies within the tolerance of its line, and only the overlap of their extents along it is added.
/// Segments that merely meet end to end, or cross at a corner, overlap by zero length, so units touching at a
/// corner are not neighbours — a district joined only through a corner would not be walkable.
/// </remarks>
internal static class SharedBorders
{
    // A micrometre: lets a zero tolerance still accept collinear segments whose arithmetic is off in the last bits.
    private const double RoundOff = 1e-9;

    public static AdjacencyGraph Graph(IReadOnlyList<BaseUnit> units, double toleranceKm)
    {
        ArgumentNullException.ThrowIfNull(units);
        if (units.Count == 0)
            throw new ArgumentException("At least one base unit is needed.", nameof(units));
        if (!double.IsFinite(toleranceKm) || toleranceKm < 0)
            throw new ArgumentOutOfRangeException(nameof(toleranceKm), toleranceKm, "Needs a finite tolerance ≥ 0.");
        var ids = CheckUnits(units);

        var envelope = new Envelope();
        foreach (var unit in units)
            envelope.ExpandToInclude(unit.Shape.EnvelopeInternal);
        var projection = new LocalProjection(envelope.Centre.X, envelope.Centre.Y);

        var n = units.Count;
        var shapes = new Geometry[n];
        var segments = new double[n][];
        var geometry = new VertexGeometry[n];
        var boxes = new Envelope[n];
        var tree = new STRtree<int>();
        for (var i = 0; i < n; i++)
        {
            shapes[i] = projection.ToKm(units[i].Shape);
            var centre = shapes[i].Centroid.Coordinate;
            geometry[i] = new VertexGeometry(shapes[i].Area, shapes[i].Length, centre.X, centre.Y);
            segments[i] = Segments(shapes[i]);
            boxes[i] = shapes[i].EnvelopeInternal.Copy();
            boxes[i].ExpandBy(toleranceKm);
            tree.Insert(boxes[i], i);
        }
        tree.Build();

        var edges = new List<GraphEdge>();
        for (var i = 0; i < n; i++)
        {
            var box = boxes[i];
            foreach (var j in tree.Query(box))
            {
                if (j <= i)
                    continue;
                var near = box.Intersection(boxes[j]);
                var length = SharedLength(Within(segments[i], near), Within(segments[j], near), toleranceKm);
                // A few tolerances of overlap can arise at a corner where two near-parallel borders meet.
                if (length > 2 * toleranceKm && length > 0)
                    edges.Add(new GraphEdge(i, j, length));
            }
        }
        return new AdjacencyGraph(units.Select(u => u.Weight).ToArray(), edges, geometry, ids, shapes);
    }

    private static string[] CheckUnits(IReadOnlyList<BaseUnit> units)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new string[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i] ?? throw new ArgumentException($"Unit {i} is null.", nameof(units));
            if (string.IsNullOrEmpty(unit.Id))
                throw new ArgumentException($"Unit {i} has no id.", nameof(units));
            if (!seen.Add(unit.Id))
                throw new ArgumentException($"Unit id '{unit.Id}' appears twice.", nameof(units));
            if (unit.Shape is not (Polygon or MultiPolygon) || unit.Shape.IsEmpty)
                throw new ArgumentException($"Unit '{unit.Id}' needs a non-empty polygon or multipolygon; got {unit.Shape?.GeometryType ?? "null"}.", nameof(units));
            ids[i] = unit.Id;
        }
        return ids;
    }

    /// <summary>Every ring's segments as x0, y0, x1, y1 quadruples.</summary>
    private static double[] Segments(Geometry shape)
    {
        var result = new List<double>();
        for (var p = 0; p < shape.NumGeometries; p++)
        {
            var polygon = (Polygon)shape.GetGeometryN(p);
            Add(polygon.ExteriorRing);
            foreach (var hole in polygon.InteriorRings)
                Add(hole);
        }
        return result.ToArray();

        void Add(LineString ring)
        {
            var seq = ring.CoordinateSequence;
            for (var k = 1; k < seq.Count; k++)
                result.AddRange([seq.GetX(k - 1), seq.GetY(k - 1), seq.GetX(k), seq.GetY(k)]);
        }
    }

    /// <summary>
    /// The segments that reach into the box where two units' envelopes overlap: only those can be shared, and
    /// villages drawn with hundreds of vertices would otherwise make every pair cost the product of their sizes.
    /// </summary>
    private static double[] Within(double[] segments, Envelope box)
    {
        if (box.IsNull)
            return [];
        var result = new List<double>();
        for (var i = 0; i < segments.Length; i += 4)
            if (Math.Max(segments[i], segments[i + 2]) >= box.MinX && Math.Min(segments[i], segments[i + 2]) <= box.MaxX &&
                Math.Max(segments[i + 1], segments[i + 3]) >= box.MinY && Math.Min(segments[i + 1], segments[i + 3]) <= box.MaxY)
                result.AddRange(segments.AsSpan(i, 4));
        return result.ToArray();
    }

    private static double SharedLength(double[] a, double[] b, double tolerance)
    {
        var total = 0.0;
        for (var i = 0; i < a.Length; i += 4)
        {
            double ax0 = a[i], ay0 = a[i + 1], ax1 = a[i + 2], ay1 = a[i + 3];
            var dx = ax1 - ax0;
            var dy = ay1 - ay0;
            var length = Math.Sqrt(dx * dx + dy * dy);
            if (length == 0)
                continue;
            dx /= length;
            dy /= length;
            var minX = Math.Min(ax0, ax1) - tolerance;
            var maxX = Math.Max(ax0, ax1) + tolerance;
            var minY = Math.Min(ay0, ay1) - tolerance;
            var maxY = Math.Max(ay0, ay1) + tolerance;
            for (var j = 0; j < b.Length; j += 4)
            {
                double bx0 = b[j], by0 = b[j + 1], bx1 = b[j + 2], by1 = b[j + 3];
                if (Math.Max(bx0, bx1) < minX || Math.Min(bx0, bx1) > maxX || Math.Max(by0, by1) < minY || Math.Min(by0, by1) > maxY)
                    continue;
                // Both ends of b within the tolerance of a's line means b runs along a, not across it.
                var off0 = Math.Abs(dx * (by0 - ay0) - dy * (bx0 - ax0));
                var off1 = Math.Abs(dx * (by1 - ay0) - dy * (bx1 - ax0));
                if (off0 > tolerance + RoundOff || off1 > tolerance + RoundOff)
                    continue;
                var t0 = dx * (bx0 - ax0) + dy * (by0 - ay0);
                var t1 = dx * (bx1 - ax0) + dy * (by1 - ay0);
                var overlap = Math.Min(Math.Max(t0, t1), length) - Math.Max(Math.Min(t0, t1), 0);
                if (overlap > 0)
                    total += overlap;
            }
        }
        return total;
    }
}
