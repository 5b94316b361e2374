using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Auth;

/// <summary>
/// A state change that rides on the browser's sign-in cookie needs the page's antiforgery token, so another page on
/// the same host (another port counts as the same site) cannot drive an import or an edit as the signed-in user.
/// Bearer clients are not asked for one. The test district's west street has a north and a south grid.
/// </summary>
public abstract partial class AntiforgerySpecification(AppFixture app) : ApiSpecification(app)
{
    private const string Header = "统一社会信用代码,名称,主体类型,行业,地址,经度,纬度,成立日期";

    private static string Ledger(int n) => $"{Header}\n{TestDistrict.Code(n)},跨站导入{n},企业,餐饮服务,测试路{n}号,113.05,23.3,2020-01-01";

    private static string Borders(string northName) =>
        "{\"type\":\"FeatureCollection\",\"features\":[" + Square(TestDistrict.InspectorGrid, northName, 23.2, 23.4) + "," +
        Square("44011100100202", "西南网格", 23.0, 23.2) + "]}";

    private static string Square(string code, string name, double s, double n) =>
        FormattableString.Invariant($"{{\"type\":\"Feature\",\"properties\":{{\"code\":\"{code}\",\"name\":\"{name}\",\"parent\":\"{TestDistrict.WestStreet}\"}},") +
        FormattableString.Invariant($"\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[113.0,{s}],[113.2,{s}],[113.2,{n}],[113.0,{n}],[113.0,{s}]]]}}}}");

