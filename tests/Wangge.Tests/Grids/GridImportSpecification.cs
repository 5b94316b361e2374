using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Grids;

/// <summary>
/// Border imports: checked before anything is saved, saved whole or not at all, and every business re-placed.
/// The test district's west street (113.0–113.2 E, 23.0–23.4 N) has a north and a south grid.
/// </summary>
public abstract class GridImportSpecification(AppFixture app) : ApiSpecification(app)
{
    private static string Square(string code, string name, double w, double s, double e, double n) =>
        FormattableString.Invariant($"{{\"type\":\"Feature\",\"properties\":{{\"code\":\"{code}\",\"name\":\"{name}\",\"parent\":\"{TestDistrict.WestStreet}\"}},") +
        FormattableString.Invariant($"\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{w},{s}],[{e},{s}],[{e},{n}],[{w},{n}],[{w},{s}]]]}}}}");

    private static string Collection(params string[] features) => "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", features) + "]}";

    private async Task<HttpResponseMessage> PostAsync(string path, string geojson)
    {
        using var bureau = await App.SignedInAsync("bureau");
        var form = new MultipartFormDataContent();
        var file = new StringContent(geojson, Encoding.UTF8);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
        form.Add(file, "file", "west.geojson");
        return await bureau.PostAsync(path, form, Ct);
    }

    [Fact]
    public async Task Import_OverlapAndGap_RefusedWithBothProblemsAndNothingSaved()
    {
        // The north grid reaches 0.01° into the south one; the south grid stops 0.02° short of the street's west edge.
        var bad = Collection(
            Square(TestDistrict.InspectorGrid, "西北网格", 113.0, 23.19, 113.2, 23.4),
            Square("44011100100202", "西南网格", 113.02, 23.0, 113.2, 23.2));
        var before = await App.InDatabaseAsync(db => db.GridBorderVersions.CountAsync(Ct));

        var response = await PostAsync("/api/v1/grids/import", bad);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var kinds = report.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("kind").GetString()).ToList();
        Assert.Contains("Overlap", kinds);
        Assert.Contains("Gap", kinds);
        Assert.All(report.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("kind").GetString() is "Overlap" or "Gap"),
            p => Assert.Equal("Polygon", p.GetProperty("location").GetProperty("type").GetString()));
        Assert.False(report.GetProperty("saved").GetBoolean());
        Assert.Equal(before, await App.InDatabaseAsync(db => db.GridBorderVersions.CountAsync(Ct)));
    }

    [Fact]
    public async Task Import_CorrectedFile_SavedAsNewBorderVersionsAndBusinessesReplaced()
    {
        // The same two grids with the line between them moved south to 23.25: the north grid grows.
        var good = Collection(
            Square(TestDistrict.InspectorGrid, "西北网格", 113.0, 23.25, 113.2, 23.4),
            Square("44011100100202", "西南网格", 113.0, 23.0, 113.2, 23.25));
        var check = await PostAsync("/api/v1/grids/check", good);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);

        var response = await PostAsync("/api/v1/grids/import", good);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(report.GetProperty("saved").GetBoolean());
        Assert.Equal(2, report.GetProperty("redrawn").GetInt32());
        Assert.Equal(0, await App.InDatabaseAsync(db => db.Businesses.CountAsync(b => b.GridId == null, Ct)));
        var history = await App.InDatabaseAsync(db => db.GridBorderVersions.Where(v => v.Reason == "border import").CountAsync(Ct));
        Assert.Equal(2, history);
        using var bureau = await App.SignedInAsync("bureau");
        var versions = await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/grids/{TestDistrict.InspectorGrid}/history", Ct);
        Assert.Equal(JsonValueKind.Array, versions.ValueKind);
        Assert.True(versions.GetArrayLength() >= 1);
    }

    [Fact]
    public async Task Import_NotABorderFile_BadRequestNamingFile()
    {
        var response = await PostAsync("/api/v1/grids/import", "this is not json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("file", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Check_StationChiefDrawsAnotherStreet_RefusedAsOutsideTheirArea()
    {
        using var station = await App.SignedInAsync("station");
        var form = new MultipartFormDataContent();
        form.Add(new StringContent(Collection(Square(TestDistrict.OtherGrid, "东北网格", 113.2, 23.2, 113.4, 23.4).Replace(TestDistrict.WestStreet, TestDistrict.EastStreet)),
            Encoding.UTF8), "file", "east.geojson");
        var response = await station.PostAsync("/api/v1/grids/check", form, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var kinds = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("problems").EnumerateArray()
            .Select(p => p.GetProperty("kind").GetString());
        Assert.Contains("OutsideYourArea", kinds);
    }

    /// <summary>A tiny triangle inside the east street, which is not the west street's station chief's to draw.</summary>
    private const string ForeignTriangle = $$$"""
        {"type":"Feature","properties":{"code":"44011100200199","name":"小三角","parent":"{{{TestDistrict.EastStreet}}}"},
         "geometry":{"type":"Polygon","coordinates":[[[113.3,23.3],[113.301,23.3],[113.3,23.301],[113.3,23.3]]]}}
        """;

    private async Task<List<JsonElement>> StationChecksAsync(string geojson)
    {
        using var station = await App.SignedInAsync("station");
        using var form = new MultipartFormDataContent { { new StringContent(geojson, Encoding.UTF8), "file", "mixed.geojson" } };
        var response = await station.PostAsync("/api/v1/grids/check", form, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("problems").EnumerateArray().ToList();
    }

    /// <summary>Every problem's place lies in the west street (113.0–113.2 E), the station chief's area.</summary>
    private static void AssertNothingEastOfTheWestStreet(List<JsonElement> problems)
    {
        foreach (var p in problems)
        {
            if (!p.TryGetProperty("location", out var location) || location.ValueKind == JsonValueKind.Null) continue;
            var longitudes = Longitudes(location.GetProperty("coordinates")).ToList();
            Assert.All(longitudes, lon => Assert.True(lon <= 113.2 + 1e-9, $"{p.GetProperty("kind")} shows {lon} E, outside the caller's area"));
        }
    }

    private static IEnumerable<double> Longitudes(JsonElement coordinates) =>
        coordinates[0].ValueKind == JsonValueKind.Number ? [coordinates[0].GetDouble()] : coordinates.EnumerateArray().SelectMany(Longitudes);

    [Fact]
    public async Task Check_TriangleUnderAForeignParent_RefusedByNameWithoutTheForeignParentsBorder()
    {
        var problems = await StationChecksAsync(Collection(ForeignTriangle));

        var outside = Assert.Single(problems);
        Assert.Equal("OutsideYourArea", outside.GetProperty("kind").GetString());
        Assert.Equal("44011100200199", outside.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, outside.GetProperty("location").ValueKind);
    }

    [Fact]
    public async Task Check_OwnGridsWithAGapBesideAForeignTriangle_ProblemsShowOnlyTheCallersArea()
    {
        var problems = await StationChecksAsync(Collection(
            ForeignTriangle,
            Square(TestDistrict.InspectorGrid, "西北网格", 113.0, 23.25, 113.2, 23.4),
            Square("44011100100202", "西南网格", 113.0, 23.0, 113.2, 23.2)));

        var kinds = problems.Select(p => p.GetProperty("kind").GetString()).ToList();
        Assert.Contains("OutsideYourArea", kinds);
        Assert.Contains("Gap", kinds);
        Assert.DoesNotContain(problems, p => p.GetProperty("code").GetString() is TestDistrict.EastStreet or TestDistrict.OtherGrid);
        AssertNothingEastOfTheWestStreet(problems);
    }

    [Fact]
    public async Task Check_MalformedMapping_BadRequestNamingMapping()
    {
        using var bureau = await App.SignedInAsync("bureau");
        using var form = new MultipartFormDataContent { { new StringContent(Collection(), Encoding.UTF8), "file", "x.geojson" } };
        var response = await bureau.PostAsync("/api/v1/grids/check?mapping=code", form, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("mapping", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Check_BorderOf200000Vertices_RefusedNamingTheLimit()
    {
        var ring = string.Join(",", Enumerable.Range(0, 200_001).Select(i => FormattableString.Invariant(
            $"[{113.1 + 0.05 * Math.Cos(2 * Math.PI * (i % 200_000) / 200_000):F7},{23.3 + 0.05 * Math.Sin(2 * Math.PI * (i % 200_000) / 200_000):F7}]")));
        var circle = $$$"""{"type":"Feature","properties":{"code":"{{{TestDistrict.InspectorGrid}}}","name":"圆","parent":"{{{TestDistrict.WestStreet}}}"},"geometry":{"type":"Polygon","coordinates":[[{{{ring}}}]]}}""";

        var response = await PostAsync("/api/v1/grids/check", Collection(circle));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("problems").EnumerateArray()
            .First(p => p.GetProperty("kind").GetString() == "Unreadable");
        Assert.Contains("MaxVerticesPerFeature", problem.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Import_ByInspector_Forbidden()
    {
        using var inspector = await App.SignedInAsync("inspector");
        var form = new MultipartFormDataContent { { new StringContent(Collection()), "file", "x.geojson" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsync("/api/v1/grids/import", form, Ct)).StatusCode);
    }

    [Fact]
    public async Task Business_OnTheSharedBorderOfTwoGrids_PlacedInTheSameGridEveryTime()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var placed = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            // 113.2 E is the line between the west and east streets; 23.3 N lies inside both north grids' edges.
            var body = new { creditCode = TestDistrict.Code(700 + i), name = $"边界商户{i}", kind = "Enterprise", sector = "Retail", address = "边界路1号", lon = 113.2, lat = 23.3 };
            var response = await bureau.PostAsJsonAsync("/api/v1/businesses", body, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            placed.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("gridCode").GetString());
        }
        Assert.All(placed, code => Assert.Equal(TestDistrict.InspectorGrid, code));
    }

    [Fact]
    public async Task Export_GeoJson_HoldsTheCallersSubtree()
    {
        using var station = await App.SignedInAsync("station");
        var doc = await station.GetFromJsonAsync<JsonElement>("/api/v1/grids/export?format=GeoJson", Ct);
        var codes = doc.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("code").GetString()).ToList();
        Assert.Contains(TestDistrict.WestStreet, codes);
        Assert.DoesNotContain(TestDistrict.EastStreet, codes);
    }

    [Fact]
    public async Task Check_WithAPropertyMappingThatIsNotOne_IsRefusedNamingTheMappingField()
    {
        var good = Collection(Square(TestDistrict.InspectorGrid, "西北网格", 113.0, 23.2, 113.2, 23.4));

        var response = await PostAsync("/api/v1/grids/check?mapping=adcode", good);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("property_mapping_invalid", "mapping"), (body.GetProperty("code").GetString(), body.GetProperty("field").GetString()));
    }
}

[Collection("sqlite")]
public sealed class SqliteGridImportTests(SqliteApp app) : GridImportSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresGridImportTests(PostgresApp app) : GridImportSpecification(app), IClassFixture<PostgresApp>;
