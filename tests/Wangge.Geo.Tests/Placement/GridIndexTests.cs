using NetTopologySuite.Geometries;
using Wangge.Geo.Placement;

namespace Wangge.Geo.Tests.Placement;

public sealed class GridIndexTests
{
    // Near Baiyun, on values that are exact in binary so "on the edge" really is on it.
    private const double X0 = 113.25;
    private const double Y0 = 23.25;
    private const double Step = 0.0078125;

    [Fact]
    public void Locate_PointInInterior_ReturnsThatGrid()
    {
        var index = new GridIndex(Checkerboard(3, 3));

        Assert.Equal("G-1-2", index.Locate(X0 + 1.5 * Step, Y0 + 2.5 * Step));
        Assert.Equal("G-0-0", index.Locate(X0 + 0.1 * Step, Y0 + 0.9 * Step));
    }

    [Fact]
    public void Locate_PointOutsideAllGrids_ReturnsNull()
    {
        var index = new GridIndex(Checkerboard(2, 2));

        Assert.Null(index.Locate(X0 - Step, Y0));
        Assert.Null(index.Locate(X0 + 0.5 * Step, Y0 + 2.5 * Step));
        Assert.Null(index.Locate(double.NaN, Y0));
    }

    [Fact]
    public void Locate_PointOnSharedEdge_ReturnsSmallestCodeWhateverTheInsertionOrder()
    {
        var left = ("B-2", Box(X0, Y0, X0 + Step, Y0 + Step));
        var right = ("B-10", Box(X0 + Step, Y0, X0 + 2 * Step, Y0 + Step));
        var onEdge = (X0 + Step, Y0 + 0.5 * Step);

        var forwards = new GridIndex([left, right]).Locate(onEdge.Item1, onEdge.Item2);
        var backwards = new GridIndex([right, left]).Locate(onEdge.Item1, onEdge.Item2);

        // Ordinal, not numeric: "B-10" < "B-2".
        Assert.Equal("B-10", forwards);
        Assert.Equal("B-10", backwards);
    }

    [Fact]
    public void Locate_PointOnVertexSharedByThreeGrids_ReturnsSmallestCodeForEveryOrder()
    {
        (string, MultiPolygon)[] grids =
        [
            ("C", Box(X0, Y0, X0 + Step, Y0 + Step)),
            ("B", Box(X0 + Step, Y0, X0 + 2 * Step, Y0 + Step)),
            ("A", Box(X0, Y0 + Step, X0 + 2 * Step, Y0 + 2 * Step)),
        ];

        foreach (var order in Permutations([0, 1, 2]))
        {
            var index = new GridIndex(order.Select(i => grids[i]));
            Assert.Equal("A", index.Locate(X0 + Step, Y0 + Step));
            // On the edge between only C and B the answer moves to B.
            Assert.Equal("B", index.Locate(X0 + Step, Y0 + 0.5 * Step));
        }
    }

    [Fact]
    public void Locate_PointInHole_IsNotInsideTheHoledGrid()
    {
        var ring = Polygon(X0, Y0, X0 + 3 * Step, Y0 + 3 * Step,
            hole: (X0 + Step, Y0 + Step, X0 + 2 * Step, Y0 + 2 * Step));
        var holed = new GridIndex([("RING", Wgs84.Factory.CreateMultiPolygon([ring]))]);
        var filled = new GridIndex([
            ("RING", Wgs84.Factory.CreateMultiPolygon([ring])),
            ("CORE", Box(X0 + Step, Y0 + Step, X0 + 2 * Step, Y0 + 2 * Step)),
        ]);
        var inHole = (X0 + 1.5 * Step, Y0 + 1.5 * Step);

        Assert.Null(holed.Locate(inHole.Item1, inHole.Item2));
        Assert.Equal("CORE", filled.Locate(inHole.Item1, inHole.Item2));
        Assert.Equal("RING", holed.Locate(X0 + 0.5 * Step, Y0 + 1.5 * Step));
        // The hole's rim belongs to both; "CORE" < "RING".
        Assert.Equal("RING", holed.Locate(X0 + Step, Y0 + 1.5 * Step));
        Assert.Equal("CORE", filled.Locate(X0 + Step, Y0 + 1.5 * Step));
    }

