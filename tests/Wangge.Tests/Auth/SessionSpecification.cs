using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.People;
using Wangge.Hosting;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Auth;

/// <summary>
/// Sessions that can be cut: after each event that must end an account's sessions, the browser cookie and
/// the bearer token it held before are refused for reads and writes alike, and signing in afresh works
/// exactly when the account may still sign in.
/// </summary>
public abstract class SessionSpecification(AppFixture app) : ApiSpecification(app)
{
    private const string NewPassword = "another-long-password";
    private readonly Signing _signing = new(app);

    public static TheoryData<string> Events => new("password change", "disable", "role change", "place change", "deletion", "logout", "revoke");

    [Theory]
    [MemberData(nameof(Events))]
    public async Task OldCookieAndToken_AfterTheEvent_NeitherReadNorWrite(string happening)
    {
        var user = await _signing.NewUserAsync("cut");
        var cookies = await _signing.BrowserSignInAsync(user);
        var token = await _signing.TokenAsync(user);
        Assert.NotNull(cookies);
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(cookies, null));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(null, token));

        var password = await HappenAsync(happening, user, cookies, token);

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(cookies, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(null, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await WriteAsync(cookies, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await WriteAsync(null, token));
        if (password is null)
        {
            Assert.Null(await _signing.BrowserSignInAsync(user));
            Assert.Equal(HttpStatusCode.Unauthorized, (await _signing.TryTokenAsync(user, TestDistrict.Password)).Status);
            return;
        }
        var fresh = await _signing.BrowserSignInAsync(user, password);
        Assert.NotNull(fresh);
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(fresh, null));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(null, await _signing.TokenAsync(user, password)));
    }

    /// <summary>Makes the event happen; the password a fresh sign-in uses, or null when the account may no longer sign in.</summary>
    private async Task<string?> HappenAsync(string happening, string user, string cookies, string token)
    {
        switch (happening)
        {
            case "password change":
                await _signing.AsAdministrationAsync(a => a.SetPasswordAsync(user, NewPassword, Ct));
                return NewPassword;
            case "disable":
                Assert.Equal(HttpStatusCode.OK, await AdministerAsync(user, "disable"));
                return null;
            case "role change":
                await _signing.AsAdministrationAsync(a => a.ReassignAsync(user, Role.GridLeader, TestDistrict.InspectorGrid, null, Ct));
                return TestDistrict.Password;
            case "place change":
                await _signing.AsAdministrationAsync(a => a.ReassignAsync(user, Role.Inspector, TestDistrict.OtherGrid, null, Ct));
                return TestDistrict.Password;
            case "deletion":
                await _signing.AsAdministrationAsync(a => a.DeleteAsync(user, Ct));
                return null;
            case "logout":
                await _signing.BrowserSignOutAsync(cookies);
                using (var client = _signing.Client())
                    Assert.Equal(HttpStatusCode.NoContent, (await Signing.SendAsync(client, HttpMethod.Post, "/api/v1/auth/logout", token: token)).StatusCode);
                return TestDistrict.Password;
            case "revoke":
                Assert.Equal(HttpStatusCode.OK, await AdministerAsync(user, "revoke-sessions"));
                return TestDistrict.Password;
            default:
                throw new ArgumentOutOfRangeException(nameof(happening));
        }
    }

    [Fact]
    public async Task Logout_OnlyEndsThatSession_OtherSessionsOfTheAccountGoOn()
    {
        var user = await _signing.NewUserAsync("one");
        var first = (await _signing.BrowserSignInAsync(user))!;
        var second = (await _signing.BrowserSignInAsync(user))!;
        var token = await _signing.TokenAsync(user);

        await _signing.BrowserSignOutAsync(first);

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(first, null));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(second, null));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(null, token));
    }

    [Fact]
    public async Task RevokedCookie_OnAPage_RedirectsToLogin()
    {
        var user = await _signing.NewUserAsync("page");
        var cookies = (await _signing.BrowserSignInAsync(user))!;
        await _signing.AsAdministrationAsync(a => a.EndSessionsAsync(user, Ct));

        using var client = _signing.Client();
        var page = await Signing.SendAsync(client, HttpMethod.Get, "/businesses", cookies);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_DisableAndRevoke_EndTokensAndSessionsAndAreAudited()
    {
        var disabled = await _signing.NewUserAsync("cli");
        var revoked = await _signing.NewUserAsync("cli");
        var disabledToken = await _signing.TokenAsync(disabled);
        var revokedToken = await _signing.TokenAsync(revoked);
        var cookies = (await _signing.BrowserSignInAsync(revoked))!;

        Assert.Equal(0, await CliAsync("users", "disable", disabled));
        Assert.Equal(0, await CliAsync("users", "revoke", revoked));

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(null, disabledToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(null, revokedToken));
        // The cookie was not used since sign-in, so the web process has nothing cached for it.
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(cookies, null));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _signing.TryTokenAsync(disabled, TestDistrict.Password)).Status);
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(null, await _signing.TokenAsync(revoked)));
        var audited = await App.InDatabaseAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(User) && e.Action == "modified")
            .Select(e => e.After!).ToListAsync(Ct));
        Assert.Contains(audited, a => a.Contains(disabled, StringComparison.Ordinal) && a.Contains("\"IsDisabled\":true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UsersApi_AccountOutsideTheCallersArea_ForbiddenAndKeepsWorking()
    {
        var westLeader = await _signing.TokenAsync(await _signing.NewUserAsync("west", Role.BureauLeader, TestDistrict.WestStreet));
        var east = await _signing.NewUserAsync("east", Role.Inspector, TestDistrict.OtherGrid);
        var eastToken = await _signing.TokenAsync(east);
        using var client = _signing.Client();

        var response = await Signing.SendAsync(client, HttpMethod.Post, $"/api/v1/users/{await IdOfAsync(east)}/disable", token: westLeader);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(null, eastToken));
    }

    [Theory]
    [InlineData("gridleader", "inspector", Label = "a grid leader administers no accounts")]
    [InlineData("station", "bureau", Label = "a station chief cannot cut his bureau leader")]
    [InlineData("bureau", "admin", Label = "a bureau leader cannot cut an administrator")]
    public async Task UsersApi_CallerWhoMayNotManageTheAccount_Forbidden(string caller, string target)
    {
        var token = await _signing.TokenAsync(caller);
        var targetToken = await _signing.TokenAsync(target);
        using var client = _signing.Client();

        var response = await Signing.SendAsync(client, HttpMethod.Post, $"/api/v1/users/{await IdOfAsync(target)}/revoke-sessions", token: token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(null, targetToken));
    }

    [Fact]
    public async Task UsersApi_DisableOwnAccount_RefusedNamingTheId()
    {
        var admin = await _signing.TokenAsync("admin");
        using var client = _signing.Client();

        var response = await Signing.SendAsync(client, HttpMethod.Post, $"/api/v1/users/{await IdOfAsync("admin")}/disable", token: admin);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("id", (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(null, admin));
    }

    [Fact]
    public async Task UsersApi_EnableAfterDisable_SignsInAgain()
    {
        var user = await _signing.NewUserAsync("back");
        Assert.Equal(HttpStatusCode.OK, await AdministerAsync(user, "disable"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _signing.TryTokenAsync(user, TestDistrict.Password)).Status);

        Assert.Equal(HttpStatusCode.OK, await AdministerAsync(user, "enable"));

        Assert.Equal(HttpStatusCode.OK, (await _signing.TryTokenAsync(user, TestDistrict.Password)).Status);
    }

    [Fact]
    public async Task SignIn_NewSessionAndToken_AuditedAsTheUsersOwnAct()
    {
        var user = await _signing.NewUserAsync("who");

        await _signing.BrowserSignInAsync(user);
        await _signing.TokenAsync(user);

        var actors = await App.InDatabaseAsync(db => db.AuditEntries
            .Where(e => (e.EntityType == nameof(UserSession) || e.EntityType == nameof(ApiToken)) && e.Action == "added" && e.Actor == user)
            .Select(e => e.EntityType).ToListAsync(Ct));
        Assert.Equal([nameof(ApiToken), nameof(UserSession)], actors.Order());
    }

    [Fact]
    public async Task SignInCookie_PlainHttpWithoutSecureCookies_NotMarkedSecure()
    {
        // SameAsRequest: the same cookie is Secure over HTTPS, and a plain-HTTP demo on localhost still works.
        Assert.DoesNotContain("; secure", await _signing.SignInCookieHeaderAsync("inspector"), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<HttpStatusCode> AdministerAsync(string user, string verb)
    {
        var admin = await _signing.TokenAsync("bureau");
        using var client = _signing.Client();
        return (await Signing.SendAsync(client, HttpMethod.Post, $"/api/v1/users/{await IdOfAsync(user)}/{verb}", token: admin)).StatusCode;
    }

    private Task<Guid> IdOfAsync(string user) => App.InDatabaseAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync(Ct));

    private async Task<HttpStatusCode> ReadAsync(string? cookies, string? token)
    {
        using var client = _signing.Client();
        return (await Signing.SendAsync(client, HttpMethod.Get, "/api/v1/businesses", cookies, token)).StatusCode;
    }

    private async Task<HttpStatusCode> WriteAsync(string? cookies, string? token)
    {
        var body = $$"""
            {"creditCode":"{{TestDistrict.Code(950)}}","name":"不该写入","kind":"Enterprise","sector":"Catering","scale":"Small",
             "address":"测试路9号","lon":113.05,"lat":23.3}
            """;
        using var client = _signing.Client();
        var status = (await Signing.SendAsync(client, HttpMethod.Post, "/api/v1/businesses", cookies, token,
            new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode;
        Assert.Equal(0, await App.InDatabaseAsync(db => db.Businesses.CountAsync(b => b.Name == "不该写入", Ct)));
        return status;
    }

    private Task<int> CliAsync(params string[] args) =>
        WanggeCli.Build().Parse([.. args, "--db", App.Database.ConnectionString]).InvokeAsync(cancellationToken: Ct);
}

[Collection("sqlite")]
public sealed class SqliteSessionTests(SqliteApp app) : SessionSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresSessionTests(PostgresApp app) : SessionSpecification(app), IClassFixture<PostgresApp>;
