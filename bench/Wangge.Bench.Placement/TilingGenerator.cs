using NetTopologySuite.Geometries;
using NetTopologySuite.Noding;
using NetTopologySuite.Triangulate;
using Wangge.Geo;

namespace Wangge.Bench.Placement;

/// <summary>
/// Bottom grids as a Voronoi diagram of seeded sites, their straight edges then bent into irregular borders.
/// Every shared edge is bent once, from its endpoints in canonical order, and both neighbours take those same
/// points, so the borders still match to the last bit: no gaps, no overlaps.
/// </summary>
internal static class TilingGenerator
{
    private const int MinVertices = 20;
    private const int MaxVertices = 60;

    // 1e-7° ≈ 1 cm. Voronoi clipping computes a neighbour's copy of a vertex separately; snapping makes them equal.
    private const double Snap = 1e7;

    private readonly record struct Pt(double X, double Y) : IComparable<Pt>
    {
        public int CompareTo(Pt other) => X != other.X ? X.CompareTo(other.X) : Y.CompareTo(other.Y);
    }

    private readonly record struct Edge(Pt A, Pt B)
    {
        public static Edge Of(Pt p, Pt q) => p.CompareTo(q) <= 0 ? new(p, q) : new(q, p);
    }

    private sealed class EdgeInfo
    {
        public int CellA = -1;
        public int CellB = -1;
        public int Inserted;
        public bool Flat;
    }

    public static Tiling Generate(int count, Envelope region, Centres centres, Random random)
    {
        var sites = new HashSet<Coordinate>();
        while (sites.Count < count)
            sites.Add(random.NextDouble() < 0.6 ? centres.Uniform(random) : centres.Near(random));

        var builder = new VoronoiDiagramBuilder { ClipEnvelope = region };
        builder.SetSites(sites);
        var diagram = builder.GetDiagram(Wgs84.Factory);
        var rings = new List<Pt[]>(diagram.NumGeometries);
        var siteOf = new List<Coordinate>(diagram.NumGeometries);
        for (var i = 0; i < diagram.NumGeometries; i++)
        {
            if (diagram.GetGeometryN(i) is not Polygon { IsEmpty: false } cell)
                throw new InvalidOperationException("Voronoi produced a cell that is not a polygon.");
            rings.Add(SnappedRing(cell.ExteriorRing.Coordinates));
            siteOf.Add((Coordinate)cell.UserData);
        }
        // Codes follow the sites in row order, so neighbouring grids mostly have neighbouring codes, as real ones do.
        var byRow = Enumerable.Range(0, rings.Count)
            .OrderBy(i => Math.Floor((siteOf[i].Y - region.MinY) / region.Height * 100)).ThenBy(i => siteOf[i].X)
            .ToArray();
        rings = byRow.Select(i => rings[i]).ToList();

        var edges = IndexEdges(rings, region);
        ChooseInsertions(rings, edges);
        while (true)
        {
            var borders = rings.Select(ring => Border(ring, edges)).ToArray();
            var invalid = Enumerable.Range(0, borders.Length).AsParallel().Where(i => !borders[i].IsValid).ToArray();
            if (invalid.Length == 0)
            {
                CheckNoCrossings(edges);
                var codes = Enumerable.Range(0, borders.Length)
                    .Select(i => $"440111{i / 2000 + 1:D3}{i / 20 % 100 + 1:D3}{i % 20 + 1:D2}").ToArray();
                return new Tiling(codes, borders, region, SharedVertices(borders));
            }
            // A bend can cut a very sharp corner; keep those few edges straight and try again.
            foreach (var i in invalid)
                foreach (var edge in EdgesOf(rings[i]))
                    edges[edge].Flat = true;
        }
    }

    private static Pt[] SnappedRing(Coordinate[] ring)
    {
        var points = new List<Pt>(ring.Length);
        foreach (var c in ring)
        {
            var p = new Pt(Math.Round(c.X * Snap) / Snap, Math.Round(c.Y * Snap) / Snap);
            if (points.Count == 0 || points[^1] != p)
                points.Add(p);
        }
        if (points[0] == points[^1])
            points.RemoveAt(points.Count - 1);
        if (points.Count < 3)
            throw new InvalidOperationException("A Voronoi cell collapsed when snapped.");
        return points.ToArray();
    }

    private static IEnumerable<Edge> EdgesOf(Pt[] ring)
    {
        for (var i = 0; i < ring.Length; i++)
            yield return Edge.Of(ring[i], ring[(i + 1) % ring.Length]);
    }

    private static Dictionary<Edge, EdgeInfo> IndexEdges(List<Pt[]> rings, Envelope region)
    {
        var edges = new Dictionary<Edge, EdgeInfo>();
        for (var cell = 0; cell < rings.Count; cell++)
        {
            foreach (var edge in EdgesOf(rings[cell]))
            {
                if (!edges.TryGetValue(edge, out var info))
                    edges.Add(edge, info = new EdgeInfo());
                if (info.CellA < 0)
                    info.CellA = cell;
                else if (info.CellB < 0)
                    info.CellB = cell;
                else
                    throw new InvalidOperationException($"Edge {edge} is used by more than two cells.");
            }
        }
        // Tiling check: every edge is shared by exactly two cells, except those along the region's rim.
        foreach (var (edge, info) in edges)
        {
            var rim = edge.A.X == edge.B.X && (edge.A.X == region.MinX || edge.A.X == region.MaxX)
                || edge.A.Y == edge.B.Y && (edge.A.Y == region.MinY || edge.A.Y == region.MaxY);
            if (rim != (info.CellB < 0))
                throw new InvalidOperationException($"Edge {edge} does not match its neighbour: the cells leave a gap.");
        }
        return edges;
    }

