using NetTopologySuite.Geometries;
using Wangge.Core.Grids;
using Wangge.Geo;
using Wangge.Geo.Placement;

namespace Wangge.Bench.Ledger;

/// <summary>
/// The benchmark's jurisdiction: district 440111 over 113.0–113.6° E, 23.0–23.6° N (about 61 × 67 km), cut into
/// 4 zones (2 × 2), 40 streets (10 per zone, 5 × 2) and 400 bottom grids (10 per street, 2 × 5). Every level is a
/// block of one 20 × 20 lattice whose inner corners are jittered and whose edges are bent by four extra vertices,
/// so a bottom grid has 20 vertices, neighbours share their edges exactly and each parent's border is the outline
/// of its children. The district's own border is bent too, so "inside the box" is not "inside the jurisdiction".
/// </summary>
internal sealed class District
{
    public const string Code = "440111";
    public const double MinLon = 113.0, MaxLon = 113.6, MinLat = 23.0, MaxLat = 23.6;
    public static readonly DateOnly ValidFrom = new(2026, 1, 1);

    private const int Cells = 20;          // lattice cells per side
    private const int EdgeSteps = 5;       // an edge is cut into 5 segments: 4 bent vertices inside it
    private const double CornerJitter = 0.15, EdgeJitter = 0.04;   // fractions of a cell

    /// <summary>Streets of Baiyun district (白云区) and, past its 24, numbered ones.</summary>
    private static readonly string[] StreetNames =
    [
        "景泰街", "松洲街", "同德街", "黄石街", "棠景街", "新市街", "三元里街", "永平街", "嘉禾街", "均禾街", "石井街", "金沙街",
        "云城街", "鹤龙街", "白云湖街", "石门街", "龙归街", "大源街", "同和街", "京溪街", "人和镇", "太和镇", "钟落潭镇", "江高镇",
    ];

    private static readonly string[] ZoneNames = ["西南片区", "东南片区", "西北片区", "东北片区"];

    private readonly Coordinate[,] _corners = new Coordinate[Cells + 1, Cells + 1];
    // Bent vertices of the horizontal edge from corner (i, j) to (i + 1, j), and of the vertical edge from (i, j) to (i, j + 1).
    private readonly Coordinate[,][] _horizontal = new Coordinate[Cells, Cells + 1][];
    private readonly Coordinate[,][] _vertical = new Coordinate[Cells + 1, Cells][];

    public District(int seed)
    {
        var random = new Random(seed);
        var cw = (MaxLon - MinLon) / Cells;
        var ch = (MaxLat - MinLat) / Cells;
        for (var i = 0; i <= Cells; i++)
            for (var j = 0; j <= Cells; j++)
            {
                // Corners on the outer rim slide only along it, so the outline keeps its four corners.
                var dx = i is 0 or Cells ? 0 : Jitter(random, CornerJitter) * cw;
                var dy = j is 0 or Cells ? 0 : Jitter(random, CornerJitter) * ch;
                _corners[i, j] = new Coordinate(MinLon + i * cw + dx, MinLat + j * ch + dy);
            }
        for (var i = 0; i < Cells; i++)
            for (var j = 0; j <= Cells; j++)
                _horizontal[i, j] = Bend(_corners[i, j], _corners[i + 1, j], random, 0, ch);
        for (var i = 0; i <= Cells; i++)
            for (var j = 0; j < Cells; j++)
                _vertical[i, j] = Bend(_corners[i, j], _corners[i, j + 1], random, cw, 0);

        Bottoms = [];
        for (var zone = 0; zone < 4; zone++)
        {
            var (zi, zj) = (zone % 2 * 10, zone / 2 * 10);
            for (var s = 0; s < 10; s++)
            {
                var street = zone * 10 + s + 1;
                var (si, sj) = (zi + s % 5 * 2, zj + s / 5 * 5);
                for (var g = 0; g < 10; g++)
                {
                    var (gi, gj) = (si + g % 2, sj + g / 2);
                    var code = $"{Code}{street:D3}{g / 2 + 1:D3}{g % 2 + 1:D2}";
                    Bottoms.Add((code, StreetName(street), Block(gi, gj, gi + 1, gj + 1)));
                }
            }
        }
        Index = new GridIndex(Bottoms.Select(b => (b.Code, b.Border)));
        StreetOf = Bottoms.ToDictionary(b => b.Code, b => b.Street);
        Outline = Block(0, 0, Cells, Cells);
        Check();
    }

    /// <summary>The 400 bottom grids: code, the name of their street, border.</summary>
    public List<(string Code, string Street, MultiPolygon Border)> Bottoms { get; }

    public MultiPolygon Outline { get; }

    /// <summary>Our own placement over the same borders, to keep generated "good" points inside the jurisdiction.</summary>
    public GridIndex Index { get; }

    public Dictionary<string, string> StreetOf { get; }

    public int GridCount => 1 + 4 + 40 + Bottoms.Count;

    public double VerticesPerBottomGrid => Bottoms.Average(b => b.Border.NumPoints - 1.0);

    public double AreaKm2 => Km2(Outline);

