using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using Wangge.Geo.Synthesis;

namespace Wangge.Geo.Districting;

/// <summary>Base units for a parent without village borders: a lattice of cells clipped to it.</summary>
public static class Lattice
{
    private const int MaxCells = 1_000_000;

    /// <summary>
    /// Square or hexagonal cells over <paramref name="parent"/>, clipped to it so that together they tile it
    /// exactly; cells that miss it are left out. Ids are "r{row}c{col}", rows counted from the south and
    /// columns from the west of the parent's extent.
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

        var units = new List<BaseUnit>();
        for (var row = 0; row < layout.Rows; row++)
            for (var col = 0; col < layout.Columns; col++)
            {
                var cell = layout.Cell(row, col);
                if (!prepared.Intersects(cell))
                    continue;
                var clipped = prepared.Contains(cell) ? cell : Polygonal(OverlayNGRobust.Overlay(cell, parentKm, SpatialFunction.Intersection));
                if (clipped is null)
                    continue;
                var shape = projection.ToLonLat(clipped);
                var weight = weightOf(shape);
                if (!double.IsFinite(weight) || weight < 0)
                    throw new InvalidOperationException($"The weight of cell r{row}c{col} is {weight}; weights must be finite and ≥ 0.");
                units.Add(new BaseUnit($"r{row}c{col}", shape, weight));
            }
        return units;
    }

    /// <summary>The areal part of a clip (a cell grazing the parent can also yield lines or points), or null.</summary>
    private static Geometry? Polygonal(Geometry clip)
    {
        var polygons = new List<Polygon>();
        for (var i = 0; i < clip.NumGeometries; i++)
            if (clip.GetGeometryN(i) is Polygon { IsEmpty: false, Area: > 0 } p)
                polygons.Add(p);
        return polygons.Count switch
        {
            0 => null,
            1 => polygons[0],
            _ => Wgs84.Factory.CreateMultiPolygon(polygons.ToArray()),
        };
    }

    /// <summary>
    /// Corner coordinates come from integer steps off one origin, never from a cell's own centre, so two cells
    /// compute a shared corner to the same bits and their shared sides match exactly.
    /// </summary>
    private sealed record Layout(int Rows, int Columns, Func<int, int, Polygon> Cell)
    {
        public static Layout Squares(Envelope extent, double size)
        {
            var rows = Math.Max(1, (int)Math.Ceiling(extent.Height / size));
            var columns = Math.Max(1, (int)Math.Ceiling(extent.Width / size));
            return new Layout(rows, columns, (row, col) => Ring(
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
            return new Layout(rows, columns, (row, col) =>
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
