using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.People;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Auth;

/// <summary>
/// Every user changes their own password (current, new, repeat) under the rules of account creation; the change is
/// audited and ends the account's other sessions and tokens but not the one it came from. An account handed a
/// temporary password can do nothing else until it has chosen its own, and cannot choose the temporary one.
/// </summary>
public abstract class PasswordChangeSpecification(AppFixture app) : ApiSpecification(app)
{
    private const string NewPassword = "my-own-secret-2026";
    private readonly Signing _signing = new(app);

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_400NamingCurrentPasswordAndNothingChanged()
    {
        var name = await _signing.NewUserAsync("wrong");
        var token = await _signing.TokenAsync(name);
        var stamp = await StampOfAsync(name);

        var response = await ChangeAsync(token, "not-my-password", NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("current_password_wrong", problem.GetProperty("code").GetString());
        Assert.Equal("currentPassword", problem.GetProperty("field").GetString());
        Assert.Equal(stamp, await StampOfAsync(name));
        Assert.Equal(HttpStatusCode.OK, (await _signing.TryTokenAsync(name, TestDistrict.Password)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _signing.TryTokenAsync(name, NewPassword)).Status);
    }

    public static TheoryData<string, string, string, string> Refused => new()
    {
        { "a new password shorter than account creation allows", "short", "short", "newPassword" },
        { "a repeat that differs from the new password", NewPassword, NewPassword + "x", "repeatPassword" },
        { "the current password again", TestDistrict.Password, TestDistrict.Password, "newPassword" },
        { "no new password at all", "", "", "newPassword" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task ChangePassword_BadNewPassword_400NamingTheFieldAndNothingChanged(string why, string newPassword, string repeat, string field)
    {
        var name = await _signing.NewUserAsync("weak");
        var token = await _signing.TokenAsync(name);
        var stamp = await StampOfAsync(name);

        var response = await ChangeAsync(token, TestDistrict.Password, newPassword, repeat);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {response.StatusCode}");
        Assert.Equal(field, (await ProblemAsync(response)).GetProperty("field").GetString());
        Assert.Equal(stamp, await StampOfAsync(name));
    }

    [Fact]
    public async Task ChangePassword_RightCurrentPassword_OtherSessionsAndTokensEndThisTokenGoesOnAndItIsAudited()
    {
        var name = await _signing.NewUserAsync("change");
        var token = await _signing.TokenAsync(name);
        var otherToken = await _signing.TokenAsync(name);
        var cookies = (await _signing.BrowserSignInAsync(name))!;
        using var client = _signing.Client();
        Assert.Equal(HttpStatusCode.OK, (await Signing.SendAsync(client, HttpMethod.Get, "/api/v1/grids", cookies)).StatusCode);

        var response = await ChangeAsync(token, TestDistrict.Password, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Signing.SendAsync(client, HttpMethod.Get, "/api/v1/grids", token: token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Signing.SendAsync(client, HttpMethod.Get, "/api/v1/grids", token: otherToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Signing.SendAsync(client, HttpMethod.Get, "/api/v1/grids", cookies)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _signing.TryTokenAsync(name, NewPassword)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _signing.TryTokenAsync(name, TestDistrict.Password)).Status);
        var id = await IdOfAsync(name);
        Assert.True(await App.InDatabaseAsync(db => db.AuditEntries.AnyAsync(
            e => e.EntityType == nameof(User) && e.EntityKey == id.ToString() && e.Action == "modified" && e.Actor == name, Ct)));
    }

    [Fact]
    public async Task PasswordPage_RightPassword_HomeWithANewCookieForThisSessionAndTheOtherSessionEnded()
    {
        var name = await _signing.NewUserAsync("form");
        var cookies = (await _signing.BrowserSignInAsync(name))!;
        var other = (await _signing.BrowserSignInAsync(name))!;
        using var client = _signing.Client();

        var response = await Signing.PostPageFormAsync(client, "/account/password", "/account/password", cookies, new()
        {
            ["currentPassword"] = TestDistrict.Password, ["newPassword"] = NewPassword, ["repeatPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var renewed = Signing.WithNewSignIn(cookies, response);
        Assert.Equal(HttpStatusCode.OK, (await Signing.SendAsync(client, HttpMethod.Get, "/api/v1/grids", renewed)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Signing.SendAsync(client, HttpMethod.Get, "/api/v1/grids", other)).StatusCode);
        // A copy of the cookie from before the change carries the old stamp.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Signing.SendAsync(client, HttpMethod.Get, "/api/v1/grids", cookies)).StatusCode);
    }

    [Fact]
    public async Task PasswordPage_WrongCurrentPassword_BackToTheFormNamingTheFieldAndNothingChanged()
    {
        var name = await _signing.NewUserAsync("formbad");
        var cookies = (await _signing.BrowserSignInAsync(name))!;
        var stamp = await StampOfAsync(name);
        using var client = _signing.Client();

        var response = await Signing.PostPageFormAsync(client, "/account/password", "/account/password", cookies, new()
        {
            ["currentPassword"] = "not-my-password", ["newPassword"] = NewPassword, ["repeatPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/password?error=current_password_wrong&field=currentPassword", response.Headers.Location!.OriginalString);
        Assert.Equal(stamp, await StampOfAsync(name));
        Assert.Equal(HttpStatusCode.OK, (await Signing.SendAsync(client, HttpMethod.Get, "/api/v1/grids", cookies)).StatusCode);
    }

    [Fact]
    public async Task ResetPassword_ByStationChief_UserRefusedEverywhereButThePasswordChangeUntilChanged()
    {
        var name = await _signing.NewUserAsync("forced");
        var temporary = await ResetAsync(name);
        var token = await _signing.TokenAsync(name, temporary);
        using var client = _signing.Client();

        var refused = await Signing.SendAsync(client, HttpMethod.Get, "/api/v1/grids", token: token);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("password_change_required", (await ProblemAsync(refused)).GetProperty("code").GetString());
        var reused = await ChangeAsync(token, temporary, temporary, temporary);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal("password_unchanged", (await ProblemAsync(reused)).GetProperty("code").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await ChangeAsync(token, temporary, NewPassword, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Signing.SendAsync(client, HttpMethod.Get, "/api/v1/grids", token: token)).StatusCode);
        Assert.False(await App.InDatabaseAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.MustChangePassword).SingleAsync(Ct)));
    }

    [Fact]
    public async Task ResetPassword_BrowserSignsInWithTheTemporaryOne_EveryPageSendsItToThePasswordPage()
    {
        var name = await _signing.NewUserAsync("page");
        var cookies = (await _signing.BrowserSignInAsync(name, await ResetAsync(name)))!;
        using var client = _signing.Client();

        var home = await Signing.SendAsync(client, HttpMethod.Get, "/businesses", cookies);
        var page = await Signing.SendAsync(client, HttpMethod.Get, "/account/password", cookies);

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/password", home.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("password-forced", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_WithoutPassword_TheTemporaryOneMustBeChangedFirst()
    {
        using var station = await App.SignedInAsync("station");
        var name = $"new-{Guid.NewGuid():N}"[..20];
        var created = await station.PostAsJsonAsync("/api/v1/users", new { username = name, role = "Inspector", grid = TestDistrict.InspectorGrid }, Ct);
        var temporary = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("temporaryPassword").GetString()!;
        using var client = _signing.Client();

        var refused = await Signing.SendAsync(client, HttpMethod.Get, "/api/v1/grids", token: await _signing.TokenAsync(name, temporary));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("password_change_required", (await ProblemAsync(refused)).GetProperty("code").GetString());
    }

    private async Task<string> ResetAsync(string name)
    {
        using var station = await App.SignedInAsync("station");
        var response = await station.PostCurrentAsync($"/api/v1/users/{await IdOfAsync(name)}", "reset-password", new { }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("temporaryPassword").GetString()!;
    }

    private async Task<HttpResponseMessage> ChangeAsync(string token, string current, string newPassword, string repeat)
    {
        using var client = _signing.Client();
        return await Signing.SendAsync(client, HttpMethod.Post, "/api/v1/me/password", token: token,
            content: JsonContent.Create(new { currentPassword = current, newPassword, repeatPassword = repeat }));
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    private Task<string> StampOfAsync(string user) =>
        App.InDatabaseAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.SecurityStamp).SingleAsync(Ct));

    private Task<Guid> IdOfAsync(string user) => App.InDatabaseAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync(Ct));
}

[Collection("sqlite")]
public sealed class SqlitePasswordChangeTests(SqliteApp app) : PasswordChangeSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresPasswordChangeTests(PostgresApp app) : PasswordChangeSpecification(app), IClassFixture<PostgresApp>;
