using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Grids;

/// <summary>
/// Issue 11 §3 end to end: a border file that needs repair is checked with the repair (every change listed, nothing
/// saved), imported with it, and exported again; the export re-imports unchanged and re-places every business identically.
/// The west street (113.0–113.2 E, 23.0–23.4 N) is redrawn: its north grid leaves a 22 m slit above the south grid,
/// whose east edge has a bow-tie loop.
/// </summary>
public abstract class BorderRepairSpecification(AppFixture app) : ApiSpecification(app)
{
    private static string Feature(string code, string name, string coordinates) =>
        $$$"""{"type":"Feature","properties":{"code":"{{{code}}}","name":"{{{name}}}","parent":"{{{TestDistrict.WestStreet}}}"},"geometry":{"type":"Polygon","coordinates":[{{{coordinates}}}]}}""";

    private static string Ring(params (double Lon, double Lat)[] points) =>
        "[" + string.Join(",", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.Lon},{p.Lat}]"))) + "]";

    private static readonly string NeedsRepair = "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",",
        Feature(TestDistrict.InspectorGrid, "西北网格", Ring((113.0, 23.2002), (113.2, 23.2002), (113.2, 23.4), (113.0, 23.4), (113.0, 23.2002))),
        Feature("44011100100202", "西南网格", Ring((113.0, 23.0), (113.2, 23.0), (113.2, 23.1), (113.199, 23.1006), (113.199, 23.1),
            (113.2, 23.1006), (113.2, 23.2), (113.0, 23.2), (113.0, 23.0)))) + "]}";

    private async Task<HttpResponseMessage> PostAsync(string path, string geojson, string fileName = "west.geojson")
    {
        using var bureau = await App.SignedInAsync("bureau");
        using var form = new MultipartFormDataContent();
        var file = new StringContent(geojson, Encoding.UTF8);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
        form.Add(file, "file", fileName);
        return await bureau.PostAsync(path, form, Ct);
    }

    private Task<Dictionary<Guid, Guid?>> PlacementAsync() =>
        App.InDatabaseAsync(db => db.Businesses.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.GridId, Ct));

    [Fact]
    public async Task CheckWithRepair_FileThatNeedsIt_ListsEveryChangeWithAreaAndPlace_AndSavesNothing()
    {
        var plain = await PostAsync("/api/v1/grids/check", NeedsRepair);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, plain.StatusCode);
        var versions = await App.InDatabaseAsync(db => db.GridBorderVersions.CountAsync(Ct));

        var response = await PostAsync("/api/v1/grids/check?repair=true", NeedsRepair);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(report.GetProperty("saved").GetBoolean());
        var changes = report.GetProperty("repairChanges").EnumerateArray().ToList();
        Assert.Contains(changes, c => c.GetProperty("kind").GetString() == "MadeValid" && c.GetProperty("code").GetString() == "44011100100202");
        var slit = Assert.Single(changes, c => c.GetProperty("kind").GetString() == "GapFilled" && c.GetProperty("areaM2").GetDouble() > 100_000);
        Assert.Equal(TestDistrict.WestStreet, slit.GetProperty("otherCode").GetString());
        Assert.InRange(slit.GetProperty("lat").GetDouble(), 23.2, 23.2002);
        Assert.All(changes, c => Assert.InRange(c.GetProperty("lon").GetDouble(), 113.0, 113.2));
        Assert.Equal(versions, await App.InDatabaseAsync(db => db.GridBorderVersions.CountAsync(Ct)));
    }

    [Fact]
    public async Task Check_ChineseCoordinatesWrittenLatitudeFirst_ReportedAsSwapped_WithThePlaceTheyMeant()
    {
        var swapped = "{\"type\":\"FeatureCollection\",\"features\":[" +
            Feature(TestDistrict.InspectorGrid, "西北网格", Ring((23.2, 113.0), (23.2, 113.2), (23.4, 113.2), (23.4, 113.0), (23.2, 113.0))) + "]}";

        var response = await PostAsync("/api/v1/grids/check", swapped);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("problems").EnumerateArray(),
            p => p.GetProperty("kind").GetString() == "SwappedCoordinates");
        Assert.Contains("longitude and latitude look swapped", problem.GetProperty("message").GetString());
        var at = problem.GetProperty("location").GetProperty("coordinates");
        Assert.Equal((113.0, 23.2), (at[0].GetDouble(), at[1].GetDouble()));
    }

    [Fact]
    public async Task ImportWithRepair_ThenExport_ReimportsUnchanged_AndEveryBusinessStaysInItsGrid()
    {
        var imported = await PostAsync("/api/v1/grids/import?repair=true", NeedsRepair);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var report = await imported.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(report.GetProperty("saved").GetBoolean());
        Assert.NotEmpty(report.GetProperty("repairChanges").EnumerateArray());
        Assert.Equal(0, await App.InDatabaseAsync(db => db.Businesses.CountAsync(b => b.GridId == null, Ct)));
        var placed = await PlacementAsync();

        using var bureau = await App.SignedInAsync("bureau");
        // The whole tree: a subtree names its root's parent, and a file gives all the children of the parents it names.
        var export = await bureau.GetStringAsync("/api/v1/grids/export?format=GeoJson", Ct);
        var again = await PostAsync("/api/v1/grids/import", export, "export.geojson");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(0, second.GetProperty("redrawn").GetInt32());
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(second.GetProperty("features").GetInt32(), second.GetProperty("unchanged").GetInt32());
        Assert.Equal(placed, await PlacementAsync());
    }
}

[Collection("sqlite")]
public sealed class SqliteBorderRepairTests(SqliteApp app) : BorderRepairSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresBorderRepairTests(PostgresApp app) : BorderRepairSpecification(app), IClassFixture<PostgresApp>;
