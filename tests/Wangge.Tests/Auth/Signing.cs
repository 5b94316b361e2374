using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Wangge.Core.People;
using Wangge.Tests.Infrastructure;
using Wangge.Users;

namespace Wangge.Tests.Auth;

/// <summary>
/// Signs accounts in the way a browser and an API client do, from a chosen loopback address, and keeps the
/// credentials so that a test can replay them after they should have stopped working.
/// </summary>
public sealed partial class Signing(AppFixture app)
{
    public const string OtherAddress = "127.0.0.2";

    /// <summary>A fresh inspector of its own, so a test can change or end it without touching other tests.</summary>
    public async Task<string> NewUserAsync(string prefix, Role role = Role.Inspector, string grid = TestDistrict.InspectorGrid)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..24];
        await AsAdministrationAsync(a => a.AddAsync(name, name, role, grid, null, TestDistrict.Password, default));
        return name;
    }

    /// <summary>Runs an administration step inside the web process, as the CLI would, as the system caller.</summary>
    public async Task AsAdministrationAsync(Func<UserAdministration, Task> step)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Wangge.Auth.CallerContext>().Set(Core.Common.Caller.System("test"));
        await step(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    public HttpClient Client(string? fromAddress = null)
    {
        var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        if (fromAddress is not null)
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(fromAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        return new HttpClient(handler) { BaseAddress = app.BaseAddress };
    }

    /// <summary>The status of a token request, and its body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> TryTokenAsync(string user, string password, string? fromAddress = null)
    {
        using var client = Client(fromAddress);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<string> TokenAsync(string user, string password = TestDistrict.Password)
    {
        using var client = Client();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("access_token").GetString()!;
    }

    /// <summary>Posts the login form as a browser does; the cookies on success, null when sent back to the form.</summary>
    public async Task<string?> BrowserSignInAsync(string user, string password = TestDistrict.Password, string? fromAddress = null)
    {
        using var client = Client(fromAddress);
        var (response, antiforgery) = await PostLoginAsync(client, user, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var auth = Cookies(response, "wangge.auth");
        return auth.Length == 0 ? null : $"{antiforgery}; {auth}";
    }

    /// <summary>The Set-Cookie header that a successful sign-in answers with.</summary>
    public async Task<string> SignInCookieHeaderAsync(string user)
    {
        using var client = Client();
        var (response, _) = await PostLoginAsync(client, user, TestDistrict.Password);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("wangge.auth=", StringComparison.Ordinal));
    }

    /// <summary>The login form's answer, and the antiforgery cookie the form came with.</summary>
    public static async Task<(HttpResponseMessage Response, string Antiforgery)> PostLoginAsync(HttpClient client, string user, string password)
    {
        var page = await client.GetAsync("/login");
        var antiforgery = Cookies(page);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = user, ["password"] = password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = FormToken(await page.Content.ReadAsStringAsync()),
        });
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = form };
        post.Headers.Add("Cookie", antiforgery);
        return (await client.SendAsync(post), antiforgery);
    }

    /// <summary>Signs the browser out with the page's own form (and its antiforgery token).</summary>
    public async Task BrowserSignOutAsync(string cookies)
    {
        using var client = Client();
        var home = await SendAsync(client, HttpMethod.Get, "/", cookies);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = FormToken(await home.Content.ReadAsStringAsync()) }),
        };
        post.Headers.Add("Cookie", cookies);
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Posts a page's form as the browser does: with the antiforgery token the page was served with.</summary>
    public static async Task<HttpResponseMessage> PostPageFormAsync(HttpClient client, string page, string action, string cookies,
        Dictionary<string, string> fields)
    {
        var form = await SendAsync(client, HttpMethod.Get, page, cookies);
        fields["__RequestVerificationToken"] = FormToken(await form.Content.ReadAsStringAsync());
        return await SendAsync(client, HttpMethod.Post, action, cookies, content: new FormUrlEncodedContent(fields));
    }

    /// <summary>The browser's cookies after <paramref name="response"/> set a new sign-in cookie.</summary>
    public static string WithNewSignIn(string cookies, HttpResponseMessage response) =>
        string.Join("; ", cookies.Split("; ").Where(c => !c.StartsWith("wangge.auth", StringComparison.Ordinal)).Append(Cookies(response, "wangge.auth")));

    /// <summary>A request with a browser's cookies or an API client's bearer token.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? cookies = null, string? token = null,
        HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (cookies is not null) request.Headers.Add("Cookie", cookies);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        return await client.SendAsync(request);
    }

    private static string Cookies(HttpResponseMessage response, string? prefix = null) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).Where(c => (prefix is null || c.StartsWith(prefix, StringComparison.Ordinal)) && !c.EndsWith('='))
            : []);

    private static string FormToken(string html) =>
        AntiforgeryInput().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
