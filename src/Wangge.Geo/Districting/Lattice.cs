using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using Wangge.Geo.Synthesis;

namespace Wangge.Geo.Districting;

/// <summary>Base units for a parent without village borders: a lattice of cells clipped to it.</summary>
public static class Lattice
{
    private const int MaxCells = 1_000_000;
    // Pieces under a hundredth of a cell are slivers (see MergeSlivers).
    private const double SliverShare = 0.01;

    /// <summary>
    /// Square or hexagonal cells over <paramref name="parent"/>, clipped to it so that together they tile it
    /// exactly; cells that miss it are left out. Ids are "r{row}c{col}", rows counted from the south and
    /// columns from the west of the parent's extent; a cell that the clip cuts into pieces (across an inlet)
    /// gives one unit per piece, the largest "r{row}c{col}" and the others "r{row}c{col}-2", "-3" …; a sliver
    /// under a hundredth of a cell is joined to the neighbouring piece it shares most border with.
    /// </summary>
    /// <param name="parent">WGS-84 polygon or multipolygon.</param>
    /// <param name="cellSizeKm">Side of a square; for hexagons (pointy-topped) the distance between neighbouring centres.</param>
    /// <param name="weightOf">Workload of a cell, given its clipped WGS-84 shape.</param>
    public static IReadOnlyList<BaseUnit> Cells(Geometry parent, double cellSizeKm, bool hexagons, Func<Geometry, double> weightOf)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(weightOf);
        if (parent is not (Polygon or MultiPolygon) || parent.IsEmpty)
            throw new ArgumentException($"The parent must be a non-empty polygon or multipolygon; got {parent.GeometryType}.", nameof(parent));
        if (!double.IsFinite(cellSizeKm) || cellSizeKm <= 0)
            throw new ArgumentOutOfRangeException(nameof(cellSizeKm), cellSizeKm, "Needs a positive cell size.");

        var projection = LocalProjection.Around(parent);
        var parentKm = projection.ToKm(parent);
        var prepared = PreparedGeometryFactory.Prepare(parentKm);
        var extent = parentKm.EnvelopeInternal;
        var layout = hexagons ? Layout.Hexagons(extent, cellSizeKm) : Layout.Squares(extent, cellSizeKm);
        if ((long)layout.Rows * layout.Columns > MaxCells)
            throw new ArgumentOutOfRangeException(nameof(cellSizeKm), cellSizeKm, $"Cells of {cellSizeKm} km would make {(long)layout.Rows * layout.Columns} cells; the limit is {MaxCells}.");

        var pieces = new List<(string Id, Geometry Km)>();
        for (var row = 0; row < layout.Rows; row++)
            for (var col = 0; col < layout.Columns; col++)
            {
                var cell = layout.Cell(row, col);
                if (!prepared.Intersects(cell))
                    continue;
                List<Polygon> parts = prepared.Contains(cell) ? [cell] : Polygons(OverlayNGRobust.Overlay(cell, parentKm, SpatialFunction.Intersection));
                for (var p = 0; p < parts.Count; p++)
                    pieces.Add((p == 0 ? $"r{row}c{col}" : $"r{row}c{col}-{p + 1}", parts[p]));
            }

