using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Businesses;

/// <summary>Recording what happens at a business re-rates it at once, and the page can say why.</summary>
public abstract class RiskSpecification(AppFixture app) : ApiSpecification(app)
{
    private async Task<Guid> NewCateringAsync(HttpClient client, int n, string grid = "inspector")
    {
        var (lon, lat) = grid == "inspector" ? (113.05, 23.3) : (113.25, 23.3);
        var response = await client.PostAsJsonAsync("/api/v1/businesses", new
        {
            creditCode = TestDistrict.Code(n), name = $"风险测试餐厅{n}", kind = "Enterprise", sector = "Catering", scale = "Small",
            address = "测试路2号", lon, lat, openedOn = "2022-01-01",
            licences = new[] { new { kind = "FoodBusiness", number = $"JY{n}", issuedOn = "2022-01-01", expiresOn = "2031-01-01" } },
        }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static string Day(int daysAgo) => TestDistrict.Today.AddDays(-daysAgo).ToString("yyyy-MM-dd");

    [Fact]
    public async Task TwoFailedSpotChecks_MoveTheBusinessToARiskierClassAtOnce_FactorByFactor()
    {
        using var inspector = await App.SignedInAsync("inspector");
        var id = await NewCateringAsync(inspector, 2001);
        var before = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/risk", Ct);

        foreach (var daysAgo in new[] { 40, 10 })
        {
            var recorded = await inspector.PostAsJsonAsync($"/api/v1/businesses/{id}/events",
                new { kind = "SpotCheck", occurredOn = Day(daysAgo), failed = true, reference = $"CJ-{daysAgo}" }, Ct);
            Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        }

        var after = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/risk", Ct);
        Assert.True(string.CompareOrdinal(after.GetProperty("effectiveClass").GetString(), before.GetProperty("effectiveClass").GetString()) > 0,
            $"{before.GetProperty("effectiveClass")} → {after.GetProperty("effectiveClass")}");
        Assert.True(after.GetProperty("score").GetDouble() > before.GetProperty("score").GetDouble());
        var spot = after.GetProperty("factors").EnumerateArray().Single(f => f.GetProperty("factor").GetString() == "spot_check_failed");
        Assert.Equal(2, spot.GetProperty("count").GetInt32());
        Assert.True(spot.GetProperty("points").GetDouble() > 0);
        Assert.Equal(after.GetProperty("score").GetDouble(),
            after.GetProperty("factors").EnumerateArray().Sum(f => f.GetProperty("points").GetDouble()), 1);

        // The ledger row shows the new class too.
        var row = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}", Ct);
        Assert.Equal(after.GetProperty("effectiveClass").GetString(), row.GetProperty("riskClass").GetString());

        var history = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/risk/history", Ct);
        Assert.Equal("Initial", history[history.GetArrayLength() - 1].GetProperty("trigger").GetString());
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("trigger").GetString() == "Event"
            && h.GetProperty("factors").EnumerateArray().Any(f => f.GetProperty("factor").GetString() == "spot_check_failed"));
    }

    [Fact]
    public async Task PassedSpotCheck_DoesNotRaiseTheClass()
    {
        using var inspector = await App.SignedInAsync("inspector");
        var id = await NewCateringAsync(inspector, 2002);
        var before = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/risk", Ct);
        await inspector.PostAsJsonAsync($"/api/v1/businesses/{id}/events", new { kind = "SpotCheck", occurredOn = Day(5), failed = false }, Ct);
        var after = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/risk", Ct);
        Assert.True(after.GetProperty("score").GetDouble() <= before.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task SameReferenceTwice_Conflict_CountedOnce()
    {
        using var inspector = await App.SignedInAsync("inspector");
        var id = await NewCateringAsync(inspector, 2003);
        var body = new { kind = "Violation", occurredOn = Day(3), reference = "案-2026-001" };
        Assert.Equal(HttpStatusCode.Created, (await inspector.PostAsJsonAsync($"/api/v1/businesses/{id}/events", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await inspector.PostAsJsonAsync($"/api/v1/businesses/{id}/events", body, Ct)).StatusCode);
        Assert.Equal(1, (await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/events", Ct)).GetArrayLength());
    }

    [Fact]
    public async Task FutureEvent_RefusedNamingTheField()
    {
        using var inspector = await App.SignedInAsync("inspector");
        var id = await NewCateringAsync(inspector, 2004);
        var response = await inspector.PostAsJsonAsync($"/api/v1/businesses/{id}/events",
            new { kind = "Inspection", occurredOn = Day(-5), failed = false }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("occurredOn", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Override_NeedsManagerAndReason_WinsUntilCleared()
    {
        using var station = await App.SignedInAsync("station");
        using var inspector = await App.SignedInAsync("inspector");
        var id = await NewCateringAsync(station, 2005);
        var until = TestDistrict.Today.AddDays(90).ToString("yyyy-MM-dd");

        var byInspector = await inspector.PutAsJsonAsync($"/api/v1/businesses/{id}/risk/override", new { @class = "D", reason = "群众多次反映后厨卫生差", until }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, byInspector.StatusCode);

        var noReason = await station.PutAsJsonAsync($"/api/v1/businesses/{id}/risk/override", new { @class = "D", reason = "差", until }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("reason", (await noReason.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());

        var ok = await station.PutAsJsonAsync($"/api/v1/businesses/{id}/risk/override", new { @class = "D", reason = "群众多次反映后厨卫生差，列为重点", until }, Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var risk = await ok.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("D", risk.GetProperty("effectiveClass").GetString());
        Assert.Equal("station", risk.GetProperty("override").GetProperty("by").GetString());
        Assert.Equal("D", (await station.GetFromJsonAsync<JsonElement>($"/api/v1/businesses?riskClass=D&q=风险测试餐厅2005", Ct))
            .GetProperty("items")[0].GetProperty("riskClass").GetString());
        var history = await station.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/risk/history", Ct);
        Assert.Equal("Override", history[0].GetProperty("trigger").GetString());

        var cleared = await station.DeleteAsync($"/api/v1/businesses/{id}/risk/override", Ct);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var after = await cleared.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(after.GetProperty("class").GetString(), after.GetProperty("effectiveClass").GetString());
    }

    [Fact]
    public async Task Inspector_RecordsEventOutsideOwnGrid_Refused()
    {
        using var bureau = await App.SignedInAsync("bureau");
        using var inspector = await App.SignedInAsync("inspector");
        var id = await NewCateringAsync(bureau, 2006, grid: "other");
        var response = await inspector.PostAsJsonAsync($"/api/v1/businesses/{id}/events", new { kind = "Complaint", occurredOn = Day(1) }, Ct);
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, response.StatusCode.ToString());
        Assert.Equal(0, (await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/events", Ct)).GetArrayLength());
    }

    [Fact]
    public async Task Treatment_FollowsTheClass()
    {
        using var inspector = await App.SignedInAsync("inspector");
        var id = await NewCateringAsync(inspector, 2007);
        var risk = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/risk", Ct);
        Assert.True(risk.GetProperty("inspectionsPerYear").GetDouble() > 0);
        Assert.InRange(risk.GetProperty("samplingRatio").GetDouble(), 0.0001, 1);
        Assert.Equal(JsonValueKind.String, risk.GetProperty("nextInspectionDue").ValueKind);
    }
}

[Collection("sqlite")]
public sealed class SqliteRiskTests(SqliteApp app) : RiskSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresRiskTests(PostgresApp app) : RiskSpecification(app), IClassFixture<PostgresApp>;
