using System.Net;
using Wangge.Hosting;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Hosting;

/// <summary>
/// Every answer, page or API, limits what a browser may do with it: only the app's own script files run (no inline
/// script, no inline event handler, so a name that reached markup as HTML still cannot execute), no plugins, no
/// framing, no foreign base or form targets, no MIME sniffing, and no full URL sent to other sites.
/// </summary>
public abstract class SecurityHeadersSpecification(AppFixture app) : ApiSpecification(app)
{
    public static TheoryData<string, bool> Answers => new()
    {
        { "/login", false },                         // a page
        { "/api/v1/businesses?pageSize=1", true },   // an API answer
        { "/api/v1/businesses", false },             // an API refusal (401)
        { "/api/v1/no-such-operation", true },       // problem+json from the fallback
        { "/no-such-page", false },                  // the 404 page
        { "/js/map.js", false },                     // a static file
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Answer_AnyKind_CarriesContentSecurityPolicyNosniffAndReferrerPolicy(string path, bool signedIn)
    {
        using var client = signedIn ? await App.SignedInAsync("station") : App.Anonymous();

        using var response = await client.GetAsync(path, Ct);

        var csp = Directives(Single(response, "Content-Security-Policy"));
        Assert.Equal(["'self'"], csp["script-src"]);
        Assert.Equal(["'none'"], csp["object-src"]);
        Assert.Equal(["'self'"], csp["base-uri"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal(["'self'"], csp["form-action"]);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Contains(Single(response, "Referrer-Policy"), new[] { "same-origin", "strict-origin-when-cross-origin", "no-referrer" });
    }

    private static string Single(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values),
            $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri} has no {name} header");
        return Assert.Single(values);
    }

    private static Dictionary<string, string[]> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);
}

[Collection("sqlite")]
public sealed class SqliteSecurityHeadersTests(SqliteApp app) : SecurityHeadersSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresSecurityHeadersTests(PostgresApp app) : SecurityHeadersSpecification(app), IClassFixture<PostgresApp>;

/// <summary>A configured tile server may serve map images, and nothing else leaks into the policy from its URL.</summary>
public sealed class TileSourceTests
{
    [Theory]
    [InlineData("", null)]
    [InlineData("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.org")]
    [InlineData("https://tiles.example.org:8443/{z}/{x}/{y}.png", "https://tiles.example.org:8443")]
    [InlineData("https://tile{s}.example.org/{z}/{x}/{y}.png", "https:")]      // no valid wildcard: the scheme only
    [InlineData("https://evil.example; script-src *", "https:")]              // a policy cannot be smuggled in
    [InlineData("tiles/{z}/{x}/{y}.png", null)]                                 // same origin: 'self' covers it
    public void TileSource_Template_OriginForImgSrc(string template, string? expected) =>
        Assert.Equal(expected, SecurityHeaders.TileSource(template));

    [Fact]
    public void Policy_WithTiles_AllowsThemAsImagesOnly()
    {
        var policy = SecurityHeaders.Policy("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png");
        Assert.Contains("img-src 'self' data: https://*.tile.openstreetmap.org;", policy);
        Assert.Contains("script-src 'self';", policy);
    }
}
