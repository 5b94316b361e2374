using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Imports;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Businesses;

/// <summary>
/// Every file of <see cref="LedgerFileCorpus"/> gets a 4xx or a report, never a 5xx; a refused file changes nothing
/// (businesses, versions, ratings, audit entries, import runs); a report saves exactly the rows it counts as created
/// and its run ends Completed, never left Running.
/// </summary>
public abstract class LedgerFileCorpusSpecification(AppFixture app) : ApiSpecification(app)
{
    public static TheoryData<string> Cases => new(LedgerFileCorpus.Cases.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Import_CorpusFile_NeverServerError_AndTheDatabaseMatchesTheAnswer(string name)
    {
        var c = LedgerFileCorpus.Cases[name];
        using var bureau = await App.SignedInAsync("bureau");
        var before = await CountsAsync();

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(c.File());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", c.FileName);
        if (c.Mapping is not null) form.Add(new ByteArrayContent(c.Mapping()), "mapping", "mapping.json");
        var response = await bureau.PostAsync("/api/v1/businesses/import" + c.Query, form, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var status = (int)response.StatusCode;
        var shown = text.Length > 600 ? text[..600] : text;

        Assert.True(status < 500, $"{name}: {status} {shown}");
        var after = await CountsAsync();
        Assert.Equal(0, after.Running);
        var body = JsonDocument.Parse(text).RootElement;
        if (status is >= 400 and not 422)
        {
            Assert.True(c.Expect is Expect.Refused or Expect.NoServerError, $"{name}: refused with {status} {shown}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(body.TryGetProperty("field", out var field), $"{name}: the problem names no field: {shown}");
            if (c.Field is not null) Assert.Equal(c.Field, field.GetString());
            Assert.True(text.Length < 8000, $"{name}: the problem echoes the input ({text.Length} characters)");
            Assert.Equal(before, after);
            return;
        }
        Assert.True(c.Expect is Expect.Rows or Expect.Saved or Expect.NoServerError, $"{name}: expected a refusal, got {status} {shown}");
        if (c.Expect == Expect.Rows) Assert.Equal(422, status);
        if (c.Expect == Expect.Saved) Assert.True(status == 200, $"{name}: {status} {shown}");
        var created = body.GetProperty("created").GetInt32();
        if (c.Created is { } expected) Assert.Equal(expected, created);
        Assert.Equal(before.Businesses + created, after.Businesses);
        Assert.Equal(nameof(ImportStatus.Completed), body.GetProperty("status").GetString());
        var problems = body.GetProperty("problems").EnumerateArray().Select(p => (Line: p.GetProperty("line").GetInt32(), Code: p.GetProperty("code").GetString())).ToList();
        Assert.All(problems, p => Assert.True(p.Line > 0, $"{name}: a problem without its line"));
        if (status == 422) Assert.NotEmpty(problems);
        if (c.ProblemLine is { } line) Assert.Contains(problems, p => p.Line == line && (c.ProblemCode is null || p.Code == c.ProblemCode));
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "/api/v1/businesses/import", "no file part" },
        { "/api/v1/businesses/import", "a JSON body" },
        { "/api/v1/businesses/import", "the file under another name" },
        { "/api/v1/businesses/import", "an empty mapping part" },
        { "/api/v1/grids/check", "no file part" },
        { "/api/v1/grids/check", "a JSON body" },
        { "/api/v1/grids/import", "the file under another name" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Upload_MalformedRequest_ClientErrorAndNothingSaved(string url, string shape)
    {
        using var bureau = await App.SignedInAsync("bureau");
        var before = await CountsAsync();
        HttpContent content = shape switch
        {
            "no file part" => new MultipartFormDataContent { { new StringContent("x"), "note" } },
            "a JSON body" => new StringContent("{\"file\":\"ledger.csv\"}", System.Text.Encoding.UTF8, "application/json"),
            "the file under another name" => new MultipartFormDataContent { { new ByteArrayContent("a,b"u8.ToArray()), "upload", "ledger.csv" } },
            _ => new MultipartFormDataContent
            {
                { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("统一社会信用代码,名称\n" + LedgerFileCorpus.Row(599_999))), "file", "ledger.csv" },
                { new ByteArrayContent([]), "mapping", "mapping.json" },
            },
        };

        var response = await bureau.PostAsync(url, content, Ct);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(before, await CountsAsync());
    }

    private sealed record Counts(int Businesses, int Versions, int Ratings, int Audit, int Runs, int Running);

    private Task<Counts> CountsAsync() => App.InDatabaseAsync(async db => new Counts(
        await db.Businesses.IgnoreQueryFilters().CountAsync(Ct), await db.BusinessVersions.IgnoreQueryFilters().CountAsync(Ct),
        await db.RiskRatings.IgnoreQueryFilters().CountAsync(Ct), await db.AuditEntries.CountAsync(Ct),
        await db.ImportRuns.IgnoreQueryFilters().CountAsync(Ct), await db.ImportRuns.IgnoreQueryFilters().CountAsync(r => r.Status == ImportStatus.Running, Ct)));
}

[Collection("sqlite")]
public sealed class SqliteLedgerFileCorpusTests(SqliteApp app) : LedgerFileCorpusSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresLedgerFileCorpusTests(PostgresApp app) : LedgerFileCorpusSpecification(app), IClassFixture<PostgresApp>;