    /// <summary>New domain objects for the whole tree (fresh ids, so one district can be saved into several databases).</summary>
    public List<Grid> Build()
    {
        var all = new List<Grid>(GridCount);
        var district = new Grid(Guid.CreateVersion7(), GridCode.Parse(Code), "白云区(基准)", GridLevelKind.District, null, Outline, ValidFrom);
        all.Add(Area(district));
        for (var zone = 0; zone < 4; zone++)
        {
            var (zi, zj) = (zone % 2 * 10, zone / 2 * 10);
            var z = Area(new Grid(Guid.CreateVersion7(), GridCode.Parse($"{Code}Z{zone + 1}"), ZoneNames[zone], GridLevelKind.Zone, district,
                Block(zi, zj, zi + 10, zj + 10), ValidFrom));
            all.Add(z);
            for (var s = 0; s < 10; s++)
            {
                var street = zone * 10 + s + 1;
                var (si, sj) = (zi + s % 5 * 2, zj + s / 5 * 5);
                var st = Area(new Grid(Guid.CreateVersion7(), GridCode.Parse($"{Code}{street:D3}"), StreetName(street), GridLevelKind.Street, z,
                    Block(si, sj, si + 2, sj + 5), ValidFrom));
                all.Add(st);
                for (var g = 0; g < 10; g++)
                {
                    var (gi, gj) = (si + g % 2, sj + g / 2);
                    var code = $"{Code}{street:D3}{g / 2 + 1:D3}{g % 2 + 1:D2}";
                    all.Add(Area(new Grid(Guid.CreateVersion7(), GridCode.Parse(code), $"{StreetName(street)}第{g / 2 + 1}社区{g % 2 + 1}号网格",
                        GridLevelKind.Grid, st, Block(gi, gj, gi + 1, gj + 1), ValidFrom)));
                }
            }
        }
        return all;
    }

    private static Grid Area(Grid g)
    {
        g.AreaKm2 = Km2(g.Border);
        return g;
    }

    private static double Km2(Geometry g) =>
        g.Area * 111.32 * Math.Cos(g.Centroid.Y * Math.PI / 180) * 110.57;

    private static string StreetName(int street) => street <= StreetNames.Length ? StreetNames[street - 1] : $"白云第{street}街道";

    /// <summary>The outline of lattice cells [i0, i1) × [j0, j1), counter-clockwise from the south-west corner.</summary>
    private MultiPolygon Block(int i0, int j0, int i1, int j1)
    {
        var ring = new List<Coordinate>();
        for (var i = i0; i < i1; i++) { ring.Add(_corners[i, j0]); ring.AddRange(_horizontal[i, j0]); }
        for (var j = j0; j < j1; j++) { ring.Add(_corners[i1, j]); ring.AddRange(_vertical[i1, j]); }
        for (var i = i1; i > i0; i--) { ring.Add(_corners[i, j1]); ring.AddRange(_horizontal[i - 1, j1].Reverse()); }
        for (var j = j1; j > j0; j--) { ring.Add(_corners[i0, j]); ring.AddRange(_vertical[i0, j - 1].Reverse()); }
        ring.Add(_corners[i0, j0]);
        var polygon = Wgs84.Factory.CreatePolygon(ring.Select(c => c.Copy()).ToArray());
        return Wgs84.Factory.CreateMultiPolygon([polygon]);
    }

    /// <summary>Four vertices between two corners, each pushed off the straight line (in x for a vertical edge, y for a horizontal one).</summary>
    private static Coordinate[] Bend(Coordinate a, Coordinate b, Random random, double xScale, double yScale)
    {
        var points = new Coordinate[EdgeSteps - 1];
        for (var k = 1; k < EdgeSteps; k++)
        {
            var t = (double)k / EdgeSteps;
            var x = a.X + t * (b.X - a.X);
            var y = a.Y + t * (b.Y - a.Y);
            // Edges on the outer rim are bent too, but only inwards, so the outline stays within the box.
            var push = Jitter(random, EdgeJitter);
            if (xScale > 0)
            {
                if (a.X <= MinLon) push = Math.Abs(push);
                else if (a.X >= MaxLon) push = -Math.Abs(push);
                x += push * xScale;
            }
            else
            {
                if (a.Y <= MinLat) push = Math.Abs(push);
                else if (a.Y >= MaxLat) push = -Math.Abs(push);
                y += push * yScale;
            }
            points[k - 1] = new Coordinate(x, y);
        }
        return points;
    }

    private static double Jitter(Random random, double amplitude) => (random.NextDouble() * 2 - 1) * amplitude;

    /// <summary>Every border valid, the bottom grids tile the outline (areas add up), and every level's outline is its children's.</summary>
    private void Check()
    {
        foreach (var (code, _, border) in Bottoms)
            if (!border.IsValid) throw new InvalidOperationException($"Grid {code}: invalid border.");
        if (!Outline.IsValid) throw new InvalidOperationException("District outline invalid.");
        var sum = Bottoms.Sum(b => b.Border.Area);
        if (Math.Abs(sum - Outline.Area) > 1e-9 * Outline.Area)
            throw new InvalidOperationException($"Bottom grids cover {sum} deg², the district {Outline.Area} deg².");
    }
}
