using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Index.KdTree;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Wangge.Geo.Synthesis;

/// <summary>
/// Power (Laguerre) diagram: cell <c>i</c> is where <c>|x − sᵢ|² − pᵢ</c> is smallest. Unlike a Voronoi
/// diagram, raising a site's power pushes its borders outwards, which is what lets cell areas follow
/// weights while borders stay straight. NTS has no power diagram, hence this small half-plane clipper.
/// </summary>
internal static class PowerDiagram
{
    private const int InitialNeighbours = 12;
    private const int MaxRounds = 80;
    private const double AreaTolerance = 0.01;
    // Dimensionless: a cell's area moves by roughly 1–2 × a change in its power, whatever the scale.
    private const double Step = 0.4;
    private const double MaxStep = 1.5;

    /// <summary>
    /// Cells whose parts inside <paramref name="areaKm"/> have about the <paramref name="targets"/> areas. Powers
    /// move by damped gradient steps (raise a cell that is too small, lower one too large) until every cell is
    /// within 1 % of its target or the rounds run out; the best round wins. Round one has all powers zero,
    /// i.e. plain Voronoi, so the answer is never worse than that, and is only accepted if no cell is empty.
    /// </summary>
    public static Coordinate[]?[] Balanced(Geometry areaKm, IReadOnlyList<Coordinate> sites, IReadOnlyList<double> targets, Envelope box)
    {
        var prepared = PreparedGeometryFactory.Prepare(areaKm);
        var neighbours = new Neighbours(sites);
        var powers = new double[sites.Count];
        Coordinate[]?[]? best = null;
        var bestError = double.PositiveInfinity;
        var step = Step;
        var previousError = double.PositiveInfinity;
        for (var round = 0; round < MaxRounds; round++)
        {
            var cells = Cells(sites, powers, box, neighbours);
            var (areas, everyCellInside) = SettledAreas(cells, sites, powers, areaKm, prepared);
            var error = 0.0;
            for (var i = 0; i < sites.Count; i++)
                error = Math.Max(error, Math.Abs(areas[i] - targets[i]) / targets[i]);
            if (error < bestError && everyCellInside)
                (best, bestError) = (cells, error);
            if (error <= AreaTolerance)
                break;
            // Overshooting shows as a growing error: halve the step. Otherwise lengthen it a little, since a
            // step small enough for the first rounds makes the later ones crawl.
            step = error > previousError ? step / 2 : Math.Min(step * 1.25, MaxStep);
            previousError = error;
            for (var i = 0; i < sites.Count; i++)
                powers[i] += step * (targets[i] - areas[i]);
        }
        return best ?? Cells(sites, new double[sites.Count], box, neighbours);
    }

