using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Tests.Businesses;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Grids;

/// <summary>
/// Every file of <see cref="BorderFileCorpus"/> gets a 4xx or a report, never a 5xx, and none changes a grid, a border
/// version or a business's grid; and a grid code that cannot go into a file name is refused by the exports.
/// </summary>
public abstract class BorderFileCorpusSpecification(AppFixture app) : ApiSpecification(app)
{
    public static TheoryData<string> Cases => new(BorderFileCorpus.Cases.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Borders_CorpusFile_NeverServerError_AndNothingSaved(string name)
    {
        var c = BorderFileCorpus.Cases[name];
        using var bureau = await App.SignedInAsync("bureau");
        var before = await CountsAsync();

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(c.File());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", c.FileName);
        var response = await bureau.PostAsync($"/api/v1/grids/{c.Endpoint}{c.Query}", form, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var status = (int)response.StatusCode;
        var shown = text.Length > 600 ? text[..600] : text;

        Assert.True(status < 500, $"{name}: {status} {shown}");
        Assert.Equal(before, await CountsAsync());
        var body = JsonDocument.Parse(text).RootElement;
        switch (c.Expect)
        {
            case Expect.Refused:
                Assert.True(status == 400, $"{name}: {status} {shown}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                if (c.Field is not null) Assert.Equal(c.Field, body.GetProperty("field").GetString());
                Assert.True(text.Length < 8000, $"{name}: the problem echoes the input ({text.Length} characters)");
                break;
            case Expect.Rows:
                Assert.True(status == 422, $"{name}: {status} {shown}");
                Assert.False(body.GetProperty("saved").GetBoolean());
                Assert.NotEmpty(body.GetProperty("problems").EnumerateArray());
                break;
            case Expect.Saved:
                Assert.True(status == 200, $"{name}: {status} {shown}");
                break;
        }
    }

    public static TheoryData<string> BadExportUrls => new()
    {
        "/api/v1/grids/export?root=%E4%B8%AD%E6%96%87",
        "/api/v1/grids/export?root=440111%0D%0ASet-Cookie:%20x=1",
        "/api/v1/grids/export?root=440111%00",
        "/api/v1/grids/export?format=Kml",
        "/api/v1/ledger/%E4%B8%AD%E6%96%87/export",
        "/api/v1/ledger/440111%0D%0ASet-Cookie:%20x=1/export",
        "/api/v1/ledger/" + new string('9', 300) + "/export?format=csv",
        $"/api/v1/ledger/{TestDistrict.InspectorGrid}/export?format=pdf",
    };

    [Theory]
    [MemberData(nameof(BadExportUrls))]
    public async Task Export_GridCodeThatCannotBeAFileName_BadRequestNamingTheField(string url)
    {
        using var bureau = await App.SignedInAsync("bureau");
        var response = await bureau.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    private sealed record Counts(int Grids, int Versions, int Placed, string Borders);

    private Task<Counts> CountsAsync() => App.InDatabaseAsync(async db => new Counts(
        await db.Grids.IgnoreQueryFilters().CountAsync(g => g.ValidTo == null, Ct), await db.GridBorderVersions.IgnoreQueryFilters().CountAsync(Ct),
        await db.Businesses.IgnoreQueryFilters().CountAsync(b => b.GridId != null, Ct),
        string.Join(";", (await db.Grids.IgnoreQueryFilters().Where(g => g.ValidTo == null).OrderBy(g => g.Code).ToListAsync(Ct)).Select(g => $"{g.Code}:{g.Name}:{g.Border.EnvelopeInternal}"))));
}

[Collection("sqlite")]
public sealed class SqliteBorderFileCorpusTests(SqliteApp app) : BorderFileCorpusSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresBorderFileCorpusTests(PostgresApp app) : BorderFileCorpusSpecification(app), IClassFixture<PostgresApp>;
