using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Grids;

/// <summary>
/// One grid at a time: created and redrawn through the same check as a border file, saved whole or not at all,
/// within the caller's part of the grid, over the version the editor read. The east street (113.2–113.4 E) is
/// redrawn here; the west street is only ever refused.
/// </summary>
public abstract class GridEditorSpecification(AppFixture app) : ApiSpecification(app)
{
    private static object Square(double w, double s, double e, double n) => new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { w, s }, new[] { e, s }, new[] { e, n }, new[] { w, n }, new[] { w, s } } },
    };

    private Task<int> GridCountAsync() => App.InDatabaseAsync(db => db.Grids.CountAsync(Ct));

    [Fact]
    public async Task CreateGrid_OverlappingASibling_UnprocessableWithTheOverlapAndNothingSaved()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var before = await GridCountAsync();

        var response = await bureau.PostAsJsonAsync("/api/v1/grids", new
        {
            code = "44011100100103", name = "西北新网格", parentCode = TestDistrict.WestStreet, border = Square(113.05, 23.25, 113.15, 23.35),
        }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var overlap = Assert.Single(report.GetProperty("problems").EnumerateArray(), p => p.GetProperty("kind").GetString() == "Overlap");
        Assert.Equal("Polygon", overlap.GetProperty("location").GetProperty("type").GetString());
        Assert.Equal(before, await GridCountAsync());
    }

    [Fact]
    public async Task CreateGrid_OutsideItsParent_Unprocessable()
    {
        using var bureau = await App.SignedInAsync("bureau");

        var response = await bureau.PostAsJsonAsync("/api/v1/grids", new
        {
            code = "44011100100104", name = "出界网格", parentCode = TestDistrict.WestStreet, border = Square(113.5, 23.5, 113.6, 23.6),
        }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var kinds = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("kind").GetString());
        Assert.Contains("OutsideParent", kinds);
    }

    [Theory]
    [InlineData("4401110010010", "code", Label = "13 digits is no unit-grid code")]
    [InlineData("44011200100103", "code", Label = "another county's digits")]
    public async Task CreateGrid_CodeAgainstTheScheme_UnprocessableNamingTheCode(string code, string _)
    {
        using var bureau = await App.SignedInAsync("bureau");

        var response = await bureau.PostAsJsonAsync("/api/v1/grids", new
        {
            code, name = "错码网格", parentCode = TestDistrict.WestStreet, border = Square(113.05, 23.25, 113.15, 23.35),
        }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("problems").EnumerateArray(),
            p => p.GetProperty("kind").GetString() == "BadCode");
    }

    [Fact]
    public async Task CreateGrid_StationChiefUnderAnotherStation_Forbidden()
    {
        using var station = await App.SignedInAsync("station");
        var before = await GridCountAsync();

        var response = await station.PostAsJsonAsync("/api/v1/grids", new
        {
            code = "44011100200105", name = "越界网格", parentCode = TestDistrict.EastStreet, border = Square(113.25, 23.25, 113.3, 23.3),
        }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await GridCountAsync());
    }

    [Fact]
    public async Task CreateGrid_NoBorder_ProblemNamingTheBorder()
    {
        using var bureau = await App.SignedInAsync("bureau");

        var response = await bureau.PostAsJsonAsync("/api/v1/grids", new { code = "44011100100105", name = "无界网格", parentCode = TestDistrict.WestStreet }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("border", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task ChangeGrid_WithoutIfMatch_PreconditionRequired()
    {
        using var bureau = await App.SignedInAsync("bureau");

        var response = await bureau.PutAsJsonAsync($"/api/v1/grids/{TestDistrict.InspectorGrid}", new { name = "改名" }, Ct);

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
    }

    [Fact]
    public async Task ChangeGrid_StaleIfMatch_ConflictVersionStale()
    {
        using var bureau = await App.SignedInAsync("bureau");

        var response = await bureau.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/grids/{TestDistrict.InspectorGrid}", new { name = "改名" },
            new EntityTagHeaderValue("\"99\""), Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("version_stale", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task RedrawThenCreate_EastStreet_NewGridTakesItsBusinessesWithVersionsAndAudit()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var record = $"/api/v1/grids/{TestDistrict.OtherGrid}";
        var audited = await App.InDatabaseAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Grid", Ct));

        // The north-east grid gives up its eastern half, which stays undivided until the next grid is drawn there.
        var redrawn = await bureau.PutCurrentAsync(record, new { border = Square(113.2, 23.2, 113.3, 23.4), reason = "拆分" }, Ct);
        Assert.True(redrawn.StatusCode == HttpStatusCode.OK, await redrawn.Content.ReadAsStringAsync(Ct));
        Assert.Equal("\"2\"", redrawn.Headers.ETag?.Tag);
        var created = await bureau.PostAsJsonAsync("/api/v1/grids", new
        {
            code = "44011100200103", name = "东北新网格", parentCode = TestDistrict.EastStreet, border = Square(113.3, 23.2, 113.4, 23.4),
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var grid = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("Grid", TestDistrict.EastStreet, 1), (grid.GetProperty("level").GetString(), grid.GetProperty("parentCode").GetString(), grid.GetProperty("version").GetInt32()));
        // The grid's businesses stand at 113.30–113.34 E: all but the one on the new line move into the new grid.
        var moved = await App.InDatabaseAsync(db => db.Businesses.CountAsync(b => b.ScopePathValue.EndsWith("/44011100200103/"), Ct));
        Assert.InRange(moved, TestDistrict.BusinessesPerGrid - 1, TestDistrict.BusinessesPerGrid);
        Assert.True(await App.InDatabaseAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Grid", Ct)) >= audited + 2);

        var again = await bureau.SendWithIfMatchAsync(HttpMethod.Put, record, new { name = "东北老网格" }, new EntityTagHeaderValue("\"1\""), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}

[Collection("sqlite")]
public sealed class SqliteGridEditorTests(SqliteApp app) : GridEditorSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresGridEditorTests(PostgresApp app) : GridEditorSpecification(app), IClassFixture<PostgresApp>;