    private static MultipartFormDataContent Upload(string content, string fileName)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName);
        return form;
    }

    /// <summary>A browser's session: signed in through the login form, holding the cookies and the token its pages carry.</summary>
    private sealed class Browser(HttpClient client, string pageToken) : IDisposable
    {
        public HttpClient Client { get; } = client;
        public string PageToken { get; } = pageToken;
        public void Dispose() => Client.Dispose();
    }

    private async Task<Browser> SignInThroughFormAsync(string user)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };
        var login = await client.GetStringAsync("/login", Ct);
        var formToken = FormToken().Match(login).Groups[1].Value;
        using var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user, ["password"] = TestDistrict.Password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(formToken),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var home = await client.GetStringAsync("/", Ct);
        var pageToken = MetaToken().Match(home);
        Assert.True(pageToken.Success, "every page names the antiforgery token for its own scripts");
        return new Browser(client, WebUtility.HtmlDecode(pageToken.Groups[1].Value));
    }

    private Task<int> BusinessesCalledAsync(string prefix) =>
        App.InDatabaseAsync(db => db.Businesses.CountAsync(b => b.Name.StartsWith(prefix), Ct));

    private Task<string> NorthGridNameAsync() =>
        App.InDatabaseAsync(db => db.Grids.Where(g => g.Code == TestDistrict.InspectorGrid).Select(g => g.Name).SingleAsync(Ct));

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("antiforgery_token_invalid", problem.GetProperty("code").GetString());
        Assert.Equal("RequestVerificationToken", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task BusinessImport_CookieWithoutToken_RefusedAndNothingSaved()
    {
        using var browser = await SignInThroughFormAsync("station");
        var runs = await App.InDatabaseAsync(db => db.ImportRuns.CountAsync(Ct));

        using var response = await browser.Client.PostAsync("/api/v1/businesses/import", Upload(Ledger(7101), "ledger.csv"), Ct);

        await AssertRefusedAsync(response);
        Assert.Equal(0, await BusinessesCalledAsync("跨站导入7101"));
        Assert.Equal(runs, await App.InDatabaseAsync(db => db.ImportRuns.CountAsync(Ct)));
    }

    [Fact]
    public async Task BusinessImport_CookieWithAnotherSessionsToken_Refused()
    {
        using var browser = await SignInThroughFormAsync("station");
        using var other = await SignInThroughFormAsync("bureau");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/businesses/import") { Content = Upload(Ledger(7102), "ledger.csv") };
        request.Headers.Add("RequestVerificationToken", other.PageToken);

        using var response = await browser.Client.SendAsync(request, Ct);

        await AssertRefusedAsync(response);
        Assert.Equal(0, await BusinessesCalledAsync("跨站导入7102"));
    }

    [Fact]
    public async Task BusinessImport_CookieWithPageToken_Saved()
    {
        using var browser = await SignInThroughFormAsync("station");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/businesses/import") { Content = Upload(Ledger(7103), "ledger.csv") };
        request.Headers.Add("RequestVerificationToken", browser.PageToken);

        using var response = await browser.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await BusinessesCalledAsync("跨站导入7103"));
    }

    [Fact]
    public async Task BusinessImport_BearerWithoutToken_Saved()
    {
        using var station = await App.SignedInAsync("station");

        using var response = await station.PostAsync("/api/v1/businesses/import", Upload(Ledger(7104), "ledger.csv"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await BusinessesCalledAsync("跨站导入7104"));
    }

    [Fact]
    public async Task GridImportAndCheck_CookieWithoutToken_RefusedAndNothingSaved()
    {
        using var browser = await SignInThroughFormAsync("station");
        var versions = await App.InDatabaseAsync(db => db.GridBorderVersions.CountAsync(Ct));
        var name = await NorthGridNameAsync();

        using var import = await browser.Client.PostAsync("/api/v1/grids/import", Upload(Borders("跨站改名"), "west.geojson"), Ct);
        using var check = await browser.Client.PostAsync("/api/v1/grids/check", Upload(Borders("跨站改名"), "west.geojson"), Ct);

        await AssertRefusedAsync(import);
        await AssertRefusedAsync(check);
        Assert.Equal(name, await NorthGridNameAsync());
        Assert.Equal(versions, await App.InDatabaseAsync(db => db.GridBorderVersions.CountAsync(Ct)));
    }

    [Fact]
    public async Task GridCheck_BearerWithoutToken_Checked()
    {
        using var station = await App.SignedInAsync("station");

        using var response = await station.PostAsync("/api/v1/grids/check", Upload(Borders("西北网格"), "west.geojson"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task BusinessChange_CookieWithoutToken_RefusedAndUnchanged()
    {
        using var browser = await SignInThroughFormAsync("station");
        var (id, name) = await App.InDatabaseAsync(async db =>
            await db.Businesses.OrderBy(b => b.Id).Select(b => new ValueTuple<Guid, string>(b.Id, b.Name)).FirstAsync(Ct));

        using var response = await browser.Client.PutAsJsonAsync($"/api/v1/businesses/{id}", new { name = "跨站改名" }, Ct);

        await AssertRefusedAsync(response);
        Assert.Equal(name, await App.InDatabaseAsync(db => db.Businesses.Where(b => b.Id == id).Select(b => b.Name).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Read_CookieWithoutToken_Answered()
    {
        using var browser = await SignInThroughFormAsync("station");
        using var response = await browser.Client.GetAsync("/api/v1/businesses?pageSize=1", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Logout_WithoutToken_RefusedAndTheSessionStillSignedIn_WithFormToken_SignedOut()
    {
        using var browser = await SignInThroughFormAsync("station");

        using var forged = await browser.Client.PostAsync("/account/logout", new FormUrlEncodedContent([]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using (var still = await browser.Client.GetAsync("/api/v1/businesses?pageSize=1", Ct))
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);

        using var logout = await browser.Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = browser.PageToken,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.EndsWith("/login", logout.Headers.Location?.ToString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<meta name=\"request-verification-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaToken();
}

[Collection("sqlite")]
public sealed class SqliteAntiforgeryTests(SqliteApp app) : AntiforgerySpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresAntiforgeryTests(PostgresApp app) : AntiforgerySpecification(app), IClassFixture<PostgresApp>;
