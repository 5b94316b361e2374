using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Auth;

/// <summary>Sign-in through the API: tokens, uniform refusals (back-off: <see cref="SignInBackoffSpecification"/>).</summary>
public abstract class AuthSpecification(AppFixture app) : ApiSpecification(app)
{
    public static TheoryData<string> Accounts => new(TestDistrict.Accounts);

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Token_EveryRoleWithRightPassword_IssuedBearerToken(string user)
    {
        using var client = App.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password = TestDistrict.Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.True(body.GetProperty("expires_in").GetInt32() > 0);
    }

    [Fact]
    public async Task Token_WrongPasswordOrUnknownUser_SameUnauthorizedAnswer()
    {
        using var client = App.Anonymous();
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "station", password = "not-the-password" }, Ct);
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "nobody-here", password = "not-the-password" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(await Detail(wrong), await Detail(unknown));
    }

    [Fact]
    public async Task Api_WithoutToken_Unauthorized()
    {
        using var client = App.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/businesses", Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_WithUnknownToken_Unauthorized()
    {
        using var client = App.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "made-up-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/businesses", Ct)).StatusCode);
    }

    [Fact]
    public async Task AuditLog_NeverHoldsPasswordHashesOrTokens()
    {
        var leaks = await App.InDatabaseAsync(db => db.AuditEntries.CountAsync(e => e.After!.Contains("AQAAAA") || e.After!.Contains("PBKDF2"), Ct));
        Assert.Equal(0, leaks);
    }

    private static async Task<string?> Detail(HttpResponseMessage r) =>
        (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
}

[Collection("sqlite")]
public sealed class SqliteAuthTests(SqliteApp app) : AuthSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresAuthTests(PostgresApp app) : AuthSpecification(app), IClassFixture<PostgresApp>;