    [Fact]
    public void Locate_GridWithTwoPieces_FindsBothPieces()
    {
        var twoPieces = Wgs84.Factory.CreateMultiPolygon([
            Polygon(X0, Y0, X0 + Step, Y0 + Step),
            Polygon(X0 + 5 * Step, Y0, X0 + 6 * Step, Y0 + Step),
        ]);
        var index = new GridIndex([("PAIR", twoPieces)]);

        Assert.Equal("PAIR", index.Locate(X0 + 0.5 * Step, Y0 + 0.5 * Step));
        Assert.Equal("PAIR", index.Locate(X0 + 5.5 * Step, Y0 + 0.5 * Step));
        Assert.Null(index.Locate(X0 + 3 * Step, Y0 + 0.5 * Step));
    }

    [Fact]
    public void Constructor_DuplicateCode_Throws()
    {
        var grid = Box(X0, Y0, X0 + Step, Y0 + Step);

        Assert.Throws<ArgumentException>(() => new GridIndex([("X", grid), ("X", grid)]));
    }

    [Fact]
    public void Count_EmptyBorder_IsCountedButNeverMatches()
    {
        var index = new GridIndex([("E", Wgs84.Factory.CreateMultiPolygon()), ("F", Box(X0, Y0, X0 + Step, Y0 + Step))]);

        Assert.Equal(2, index.Count);
        Assert.Equal("F", index.Locate(X0 + 0.5 * Step, Y0 + 0.5 * Step));
    }

    [Fact]
    public void LocateAll_ManyPoints_MatchesLocateInInputOrder()
    {
        var index = new GridIndex(Checkerboard(12, 9));
        var random = new Random(7);
        // Enough for several parallel chunks; a quarter of the points sit on grid lines or outside.
        var points = Enumerable.Range(0, 30_000).Select(i => (i % 4) switch
        {
            0 => (X0 + random.Next(13) * Step, Y0 + random.NextDouble() * 9 * Step),
            _ => (X0 - Step + random.NextDouble() * 14 * Step, Y0 - Step + random.NextDouble() * 11 * Step),
        }).ToArray();

        var all = index.LocateAll(points);

        Assert.Equal(points.Length, all.Count);
        for (var i = 0; i < points.Length; i++)
            Assert.Equal(index.Locate(points[i].Item1, points[i].Item2), all[i]);
        Assert.Contains(all, code => code is null);
        Assert.Equal(108, all.Where(code => code is not null).Distinct().Count());
    }

    [Fact]
    public void LocateAll_NoPoints_ReturnsEmpty()
    {
        Assert.Empty(new GridIndex(Checkerboard(1, 1)).LocateAll([]));
    }

    private static IEnumerable<(string Code, MultiPolygon Border)> Checkerboard(int columns, int rows)
    {
        for (var i = 0; i < columns; i++)
            for (var j = 0; j < rows; j++)
                yield return ($"G-{i}-{j}", Box(X0 + i * Step, Y0 + j * Step, X0 + (i + 1) * Step, Y0 + (j + 1) * Step));
    }

    private static MultiPolygon Box(double minX, double minY, double maxX, double maxY) =>
        Wgs84.Factory.CreateMultiPolygon([Polygon(minX, minY, maxX, maxY)]);

    private static Polygon Polygon(double minX, double minY, double maxX, double maxY,
        (double MinX, double MinY, double MaxX, double MaxY)? hole = null)
    {
        var shell = Wgs84.Factory.CreateLinearRing(Ring(minX, minY, maxX, maxY));
        var holes = hole is { } h ? new[] { Wgs84.Factory.CreateLinearRing(Ring(h.MinX, h.MinY, h.MaxX, h.MaxY).Reverse().ToArray()) } : [];
        return Wgs84.Factory.CreatePolygon(shell, holes);
    }

    private static Coordinate[] Ring(double minX, double minY, double maxX, double maxY) =>
        [new(minX, minY), new(maxX, minY), new(maxX, maxY), new(minX, maxY), new(minX, minY)];

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }
        for (var i = 0; i < items.Length; i++)
            foreach (var rest in Permutations(items.Where((_, k) => k != i).ToArray()))
                yield return [items[i], .. rest];
    }
}
