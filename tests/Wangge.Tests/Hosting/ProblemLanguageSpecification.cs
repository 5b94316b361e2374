using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Hosting;

/// <summary>
/// A refusal's detail is in the language the client asked for: Chinese for the pages' culture or an Accept-Language that
/// prefers zh, the domain's English otherwise. Its code and field are the same in every language.
/// </summary>
public abstract class ProblemLanguageSpecification(AppFixture app) : ApiSpecification(app)
{
    private async Task<(JsonElement Body, string? Language)> RefusedPlanAsync(Action<HttpRequestMessage> ask)
    {
        using var client = await App.SignedInAsync("bureau");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/grids/plan")
        {
            Content = JsonContent.Create(new { parent = TestDistrict.WestStreet, count = 999, @base = "Squares", cellKm = 5 }),
        };
        ask(request);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
        Assert.Equal(("count_out_of_range", "count"), (body.GetProperty("code").GetString(), body.GetProperty("field").GetString()));
        return (body, response.Content.Headers.ContentLanguage.SingleOrDefault());
    }

    [Fact]
    public async Task AcceptLanguagePreferringChinese_DetailIsTheChineseSentence()
    {
        var (body, language) = await RefusedPlanAsync(r => r.Headers.TryAddWithoutValidation("Accept-Language", "en;q=0.5, zh-CN;q=0.9"));
        Assert.Equal("网格数量须至少为 1，且不超过基础单元的数量。", body.GetProperty("detail").GetString());
        Assert.Equal(body.GetProperty("detail").GetString(), body.GetProperty("errors").GetProperty("count")[0].GetString());
        Assert.Equal("zh-CN", language);
    }

    [Fact]
    public async Task PagesCultureCookie_DetailIsTheChineseSentence()
    {
        var (body, _) = await RefusedPlanAsync(r => r.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dzh-CN%7Cuic%3Dzh-CN"));
        Assert.StartsWith("网格数量", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en-US,en;q=0.9")]
    public async Task NoLanguageOrEnglish_DetailIsTheDomainsEnglishSentence(string? acceptLanguage)
    {
        var (body, _) = await RefusedPlanAsync(r => { if (acceptLanguage is not null) r.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage); });
        Assert.StartsWith("'count' must be 1–", body.GetProperty("detail").GetString());
    }
    [Theory]
    [InlineData("zh-CN", "无法读取边界文件 counties.json：这是 TopoJSON，不是 GeoJSON；请先转换（例如用 topojson-client 的 topo2geo）。")]
    [InlineData("en-US", "The border file counties.json cannot be read: this is TopoJSON, not GeoJSON; convert it first (e.g. topojson-client's topo2geo)")]
    public async Task UnreadableBorderFile_DetailSaysWhyInTheAskedLanguage(string acceptLanguage, string detail)
    {
        using var bureau = await App.SignedInAsync("bureau");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("{\"type\":\"Topology\",\"objects\":{}}", System.Text.Encoding.UTF8), "file", "counties.json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/grids/check") { Content = form };
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        using var response = await bureau.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(("border_file_unusable", "file"), (body.GetProperty("code").GetString(), body.GetProperty("field").GetString()));
        Assert.Equal(detail, body.GetProperty("detail").GetString());
    }
}

[Collection("sqlite")]
public sealed class SqliteProblemLanguageTests(SqliteApp app) : ProblemLanguageSpecification(app), IClassFixture<SqliteApp>;
