using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Businesses;

/// <summary>Bad input gets a 400 problem+json naming the field, and changes nothing.</summary>
public abstract class BadInputSpecification(AppFixture app) : ApiSpecification(app)
{
    private static readonly string Valid = $$"""
        {"creditCode":"{{TestDistrict.Code(900)}}","name":"新开餐厅","kind":"Enterprise","sector":"Catering","scale":"Small",
         "address":"测试路1号","lon":113.05,"lat":23.3}
        """;

    public static TheoryData<string, string, string?> BadBodies => new()
    {
        { "malformed JSON", "{\"name\": ", null },
        { "wrong type", Valid.Replace("\"lon\":113.05", "\"lon\":\"east\""), "lon" },
        { "missing field", Valid.Replace("\"name\":\"新开餐厅\",", ""), "name" },
        { "over-long string", Valid.Replace("新开餐厅", new string('店', 201)), "name" },
        { "unknown enum value", Valid.Replace("\"Catering\"", "\"Spaceships\""), "sector" },
        { "bad credit code check character", Valid.Replace(TestDistrict.Code(900), TestDistrict.Code(900)[..17] + (TestDistrict.Code(900)[17] == '0' ? "1" : "0")), "creditCode" },
        { "latitude out of range", Valid.Replace("\"lat\":23.3", "\"lat\":123.3"), "lat" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task CreateBusiness_BadBody_ProblemNamingFieldAndNothingSaved(string why, string body, string? field)
    {
        using var bureau = await App.SignedInAsync("bureau");
        var (businesses, audit) = await CountsAsync();
        var response = await bureau.PostAsync("/api/v1/businesses", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        if (field is not null) Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal((businesses, audit), await CountsAsync());
    }

    [Fact]
    public async Task CreateBusiness_ValidBody_CreatedAndPlacedInGrid()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var response = await bureau.PostAsync("/api/v1/businesses", new StringContent(Valid.Replace(TestDistrict.Code(900), TestDistrict.Code(901)), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(TestDistrict.InspectorGrid, created.GetProperty("gridCode").GetString());
    }

    [Fact]
    public async Task CreateBusiness_DuplicateCreditCode_Conflict()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var body = Valid.Replace(TestDistrict.Code(900), TestDistrict.Code(1));
        var response = await bureau.PostAsync("/api/v1/businesses", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("creditCode", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Token_MissingPassword_ProblemNamingPassword()
    {
        using var client = App.Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "bureau" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("password", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task UnknownApiRoute_NotFoundAsJson()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var response = await bureau.GetAsync("/api/v1/no-such-thing", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownPage_NotFoundPage()
    {
        using var client = App.Anonymous();
        var response = await client.GetAsync("/no-such-page", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Search_PageSizeTooLarge_ProblemNamingPageSize()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var response = await bureau.GetAsync("/api/v1/businesses?pageSize=100000", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("pageSize", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
    }

    private Task<(int, int)> CountsAsync() =>
        App.InDatabaseAsync(async db => (await db.Businesses.CountAsync(Ct), await db.AuditEntries.CountAsync(Ct)));
}

[Collection("sqlite")]
public sealed class SqliteBadInputTests(SqliteApp app) : BadInputSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresBadInputTests(PostgresApp app) : BadInputSpecification(app), IClassFixture<PostgresApp>;