        var units = new List<BaseUnit>();
        foreach (var (id, km) in MergeSlivers(pieces, SliverShare * layout.CellArea))
        {
            var shape = projection.ToLonLat(km);
            var weight = weightOf(shape);
            if (!double.IsFinite(weight) || weight < 0)
                throw new InvalidOperationException($"The weight of cell {id} is {weight}; weights must be finite and ≥ 0.");
            units.Add(new BaseUnit(id, shape, weight));
        }
        return units;
    }

    /// <summary>
    /// Joins each sliver (a corner of a cell clipped off by the parent's border) to the neighbouring piece it
    /// shares most border with. A sliver of a few square metres is no workload area, and its borders, shorter
    /// than the tolerance at which shapes count as neighbours, would leave it an island that needs a district of
    /// its own. Joined pieces still tile the parent; a sliver with no neighbour along a border stays as it is.
    /// </summary>
    private static List<(string Id, Geometry Km)> MergeSlivers(List<(string Id, Geometry Km)> pieces, double sliverArea)
    {
        var shapes = pieces.Select(p => p.Km).ToArray();
        var tree = new STRtree<int>();
        for (var i = 0; i < shapes.Length; i++)
            tree.Insert(shapes[i].EnvelopeInternal, i);
        tree.Build();
        var gone = new bool[shapes.Length];
        for (var i = 0; i < shapes.Length; i++)
        {
            if (shapes[i].Area >= sliverArea)
                continue;
            var best = -1;
            var bestLength = 0.0;
            foreach (var j in tree.Query(shapes[i].EnvelopeInternal).Order())
            {
                if (j == i || gone[j] || shapes[j].Area < sliverArea)
                    continue;
                var shared = OverlayNGRobust.Overlay(shapes[i].Boundary, shapes[j].Boundary, SpatialFunction.Intersection).Length;
                if (shared > bestLength)
                    (best, bestLength) = (j, shared);
            }
            if (best < 0 || OverlayNGRobust.Overlay(shapes[best], shapes[i], SpatialFunction.Union) is not Polygon joined)
                continue;
            shapes[best] = joined;
            gone[i] = true;
        }
        return pieces.Select((p, i) => (p.Id, shapes[i])).Where((_, i) => !gone[i]).ToList();
    }

    /// <summary>
    /// The areal parts of a clip, largest first: a cell grazing the parent can also yield lines or points, and a
    /// cell across an inlet of a concave parent falls into pieces, each of which must be a unit of its own — a
    /// unit in two pieces would make any district holding it two pieces of land.
    /// </summary>
    private static List<Polygon> Polygons(Geometry clip)
    {
        var polygons = new List<Polygon>();
        for (var i = 0; i < clip.NumGeometries; i++)
            if (clip.GetGeometryN(i) is Polygon { IsEmpty: false, Area: > 0 } p)
                polygons.Add(p);
        return polygons.OrderByDescending(p => p.Area).ThenBy(p => p.EnvelopeInternal.MinX).ThenBy(p => p.EnvelopeInternal.MinY).ToList();
    }

    /// <summary>
    /// Corner coordinates come from integer steps off one origin, never from a cell's own centre, so two cells
    /// compute a shared corner to the same bits and their shared sides match exactly.
    /// </summary>
    private sealed record Layout(int Rows, int Columns, double CellArea, Func<int, int, Polygon> Cell)
    {
        public static Layout Squares(Envelope extent, double size)
        {
            var rows = Math.Max(1, (int)Math.Ceiling(extent.Height / size));
            var columns = Math.Max(1, (int)Math.Ceiling(extent.Width / size));
            return new Layout(rows, columns, size * size, (row, col) => Ring(
                At(col, row), At(col + 1, row), At(col + 1, row + 1), At(col, row + 1)));

            Coordinate At(int i, int j) => new(extent.MinX + i * size, extent.MinY + j * size);
        }

        public static Layout Hexagons(Envelope extent, double spacing)
        {
            // Pointy-topped: centres are a spacing apart along a row, rows 1.5 R apart with odd rows shifted half
            // a spacing; corners then sit on a grid of half-spacings across and R/2 up.
            var radius = spacing / Math.Sqrt(3);
            var rows = (int)Math.Ceiling((extent.Height + radius / 2) / (1.5 * radius)) + 1;
            var columns = (int)Math.Ceiling(extent.Width / spacing) + 1;
            return new Layout(rows, columns, Math.Sqrt(3) / 2 * spacing * spacing, (row, col) =>
            {
                var x = 2 * col + (row & 1);
                var y = 3 * row;
                return Ring(At(x, y - 2), At(x + 1, y - 1), At(x + 1, y + 1), At(x, y + 2), At(x - 1, y + 1), At(x - 1, y - 1));
            });

            Coordinate At(int i, int j) => new(extent.MinX + i * (spacing / 2), extent.MinY + j * (radius / 2));
        }

        private static Polygon Ring(params Coordinate[] corners) =>
            Wgs84.Factory.CreatePolygon([.. corners, corners[0].Copy()]);
    }
}
