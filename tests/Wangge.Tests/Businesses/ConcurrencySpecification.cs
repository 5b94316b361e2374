using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Common;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Businesses;

/// <summary>
/// No lost update: a business carries its version as an ETag, a write names the version it was made from, and of two
/// writers of one version the second is refused with the current one; the history holds exactly the saved writes.
/// </summary>
public abstract class ConcurrencySpecification(AppFixture app) : ApiSpecification(app)
{
    private static string Record(Guid id) => $"/api/v1/businesses/{id}";

    private async Task<Guid> CreateAsync(HttpClient client, int n)
    {
        var response = await client.PostAsJsonAsync("/api/v1/businesses", new
        {
            creditCode = TestDistrict.Code(n), name = $"并发餐厅{n}", kind = "Enterprise", sectors = new[] { "Catering" }, scale = "Small",
            address = "并发路1号", lon = 113.05, lat = 23.3, openedOn = "2020-05-01", contactPerson = "张三", contactPhone = "13800138000",
            licences = new[] { new { kind = "FoodBusiness", number = "JY0000000000001", issuedOn = "2020-05-01", expiresOn = "2030-04-30" } },
        }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private Task<int> VersionCountAsync(Guid id) => App.InDatabaseAsync(db => db.BusinessVersions.CountAsync(v => v.BusinessId == id, Ct));

    /// <summary>The latest version's snapshot, field by field as the API names them.</summary>
    private async Task<JsonElement> LatestVersionAsync(HttpClient client, Guid id) =>
        await client.GetFromJsonAsync<JsonElement>($"{Record(id)}/as-of?at={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}", Ct);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Writes until one is saved, re-reading the version after each refusal, as a client that reloads does.</summary>
    private static async Task<int> WriteUntilSavedAsync(HttpClient client, Guid id, object body)
    {
        for (var refusals = 0; ; refusals++)
        {
            using var response = await client.PutCurrentAsync(Record(id), body, Ct);
            if (response.StatusCode == HttpStatusCode.OK) return refusals;
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync(Ct));
        }
    }

    [Fact]
    public async Task Get_AnswersTheVersionAsETag_AndInTheBody()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var id = await CreateAsync(bureau, 7001);
        using var response = await bureau.GetAsync(Record(id), Ct);
        Assert.Equal(new EntityTagHeaderValue("\"1\""), response.Headers.ETag);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32());
        using var saved = await bureau.PutCurrentAsync(Record(id), new { name = "改名餐厅" }, Ct);
        Assert.Equal(("\"2\"", 2), (saved.Headers.ETag?.Tag, (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task TwoWriters_SameVersion_DifferentFields_OneSavedOtherRefusedWithCurrentVersion()
    {
        using var first = await App.SignedInAsync("bureau");
        using var second = await App.SignedInAsync("station");
        var id = await CreateAsync(first, 7002);
        var tag = await first.ETagOfAsync(Record(id), Ct);
        Assert.Equal(tag, await second.ETagOfAsync(Record(id), Ct));

        var answers = await Task.WhenAll(
            first.SendWithIfMatchAsync(HttpMethod.Put, Record(id), new { name = "甲改的名" }, tag, Ct),
            second.SendWithIfMatchAsync(HttpMethod.Put, Record(id), new { contactPhone = "13900139000" }, tag, Ct));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var refused = await ProblemAsync(answers.Single(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(("version_stale", "If-Match", 2), (refused.GetProperty("code").GetString(), refused.GetProperty("field").GetString(),
            refused.GetProperty("currentVersion").GetInt32()));

        var record = await first.GetFromJsonAsync<JsonElement>(Record(id), Ct);
        var nameWon = answers[0].StatusCode == HttpStatusCode.OK;
        Assert.Equal(nameWon ? ("甲改的名", "13800138000") : ("并发餐厅7002", "13900139000"),
            (record.GetProperty("name").GetString(), record.GetProperty("contactPhone").GetString()));
        Assert.Equal(2, await VersionCountAsync(id));
        var latest = await LatestVersionAsync(first, id);
        Assert.Equal((record.GetProperty("name").GetString(), record.GetProperty("contactPhone").GetString()),
            (latest.GetProperty("name").GetString(), latest.GetProperty("contactPhone").GetString()));
    }

    [Fact]
    public async Task TenRounds_ParallelWritersOfDifferentFields_NeverLoseAnUpdate()
    {
        using var bureau = await App.SignedInAsync("bureau");
        using var station = await App.SignedInAsync("station");
        using var admin = await App.SignedInAsync("admin");
        var id = await CreateAsync(bureau, 7003);
        var refusals = 0;
        for (var round = 1; round <= 10; round++)
        {
            var tries = await Task.WhenAll(
                WriteUntilSavedAsync(bureau, id, new { name = $"第{round}轮名称" }),
                WriteUntilSavedAsync(station, id, new { contactPerson = $"联系人{round}" }),
                WriteUntilSavedAsync(admin, id, new { address = $"第{round}轮地址" }));
            refusals += tries.Sum();
            var record = await bureau.GetFromJsonAsync<JsonElement>(Record(id), Ct);
            Assert.Equal(($"第{round}轮名称", $"联系人{round}", $"第{round}轮地址"), (record.GetProperty("name").GetString(),
                record.GetProperty("contactPerson").GetString(), record.GetProperty("address").GetString()));
            // Each saved write is one version, each refused one left none.
            Assert.Equal(1 + 3 * round, record.GetProperty("version").GetInt32());
            Assert.Equal(1 + 3 * round, await VersionCountAsync(id));
        }
        var latest = await LatestVersionAsync(bureau, id);
        Assert.Equal(("第10轮名称", "联系人10", "第10轮地址"), (latest.GetProperty("name").GetString(),
            latest.GetProperty("contactPerson").GetString(), latest.GetProperty("address").GetString()));
        var numbers = await App.InDatabaseAsync(db => db.BusinessVersions.Where(v => v.BusinessId == id).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync(Ct));
        Assert.Equal(Enumerable.Range(1, 31), numbers);
        TestContext.Current.SendDiagnosticMessage($"{refusals} writes refused and retried over 10 rounds");
    }

    [Fact]
    public async Task ConcurrentLicenceEdits_OneSavedRestRefused_Never500()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var id = await CreateAsync(bureau, 7004);
        var tag = await bureau.ETagOfAsync(Record(id), Ct);
        var writers = await Task.WhenAll(Enumerable.Range(1, 5).Select(_ => App.SignedInAsync("bureau")));
        var answers = await Task.WhenAll(writers.Select((w, i) => w.SendWithIfMatchAsync(HttpMethod.Put, Record(id), new
        {
            licences = new[] { new { kind = "FoodBusiness", number = $"JY000000000010{i}", issuedOn = "2024-01-01", expiresOn = "2029-12-31" } },
        }, tag, Ct)));

        Assert.Equal([HttpStatusCode.OK, .. Enumerable.Repeat(HttpStatusCode.Conflict, 4)], answers.Select(a => a.StatusCode).Order());
        foreach (var refused in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
            Assert.Equal(2, (await ProblemAsync(refused)).GetProperty("currentVersion").GetInt32());
        var winner = Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.OK);
        var licences = (await bureau.GetFromJsonAsync<JsonElement>(Record(id), Ct)).GetProperty("licences");
        Assert.Equal([$"JY000000000010{winner}"], licences.EnumerateArray().Select(l => l.GetProperty("number").GetString()));
        Assert.Equal(1, await App.InDatabaseAsync(db => db.Businesses.Where(b => b.Id == id).SelectMany(b => b.Licences).CountAsync(Ct)));
        Assert.Equal(2, await VersionCountAsync(id));
        foreach (var w in writers) w.Dispose();
    }

    [Fact]
    public async Task Write_WithoutIfMatch_Is428NamingIfMatch_AndChangesNothing()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var id = await CreateAsync(bureau, 7005);
        foreach (var (url, body) in new (string, object)[] { (Record(id), new { name = "未指明版本" }), ($"{Record(id)}/close", new { on = "2026-03-01" }) })
        {
            using var response = await bureau.SendWithIfMatchAsync(url.EndsWith("close") ? HttpMethod.Post : HttpMethod.Put, url, body, null, Ct);
            Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
            var problem = await ProblemAsync(response);
            Assert.Equal(("version_required", "If-Match"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        }
        var record = await bureau.GetFromJsonAsync<JsonElement>(Record(id), Ct);
        Assert.Equal(("并发餐厅7005", "Operating", 1), (record.GetProperty("name").GetString(), record.GetProperty("status").GetString(),
            record.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Write_FromAnOlderVersion_Is409WithTheCurrentVersion_ByHeaderOrBody()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var id = await CreateAsync(bureau, 7006);
        var read = await bureau.ETagOfAsync(Record(id), Ct);
        using (var saved = await bureau.SendWithIfMatchAsync(HttpMethod.Put, Record(id), new { name = "先保存的" }, read, Ct))
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        using var byHeader = await bureau.SendWithIfMatchAsync(HttpMethod.Put, Record(id), new { name = "后保存的" }, read, Ct);
        Assert.Equal(HttpStatusCode.Conflict, byHeader.StatusCode);
        var problem = await ProblemAsync(byHeader);
        Assert.Equal(("If-Match", 2), (problem.GetProperty("field").GetString(), problem.GetProperty("currentVersion").GetInt32()));

        using var byBody = await bureau.PutAsJsonAsync(Record(id), new { name = "后保存的", version = 1 }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, byBody.StatusCode);
        problem = await ProblemAsync(byBody);
        Assert.Equal(("version", 2), (problem.GetProperty("field").GetString(), problem.GetProperty("currentVersion").GetInt32()));

        using var current = await bureau.PutAsJsonAsync(Record(id), new { name = "按正文版本保存", version = 2 }, Ct);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("按正文版本保存", (await bureau.GetFromJsonAsync<JsonElement>(Record(id), Ct)).GetProperty("name").GetString());
        Assert.Equal(3, await VersionCountAsync(id));
    }

    [Theory]
    [InlineData("*")] // says nothing about the version read
    [InlineData("\"x\"")]
    [InlineData("\"1\", \"2\"")]
    public async Task Write_WithAnIfMatchThatIsNoVersion_Is400NamingIfMatch(string ifMatch)
    {
        using var bureau = await App.SignedInAsync("bureau");
        var id = await CreateAsync(bureau, 7010 + ifMatch.Length);
        using var request = new HttpRequestMessage(HttpMethod.Put, Record(id)) { Content = JsonContent.Create(new { name = "坏标签" }) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await bureau.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("If-Match", (await ProblemAsync(response)).GetProperty("field").GetString());
    }

    /// <summary>The data layer's own guard, for the moment between a writer's check and its save.</summary>
    [Fact]
    public async Task Save_OverARowAnotherContextSavedFirst_IsRefusedWithTheCurrentVersion()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var id = await CreateAsync(bureau, 7007);
        var refusal = await App.InDatabaseAsync(first => App.InDatabaseAsync(async second =>
        {
            var a = await first.Businesses.SingleAsync(b => b.Id == id, Ct);
            var b = await second.Businesses.SingleAsync(b => b.Id == id, Ct);
            a.Rename("先到的名称");
            await first.SaveChangesAsync(Ct);
            b.KeyIndustry = true;
            return await Assert.ThrowsAsync<RuleViolation>(() => second.SaveChangesAsync(Ct));
        }));
        Assert.Equal(("version_stale", 2), (refusal.Code, refusal.CurrentVersion));
        var record = await bureau.GetFromJsonAsync<JsonElement>(Record(id), Ct);
        Assert.Equal(("先到的名称", false), (record.GetProperty("name").GetString(), record.GetProperty("keyIndustry").GetBoolean()));
        Assert.Equal(2, await VersionCountAsync(id));
    }

    [Fact]
    public async Task ConcurrentEndsOfOneAssignment_OneSavedOtherRefused()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var assigned = await bureau.PostAsJsonAsync($"/api/v1/grids/{TestDistrict.InspectorGrid}/staff",
            new { personName = "并发协管员", post = "协管员", role = "Coordinator", from = "2025-01-01" }, Ct);
        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        var staffId = (await assigned.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var answers = await Task.WhenAll(new[] { "2026-01-01", "2026-02-01" }.Select(on =>
            bureau.PostAsJsonAsync($"/api/v1/grids/staff/{staffId}/end", new { on }, Ct)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var winner = answers[0].StatusCode == HttpStatusCode.OK ? "2026-01-01" : "2026-02-01";
        var ended = await App.InDatabaseAsync(db => db.GridAssignments.Where(a => a.Id == staffId).Select(a => a.To).SingleAsync(Ct));
        Assert.Equal(DateOnly.Parse(winner, System.Globalization.CultureInfo.InvariantCulture), ended);
    }
}

[Collection("sqlite")]
public sealed class SqliteConcurrencyTests(SqliteApp app) : ConcurrencySpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresConcurrencyTests(PostgresApp app) : ConcurrencySpecification(app), IClassFixture<PostgresApp>;