    /// <summary>
    /// How many points to add on each edge: each cell wants a vertex count drawn from 24–56, an edge takes the
    /// mean of its two cells' wishes, then a few passes move points onto edges until every cell has 20–60.
    /// </summary>
    private static void ChooseInsertions(List<Pt[]> rings, Dictionary<Edge, EdgeInfo> edges)
    {
        var want = new double[rings.Count];
        for (var i = 0; i < rings.Count; i++)
        {
            var target = 24 + (int)(Seeds.Mix((ulong)i) % 33);
            want[i] = (target - rings[i].Length) / (double)rings[i].Length;
        }
        foreach (var info in edges.Values)
        {
            var wish = info.CellB < 0 ? want[info.CellA] : (want[info.CellA] + want[info.CellB]) / 2;
            info.Inserted = Math.Max(1, (int)Math.Round(wish));
        }

        var total = new int[rings.Count];
        void Recount()
        {
            for (var i = 0; i < rings.Count; i++)
                total[i] = EdgesOf(rings[i]).Sum(edge => 1 + edges[edge].Inserted);
        }
        Recount();
        for (var pass = 0; pass < 50; pass++)
        {
            var changed = false;
            for (var i = 0; i < rings.Count; i++)
            {
                foreach (var edge in EdgesOf(rings[i]))
                {
                    var info = edges[edge];
                    var other = info.CellA == i ? info.CellB : info.CellA;
                    if (total[i] < MinVertices && (other < 0 || total[other] < MaxVertices))
                    {
                        info.Inserted++;
                        total[i]++;
                        if (other >= 0) total[other]++;
                        changed = true;
                    }
                    else if (total[i] > MaxVertices && info.Inserted > 1 && (other < 0 || total[other] > MinVertices))
                    {
                        info.Inserted--;
                        total[i]--;
                        if (other >= 0) total[other]--;
                        changed = true;
                    }
                }
            }
            if (!changed)
                break;
        }
    }

    /// <summary>The points added on an edge from <c>A</c> to <c>B</c>; the same for both cells that share it.</summary>
    private static Pt[] Bend(Edge edge, EdgeInfo info)
    {
        var points = new Pt[info.Inserted];
        var dx = edge.B.X - edge.A.X;
        var dy = edge.B.Y - edge.A.Y;
        var random = Seeds.RandomOf(Seeds.Of(edge.A.X, edge.A.Y) ^ Seeds.Mix(Seeds.Of(edge.B.X, edge.B.Y)));
        // Along the region's rim, or after a failed bend, the points stay on the straight edge.
        var amplitude = info.Flat || info.CellB < 0 ? 0 : 0.04 + 0.10 * random.NextDouble();
        var walk = 0.0;
        for (var i = 0; i < points.Length; i++)
        {
            var t = (i + 1) / (double)(points.Length + 1);
            // A random walk, damped towards both ends, gives a road- or river-like wander rather than zigzags.
            walk = 0.6 * walk + (2 * random.NextDouble() - 1);
            var offset = amplitude * walk * Math.Sin(Math.PI * t);
            points[i] = new Pt(edge.A.X + t * dx - offset * dy, edge.A.Y + t * dy + offset * dx);
        }
        return points;
    }

    private static MultiPolygon Border(Pt[] ring, Dictionary<Edge, EdgeInfo> edges)
    {
        var coordinates = new List<Coordinate>();
        for (var i = 0; i < ring.Length; i++)
        {
            var from = ring[i];
            var edge = Edge.Of(from, ring[(i + 1) % ring.Length]);
            coordinates.Add(new Coordinate(from.X, from.Y));
            var bend = Bend(edge, edges[edge]);
            var forwards = edge.A == from;
            for (var k = 0; k < bend.Length; k++)
            {
                var p = bend[forwards ? k : bend.Length - 1 - k];
                coordinates.Add(new Coordinate(p.X, p.Y));
            }
        }
        coordinates.Add(coordinates[0].Copy());
        var shell = Wgs84.Factory.CreateLinearRing(coordinates.ToArray());
        return Wgs84.Factory.CreateMultiPolygon([Wgs84.Factory.CreatePolygon(shell)]);
    }

    /// <summary>Valid cells with matching edges could still cross a third cell's border; the noder would see it.</summary>
    private static void CheckNoCrossings(Dictionary<Edge, EdgeInfo> edges)
    {
        var strings = edges.Select(pair =>
        {
            var chain = new List<Coordinate> { new(pair.Key.A.X, pair.Key.A.Y) };
            chain.AddRange(Bend(pair.Key, pair.Value).Select(p => new Coordinate(p.X, p.Y)));
            chain.Add(new Coordinate(pair.Key.B.X, pair.Key.B.Y));
            return (ISegmentString)new BasicSegmentString(chain.ToArray(), null);
        }).ToList();
        var validator = new FastNodingValidator(strings);
        if (!validator.IsValid)
            throw new InvalidOperationException($"Grid borders cross: {validator.GetErrorMessage()}");
    }

    private static Coordinate[] SharedVertices(MultiPolygon[] borders)
    {
        var seen = new Dictionary<Coordinate, int>();
        foreach (var border in borders)
            foreach (var c in border.Coordinates.Skip(1))
                seen[c] = seen.GetValueOrDefault(c) + 1;
        return seen.Where(pair => pair.Value >= 2).Select(pair => pair.Key)
            .OrderBy(c => c.X).ThenBy(c => c.Y).ToArray();
    }
}