    /// <summary>
    /// Each cell's area inside the area roughly as the parts will end up: a cell's largest piece counts for
    /// it, and every smaller piece cut off by an inlet for the runner-up site at that piece, which is usually
    /// the neighbour the repair step hands it to. Counting it for its own cell would leave the balance off by
    /// exactly those pieces.
    /// </summary>
    private static (double[] Areas, bool EveryCellInside) SettledAreas(Coordinate[]?[] cells, IReadOnlyList<Coordinate> sites, IReadOnlyList<double> powers,
        Geometry areaKm, IPreparedGeometry prepared)
    {
        var areas = new double[cells.Length];
        // A cell can be credited with others' strays yet own no piece itself, and then its part would be empty.
        var everyCellInside = true;
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] is not { } cell)
            {
                everyCellInside = false;
                continue;
            }
            var polygon = Wgs84.Factory.CreatePolygon([.. cell, cell[0]]);
            if (prepared.Contains(polygon))
            {
                areas[i] += polygon.Area;
                continue;
            }
            if (!prepared.Intersects(polygon))
            {
                everyCellInside = false;
                continue;
            }
            var pieces = PolygonExtracter.GetPolygons(OverlayNGRobust.Overlay(polygon, areaKm, SpatialFunction.Intersection))
                .Select(p => (Polygon: p, p.Area)).OrderByDescending(p => p.Area).ToList();
            if (pieces.Count == 0 || !(pieces[0].Area > 0))
            {
                everyCellInside = false;
                continue;
            }
            areas[i] += pieces[0].Area;
            foreach (var (piece, area) in pieces.Skip(1))
            {
                // A whole island inside the cell borders no other cell; the repair gives it to the nearest
                // part, which is this cell's own unless another part reaches closer.
                var bordersAnother = piece.Intersects(polygon.ExteriorRing);
                areas[bordersAnother ? RunnerUp(i, piece.InteriorPoint.Coordinate, sites, powers) : i] += area;
            }
        }
        return (areas, everyCellInside);
    }

    private static int RunnerUp(int owner, Coordinate at, IReadOnlyList<Coordinate> sites, IReadOnlyList<double> powers)
    {
        var (best, bestPower) = (owner, double.PositiveInfinity);
        for (var j = 0; j < sites.Count; j++)
        {
            var power = Square(at.X - sites[j].X) + Square(at.Y - sites[j].Y) - powers[j];
            if (j != owner && power < bestPower)
                (best, bestPower) = (j, power);
        }
        return best;
    }

    /// <summary>
    /// The convex cells (counter-clockwise rings without the closing point), clipped to <paramref name="box"/>;
    /// null where a site's power is so low that its cell vanishes.
    /// </summary>
    private static Coordinate[]?[] Cells(IReadOnlyList<Coordinate> sites, IReadOnlyList<double> powers, Envelope box, Neighbours neighbours)
    {
        var maxPower = powers.Max();

        var cells = new Coordinate[]?[sites.Count];
        for (var i = 0; i < sites.Count; i++)
            cells[i] = Cell(i, sites, powers, maxPower, box, neighbours);
        return Welded(cells, 1e-9 * Math.Max(box.Width, box.Height));
    }

    /// <summary>
    /// Neighbours compute their common corners separately, so the copies differ in the last bits; snapping
    /// every corner to the first copy within <paramref name="tolerance"/> makes shared edges identical, and
    /// clipping and merging then see a clean coverage instead of hairline gaps and overlaps.
    /// </summary>
    private static Coordinate[]?[] Welded(Coordinate[]?[] cells, double tolerance)
    {
        var corners = new KdTree<object?>(tolerance);
        return cells.Select(cell =>
        {
            if (cell is null)
                return null;
            var welded = new List<Coordinate>(cell.Length);
            foreach (var corner in cell)
            {
                var canonical = corners.Insert(corner).Coordinate;
                if (welded.Count == 0 || !welded[^1].Equals2D(canonical))
                    welded.Add(canonical);
            }
            if (welded.Count > 1 && welded[^1].Equals2D(welded[0]))
                welded.RemoveAt(welded.Count - 1);
            return welded.Count >= 3 ? welded.ToArray() : null;
        }).ToArray();
    }

    private static Coordinate[]? Cell(int i, IReadOnlyList<Coordinate> sites, IReadOnlyList<double> powers, double maxPower,
        Envelope box, Neighbours neighbourhood)
    {
        List<Coordinate> cell =
        [
            new(box.MinX, box.MinY), new(box.MaxX, box.MinY), new(box.MaxX, box.MaxY), new(box.MinX, box.MaxY),
        ];
        var site = sites[i];
        // A set, not a count: which of several equidistant sites the tree returns may change as k grows.
        var clipped = new HashSet<int>();
        for (var k = InitialNeighbours; ; k *= 2)
        {
            var wanted = Math.Min(k, sites.Count - 1);
            var neighbours = neighbourhood.Nearest(i, wanted);
            foreach (var j in neighbours)
            {
                if (!clipped.Add(j))
                    continue;
                cell = Clip(cell, site, powers[i], sites[j], powers[j]);
                if (cell.Count < 3)
                    return null;
            }
            if (wanted == sites.Count - 1 || neighbours.Count == 0)
                break;
            // A site at distance ≥ d can only win a vertex v if (d − |v − sᵢ|)² − maxPower < |v − sᵢ|² − pᵢ.
            var reach = cell.Max(v => v.Distance(site));
            // Every site not yet seen is at least as far away as the farthest one fetched.
            var nearestUnseen = sites[neighbours[^1]].Distance(site);
            if (nearestUnseen > reach && Square(nearestUnseen - reach) - maxPower >= reach * reach - powers[i])
                break;
        }
        return [.. cell];
    }

    /// <summary>Sutherland–Hodgman against the half-plane where site a has less power distance than site b.</summary>
    private static List<Coordinate> Clip(List<Coordinate> polygon, Coordinate a, double powerA, Coordinate b, double powerB)
    {
        // |x−a|² − pa ≤ |x−b|² − pb  ⇔  2x·(b−a) ≤ |b|² − |a|² − pb + pa
        var (nx, ny) = (2 * (b.X - a.X), 2 * (b.Y - a.Y));
        var limit = b.X * b.X + b.Y * b.Y - a.X * a.X - a.Y * a.Y - powerB + powerA;
        double Side(Coordinate p) => nx * p.X + ny * p.Y - limit;

        var result = new List<Coordinate>(polygon.Count + 1);
        for (var k = 0; k < polygon.Count; k++)
        {
            var (p, q) = (polygon[k], polygon[(k + 1) % polygon.Count]);
            var (sp, sq) = (Side(p), Side(q));
            if (sp <= 0)
                result.Add(p);
            if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0))
            {
                var t = sp / (sp - sq);
                result.Add(new Coordinate(p.X + t * (q.X - p.X), p.Y + t * (q.Y - p.Y)));
            }
        }
        return result;
    }

    private static double Square(double x) => x * x;

    /// <summary>Nearest-site lists, kept across rounds because the sites stay put while the powers change.</summary>
    private sealed class Neighbours
    {
        private readonly IReadOnlyList<Coordinate> _sites;
        private readonly STRtree<int> _tree = new();
        private readonly int[]?[] _nearest;

        public Neighbours(IReadOnlyList<Coordinate> sites)
        {
            _sites = sites;
            for (var i = 0; i < sites.Count; i++)
                _tree.Insert(new Envelope(sites[i]), i);
            _tree.Build();
            _nearest = new int[]?[sites.Count];
        }

        /// <summary>The <paramref name="count"/> sites nearest to site <paramref name="i"/>, nearest first, ties by index.</summary>
        public ArraySegment<int> Nearest(int i, int count)
        {
            if (_nearest[i] is not { } known || known.Length < count)
            {
                // One extra because the tree returns the site itself too.
                var found = _tree.NearestNeighbour(new Envelope(_sites[i]), i, SiteDistance.Instance, Math.Min(count + 1, _sites.Count));
                known = _nearest[i] = found.Where(j => j != i)
                    .OrderBy(j => _sites[j].Distance(_sites[i])).ThenBy(j => j)
                    .Take(count).ToArray();
            }
            return new ArraySegment<int>(known, 0, Math.Min(count, known.Length));
        }
    }

    private sealed class SiteDistance : IItemDistance<Envelope, int>
    {
        public static readonly SiteDistance Instance = new();

        public double Distance(IBoundable<Envelope, int> item1, IBoundable<Envelope, int> item2) =>
            item1.Bounds.Distance(item2.Bounds);
    }
}
