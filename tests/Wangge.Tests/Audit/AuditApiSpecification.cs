using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Tests.Auth;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Audit;

/// <summary>
/// The audit log over the API: the roles and scope of the audit-log page, its filters (person, record, time range),
/// a page at a time.
/// </summary>
public abstract class AuditApiSpecification(AppFixture app) : ApiSpecification(app)
{
    private readonly Signing _signing = new(app);

    [Fact]
    public async Task ListAuditEntries_StationChief_SeesOnlyWhatThePeopleOfTheStationDidOrHadDone()
    {
        var inside = await _signing.NewUserAsync("in");
        var outside = await _signing.NewUserAsync("out", grid: TestDistrict.OtherGrid);
        using (var admin = await App.SignedInAsync("admin"))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/users/{await IdOfAsync(inside)}/revoke-sessions", null, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/users/{await IdOfAsync(outside)}/revoke-sessions", null, Ct)).StatusCode);
        }
        var stationIds = await App.InDatabaseAsync(db => db.Users.Where(u => u.ScopePathValue.StartsWith(
            db.Users.Where(s => s.UserName == "station").Select(s => s.ScopePathValue).Single())).Select(u => u.Id).ToListAsync(Ct));
        using var station = await App.SignedInAsync("station");

        var entries = await EntriesAsync(station, "/api/v1/audit");
        var ofInside = await EntriesAsync(station, $"/api/v1/audit?record={await IdOfAsync(inside)}");
        var ofOutside = await EntriesAsync(station, $"/api/v1/audit?record={await IdOfAsync(outside)}");

        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.True(e.GetProperty("actorName").ValueKind == JsonValueKind.String
            || Guid.TryParse(e.GetProperty("entityKey").GetString(), out var key) && stationIds.Contains(key), e.ToString()));
        Assert.Contains(ofInside, e => e.GetProperty("actor").GetString() == "admin");
        Assert.Empty(ofOutside);
    }

    [Fact]
    public async Task ListAuditEntries_FilteredByPersonAndTime_OnlyTheirEntriesInTheRangePaged()
    {
        var name = await _signing.NewUserAsync("who");
        using (var station = await App.SignedInAsync("station"))
            Assert.Equal(HttpStatusCode.OK, (await station.PostAsync($"/api/v1/users/{await IdOfAsync(name)}/revoke-sessions", null, Ct)).StatusCode);
        using var admin = await App.SignedInAsync("admin");
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var until = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));

        var response = await admin.GetAsync($"/api/v1/audit?person=station&from={from}&until={until}&page=1", Ct);
        var later = await EntriesAsync(admin, $"/api/v1/audit?person=station&from={until}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, body.GetProperty("page").GetInt32());
        Assert.Equal(Wangge.Audit.AuditLog.PageSize, body.GetProperty("pageSize").GetInt32());
        var entries = body.GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("entityKey").GetString() == name || e.GetProperty("recordName").GetString() == name);
        Assert.All(entries, e => Assert.Equal("station", e.GetProperty("actor").GetString()));
        Assert.Empty(later);
    }

    [Fact]
    public async Task ListAuditEntries_Inspector_Forbidden()
    {
        using var inspector = await App.SignedInAsync("inspector");

        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync("/api/v1/audit", Ct)).StatusCode);
    }

    [Fact]
    public async Task ListAuditEntries_PageZero_400NamingPage()
    {
        using var admin = await App.SignedInAsync("admin");

        var response = await admin.GetAsync("/api/v1/audit?page=0", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("page", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
    }

    private static async Task<List<JsonElement>> EntriesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("entries").EnumerateArray().ToList();
    }

    private Task<Guid> IdOfAsync(string user) => App.InDatabaseAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync(Ct));
}

[Collection("sqlite")]
public sealed class SqliteAuditApiTests(SqliteApp app) : AuditApiSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresAuditApiTests(PostgresApp app) : AuditApiSpecification(app), IClassFixture<PostgresApp>;
