using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Businesses;

/// <summary>A caller reads and writes only under their node of the grid tree.</summary>
public abstract class BusinessScopeSpecification(AppFixture app) : ApiSpecification(app)
{
    private async Task<Guid> FirstBusinessOfAsync(string gridCode)
    {
        using var bureau = await App.SignedInAsync("bureau");
        var page = await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/businesses?grid={gridCode}&pageSize=1", Ct);
        return page.GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Inspector_ReadsBusinessOfOwnGrid_Ok()
    {
        using var inspector = await App.SignedInAsync("inspector");
        var response = await inspector.GetAsync($"/api/v1/businesses/{await FirstBusinessOfAsync(TestDistrict.InspectorGrid)}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Inspector_ReadsBusinessOfAnotherGrid_NotFoundWithoutLeakingExistence()
    {
        using var inspector = await App.SignedInAsync("inspector");
        var other = await inspector.GetAsync($"/api/v1/businesses/{await FirstBusinessOfAsync(TestDistrict.OtherGrid)}", Ct);
        var missing = await inspector.GetAsync($"/api/v1/businesses/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Inspector_ChangesBusinessOfAnotherGrid_ForbiddenAndNothingChanges()
    {
        var id = await FirstBusinessOfAsync(TestDistrict.OtherGrid);
        var auditBefore = await App.InDatabaseAsync(db => db.AuditEntries.CountAsync(Ct));
        using var inspector = await App.SignedInAsync("inspector");
        var response = await inspector.PutAsJsonAsync($"/api/v1/businesses/{id}", new { name = "篡改" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var name = await App.InDatabaseAsync(db => db.Businesses.Where(b => b.Id == id).Select(b => b.Name).SingleAsync(Ct));
        Assert.NotEqual("篡改", name);
        // The token issue itself is audited; the refused change is not.
        Assert.Equal(auditBefore + 1, await App.InDatabaseAsync(db => db.AuditEntries.CountAsync(Ct)));
    }

    [Fact]
    public async Task Inspector_MovesOwnBusinessIntoAnotherGrid_Forbidden()
    {
        var id = await FirstBusinessOfAsync(TestDistrict.InspectorGrid);
        using var inspector = await App.SignedInAsync("inspector");
        var response = await inspector.PutCurrentAsync($"/api/v1/businesses/{id}", new { lon = 113.3, lat = 23.3 }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task BureauLeader_ReadsBusinessesOfEveryGrid_Ok()
    {
        using var bureau = await App.SignedInAsync("bureau");
        foreach (var grid in new[] { TestDistrict.InspectorGrid, TestDistrict.OtherGrid })
            Assert.Equal(HttpStatusCode.OK, (await bureau.GetAsync($"/api/v1/businesses/{await FirstBusinessOfAsync(grid)}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Inspector_SearchesLedger_SeesOnlyOwnGrid()
    {
        using var inspector = await App.SignedInAsync("inspector");
        var page = await inspector.GetFromJsonAsync<JsonElement>("/api/v1/businesses?pageSize=100", Ct);
        Assert.Equal(TestDistrict.BusinessesPerGrid, page.GetProperty("total").GetInt32());
        Assert.All(page.GetProperty("items").EnumerateArray(), b => Assert.Equal(TestDistrict.InspectorGrid, b.GetProperty("gridCode").GetString()));
    }

    [Fact]
    public async Task StationChief_SeesBothGridsOfOwnStreetOnly()
    {
        using var station = await App.SignedInAsync("station");
        var page = await station.GetFromJsonAsync<JsonElement>("/api/v1/businesses?pageSize=100", Ct);
        Assert.Equal(2 * TestDistrict.BusinessesPerGrid, page.GetProperty("total").GetInt32());
        Assert.All(page.GetProperty("items").EnumerateArray(), b => Assert.StartsWith(TestDistrict.WestStreet, b.GetProperty("gridCode").GetString()));
    }

    [Fact]
    public async Task DepartmentLiaison_WithoutGridNode_SeesNoBusinesses()
    {
        using var liaison = await App.SignedInAsync("liaison");
        var page = await liaison.GetFromJsonAsync<JsonElement>("/api/v1/businesses", Ct);
        Assert.Equal(0, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Inspector_GridTree_StartsAtOwnGrid()
    {
        using var inspector = await App.SignedInAsync("inspector");
        var roots = await inspector.GetFromJsonAsync<JsonElement>("/api/v1/grids", Ct);
        Assert.Equal([TestDistrict.InspectorGrid], roots.EnumerateArray().Select(g => g.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync($"/api/v1/grids/{TestDistrict.OtherGrid}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Inspector_ChangesOwnBusiness_SavedAndAuditedWithBeforeAndAfter()
    {
        var id = await FirstBusinessOfAsync(TestDistrict.InspectorGrid);
        using var inspector = await App.SignedInAsync("inspector");
        var response = await inspector.PutCurrentAsync($"/api/v1/businesses/{id}", new { name = "新名称餐厅" }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await App.InDatabaseAsync(db => db.AuditEntries.Where(e => e.EntityType == "Business" && e.EntityKey == id.ToString() && e.Action == "modified")
            .OrderByDescending(e => e.Sequence).FirstAsync(Ct));
        Assert.Equal("inspector", entry.Actor);
        Assert.Equal("127.0.0.1", entry.Address);
        Assert.Contains("新名称餐厅", entry.After);
        Assert.DoesNotContain("新名称餐厅", entry.Before);
    }
}

[Collection("sqlite")]
public sealed class SqliteBusinessScopeTests(SqliteApp app) : BusinessScopeSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresBusinessScopeTests(PostgresApp app) : BusinessScopeSpecification(app), IClassFixture<PostgresApp>;
