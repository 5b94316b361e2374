using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.People;
using Wangge.Tests.Auth;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Users;

/// <summary>
/// Delegated user administration: a station chief makes and keeps the accounts of the station, and cannot reach past it —
/// no account outside the station, no place above it, no role above his own; every change is audited and made over the
/// version the administrator read.
/// </summary>
public abstract class UserAdministrationSpecification(AppFixture app) : ApiSpecification(app)
{
    private readonly Signing _signing = new(app);

    [Fact]
    public async Task CreateUser_StationChiefInspectorInTheStation_CreatedWithATemporaryPasswordThatSignsIn()
    {
        using var station = await App.SignedInAsync("station");
        var name = NewName("insp");

        var response = await station.PostAsJsonAsync("/api/v1/users", new { username = name, name = "新监管员", role = "Inspector", grid = TestDistrict.InspectorGrid }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var temporary = body.GetProperty("temporaryPassword").GetString()!;
        Assert.Equal(Wangge.Users.TemporaryPasswords.Length, temporary.Length);
        Assert.Equal("Inspector", body.GetProperty("user").GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _signing.TryTokenAsync(name, temporary)).Status);
        var audited = await App.InDatabaseAsync(db => db.AuditEntries
            .Where(e => e.EntityType == nameof(User) && e.Action == "added" && e.Actor == "station").Select(e => e.After!).ToListAsync(Ct));
        Assert.Contains(audited, a => a.Contains(name, StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string, string> Beyond => new()
    {
        { "an account outside the station", "Inspector", TestDistrict.OtherGrid, "grid" },
        { "a wider place than the station", "Inspector", TestDistrict.Zone, "grid" },
        { "a role above his own", "BureauLeader", TestDistrict.InspectorGrid, "role" },
        { "the administrator's role", "SystemAdmin", TestDistrict.WestStreet, "role" },
    };

    [Theory]
    [MemberData(nameof(Beyond))]
    public async Task CreateUser_StationChiefBeyondHisStation_ForbiddenNamingTheFieldAndNothingSaved(string why, string role, string grid, string field)
    {
        using var station = await App.SignedInAsync("station");
        var name = NewName("far");
        var audit = await App.InDatabaseAsync(db => db.AuditEntries.CountAsync(Ct));

        var response = await station.PostAsJsonAsync("/api/v1/users", new { username = name, role, grid, password = TestDistrict.Password }, Ct);

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{why}: {response.StatusCode}");
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
        Assert.False(await App.InDatabaseAsync(db => db.Users.AnyAsync(u => u.UserName == name, Ct)));
        Assert.Equal(audit, await App.InDatabaseAsync(db => db.AuditEntries.CountAsync(Ct)));
    }

    public static TheoryData<string, string, string?, string?, string> BadAccounts => new()
    {
        { "a user name with a space", "bad name", "Inspector", TestDistrict.Password, "username" },
        { "no role", "{name}", null, TestDistrict.Password, "role" },
        { "a password too short", "{name}", "Inspector", "short", "password" },
        { "a password too long", "{name}", "Inspector", new string('p', 129), "password" },
    };

    [Theory]
    [MemberData(nameof(BadAccounts))]
    public async Task CreateUser_BadInput_400NamingTheFieldAndNothingSaved(string why, string username, string? role, string? password, string field)
    {
        using var station = await App.SignedInAsync("station");
        var name = username.Replace("{name}", NewName("bad"), StringComparison.Ordinal);

        var response = await station.PostAsJsonAsync("/api/v1/users", new { username = name, role, grid = TestDistrict.InspectorGrid, password }, Ct);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {response.StatusCode}");
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
        Assert.False(await App.InDatabaseAsync(db => db.Users.AnyAsync(u => u.UserName == name, Ct)));
    }

    [Fact]
    public async Task CreateUser_GridLeader_Forbidden()
    {
        using var leader = await App.SignedInAsync("gridleader");

        var response = await leader.PostAsJsonAsync("/api/v1/users", new { username = NewName("gl"), role = "Coordinator", grid = TestDistrict.InspectorGrid }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ListUsers_StationChief_OnlyTheStationsAccounts()
    {
        using var station = await App.SignedInAsync("station");

        var users = await station.GetFromJsonAsync<JsonElement>("/api/v1/users", Ct);

        var names = users.EnumerateArray().Select(u => u.GetProperty("userName").GetString()).ToList();
        Assert.Contains("inspector", names);
        Assert.Contains("station", names);
        Assert.DoesNotContain("bureau", names);
        Assert.DoesNotContain("admin", names);
        Assert.DoesNotContain("liaison", names);
        Assert.All(users.EnumerateArray(), u => Assert.StartsWith($"/{TestDistrict.District}/{TestDistrict.Zone}/{TestDistrict.WestStreet}/",
            u.GetProperty("place").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangeUser_WithoutOrWithStaleIfMatch_RefusedAndWithTheCurrentOneSavedAndAudited()
    {
        var name = await _signing.NewUserAsync("edit");
        using var station = await App.SignedInAsync("station");
        var record = $"/api/v1/users/{await IdOfAsync(name)}";
        var body = new { name = "改名监管员", role = "GridLeader" };

        var without = await station.SendWithIfMatchAsync(HttpMethod.Put, record, body, null, Ct);
        var stale = await station.SendWithIfMatchAsync(HttpMethod.Put, record, body, new EntityTagHeaderValue("\"99\""), Ct);
        var current = await station.PutCurrentAsync(record, body, Ct);

        Assert.Equal(HttpStatusCode.PreconditionRequired, without.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("\"2\"", current.Headers.ETag?.Tag);
        var saved = await App.InDatabaseAsync(db => db.Users.SingleAsync(u => u.UserName == name, Ct));
        Assert.Equal((Role.GridLeader, "改名监管员", 2), (saved.Role, saved.DisplayName, saved.Version));
        Assert.True(await App.InDatabaseAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == nameof(User) && e.EntityKey == saved.Id.ToString()
            && e.Action == "modified" && e.Actor == "station", Ct)));
    }

    [Fact]
    public async Task ChangeUser_StationChiefMovesAnAccountOutOfTheStation_ForbiddenAndUnchanged()
    {
        var name = await _signing.NewUserAsync("move");
        using var station = await App.SignedInAsync("station");

        var response = await station.PutCurrentAsync($"/api/v1/users/{await IdOfAsync(name)}", new { grid = TestDistrict.OtherGrid }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(1, await App.InDatabaseAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Version).SingleAsync(Ct)));
    }

    [Fact]
    public async Task ChangeUser_StationChiefOnTheBureauLeader_Forbidden()
    {
        using var station = await App.SignedInAsync("station");

        var response = await station.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/users/{await IdOfAsync("bureau")}", new { name = "x" },
            new EntityTagHeaderValue("\"1\""), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ResetPassword_StationChief_TemporaryPasswordSignsInTheOldOneNoLonger()
    {
        var name = await _signing.NewUserAsync("reset");
        using var station = await App.SignedInAsync("station");

        var response = await station.PostCurrentAsync($"/api/v1/users/{await IdOfAsync(name)}", "reset-password", new { }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var temporary = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("temporaryPassword").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _signing.TryTokenAsync(name, temporary)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _signing.TryTokenAsync(name, TestDistrict.Password)).Status);
    }

    [Fact]
    public async Task DisableAndEnable_StationChiefInTheStation_LocksAndUnlocks()
    {
        var name = await _signing.NewUserAsync("lock");
        using var station = await App.SignedInAsync("station");
        var id = await IdOfAsync(name);

        Assert.Equal(HttpStatusCode.OK, (await station.PostAsync($"/api/v1/users/{id}/disable", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _signing.TryTokenAsync(name, TestDistrict.Password)).Status);
        Assert.Equal(HttpStatusCode.OK, (await station.PostAsync($"/api/v1/users/{id}/enable", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _signing.TryTokenAsync(name, TestDistrict.Password)).Status);
    }

    [Theory]
    [InlineData("/users", Label = "the accounts page")]
    [InlineData("/audit", Label = "the audit-log page")]
    [InlineData("/grids/import", Label = "the border import")]
    public async Task Page_RoleMayNotOpenIt_NoPermissionWith403NotPageNotFound(string page)
    {
        var cookies = (await _signing.BrowserSignInAsync("inspector"))!;
        using var client = _signing.Client();

        var refused = await Signing.SendAsync(client, HttpMethod.Get, page, cookies);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var shown = await Signing.SendAsync(client, HttpMethod.Get, refused.Headers.Location!.OriginalString, cookies);

        Assert.Equal(HttpStatusCode.Forbidden, shown.StatusCode);
        // Razor writes non-ASCII text as character references.
        var html = WebUtility.HtmlDecode(await shown.Content.ReadAsStringAsync(Ct));
        Assert.Contains("无权访问", html, StringComparison.Ordinal);
        Assert.DoesNotContain("页面不存在", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditLogPage_StationChief_ShowsWhatThePeopleOfTheStationDid()
    {
        var name = await _signing.NewUserAsync("seen");
        using (var station = await App.SignedInAsync("station"))
            Assert.Equal(HttpStatusCode.OK, (await station.PostAsync($"/api/v1/users/{await IdOfAsync(name)}/revoke-sessions", null, Ct)).StatusCode);
        var cookies = (await _signing.BrowserSignInAsync("station"))!;
        using var client = _signing.Client();

        var page = await Signing.SendAsync(client, HttpMethod.Get, $"/audit?record={await IdOfAsync(name)}", cookies);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
        Assert.Contains("所长", html, StringComparison.Ordinal);
        Assert.Contains((await IdOfAsync(name)).ToString(), html, StringComparison.Ordinal);
    }

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private Task<Guid> IdOfAsync(string user) => App.InDatabaseAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync(Ct));
}

[Collection("sqlite")]
public sealed class SqliteUserAdministrationTests(SqliteApp app) : UserAdministrationSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresUserAdministrationTests(PostgresApp app) : UserAdministrationSpecification(app), IClassFixture<PostgresApp>;
