using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Businesses;

/// <summary>A closed business offers no new work: no event and no licence is recorded on it, until it is reopened.</summary>
public abstract class ClosedBusinessSpecification(AppFixture app) : ApiSpecification(app)
{
    private static string Record(Guid id) => $"/api/v1/businesses/{id}";

    private async Task<Guid> ClosedBusinessAsync(HttpClient client, int n)
    {
        using var created = await client.PostAsJsonAsync("/api/v1/businesses", new
        {
            creditCode = TestDistrict.Code(n), name = $"已注销商店{n}", kind = "Enterprise", sectors = new[] { "Catering" },
            address = "注销路1号", lon = 113.05, lat = 23.3, openedOn = "2020-05-01",
        }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        using var closed = await client.PostCurrentAsync(Record(id), "close", new { on = "2025-01-02" }, Ct);
        Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync(Ct));
        return id;
    }

    private static async Task AssertBusinessClosedAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{response.StatusCode}: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(("business_closed", field), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task ClosedBusiness_RecordEvent_RefusedAndNoEventSaved()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var id = await ClosedBusinessAsync(bureau, 8101);
        using var response = await bureau.PostAsJsonAsync($"{Record(id)}/events", new { kind = "Inspection", failed = false, occurredOn = "2025-03-01" }, Ct);
        await AssertBusinessClosedAsync(response, "kind");
        Assert.Equal(0, await App.InDatabaseAsync(db => db.SupervisionEvents.CountAsync(e => e.BusinessId == id, Ct)));
    }

    [Fact]
    public async Task ClosedBusiness_NewLicence_RefusedAndRecordUnchanged()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var id = await ClosedBusinessAsync(bureau, 8102);
        var version = (await bureau.GetFromJsonAsync<JsonElement>(Record(id), Ct)).GetProperty("version").GetInt32();
        using var response = await bureau.PutCurrentAsync(Record(id),
            new { licences = new[] { new { kind = "FoodBusiness", number = "JY0000000008102", issuedOn = "2025-02-01" } } }, Ct);
        await AssertBusinessClosedAsync(response, "licences");
        var record = await bureau.GetFromJsonAsync<JsonElement>(Record(id), Ct);
        Assert.Equal((version, 0), (record.GetProperty("version").GetInt32(), record.GetProperty("licences").GetArrayLength()));
    }

    [Fact]
    public async Task ClosedBusiness_ReopenedWithALicence_Saved()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var id = await ClosedBusinessAsync(bureau, 8103);
        using var response = await bureau.PutCurrentAsync(Record(id), new
        {
            status = "Operating", licences = new[] { new { kind = "FoodBusiness", number = "JY0000000008103", issuedOn = "2025-02-01" } },
        }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var record = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("Operating", 1), (record.GetProperty("status").GetString(), record.GetProperty("licences").GetArrayLength()));
    }
}

[Collection("sqlite")]
public sealed class SqliteClosedBusinessTests(SqliteApp app) : ClosedBusinessSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresClosedBusinessTests(PostgresApp app) : ClosedBusinessSpecification(app), IClassFixture<PostgresApp>;
