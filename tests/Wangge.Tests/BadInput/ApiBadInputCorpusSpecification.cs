using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.BadInput;

/// <summary>
/// The API bad-input corpus (<see cref="ApiBadInputCorpus"/>): no case answers 5xx, no error answer changes data (rows of
/// the main tables, business versions and audit entries counted before and after), every error is problem+json, and a
/// refused field is named. Each group prints "cases tried, 5xx, data changed" and adds it to
/// bad-input-corpus-{database}.txt beside the test assembly, for the issue's closing figures.
/// </summary>
public abstract partial class ApiBadInputCorpusSpecification(AppFixture app) : ApiSpecification(app)
{
    /// <summary>Targets made once per database: a business to change, an assignment to end.</summary>
    private static readonly ConcurrentDictionary<AppFixture, Task<Dictionary<string, string>>> Targets = new();

    public static TheoryData<string> Groups => new(ApiBadInputCorpus.Groups);

    [Fact]
    public void Corpus_HasAtLeast220Cases() => Assert.True(ApiBadInputCorpus.All.Count >= 220, $"{ApiBadInputCorpus.All.Count} cases");

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task BadInput_NeverServerError_NeverChangesDataOnError_AlwaysProblemNamingField(string group)
    {
        var targets = await Targets.GetOrAdd(App, _ => SetUpAsync());
        var clients = new Dictionary<string, HttpClient>();
        var failures = new List<string>();
        var (tried, serverErrors, changed) = (0, 0, 0);
        try
        {
            foreach (var (c, index) in ApiBadInputCorpus.All.Select((c, i) => (c, i)).Where(x => x.c.Group == group))
            {
                tried++;
                var client = c.User is null ? App.Anonymous() : clients.TryGetValue(c.User, out var known) ? known : clients[c.User] = await App.SignedInAsync(c.User);
                var path = Fill(c.Path, targets);
                var before = await FingerprintAsync();
                using var request = new HttpRequestMessage(new HttpMethod(c.Method), path);
                if (c.Body is not null) request.Content = new StringContent(Fill(c.Body.Replace("{code}", Code(index)), targets), Encoding.UTF8, MediaTypeHeaderValue.Parse(c.ContentType));
                foreach (var (k, v) in c.Headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(k, v);
                // A change of a business is made over its current version, as a well-behaved client makes it, so that each
                // case reaches the field it is about rather than stopping at the missing If-Match.
                if (c.User is not null && VersionedRecord(c.Method, path) is { } record && !request.Headers.Contains("If-Match"))
                    request.Headers.IfMatch.Add(await client.ETagOfAsync(record, Ct));
                using var response = await client.SendAsync(request, Ct);
                if (c.User is null) client.Dispose();
                var text = await response.Content.ReadAsStringAsync(Ct);
                var status = (int)response.StatusCode;
                var why = Judge(c, status, response.Content.Headers.ContentType?.MediaType, text);
                if (status >= 500) serverErrors++;
                if (status >= 400 && await FingerprintAsync() != before) { changed++; why ??= "changed data while answering an error"; }
                if (why is not null) failures.Add($"{c}: {status} {why} — {ProblemOf(text)}");
            }
        }
        finally
        {
            foreach (var client in clients.Values) client.Dispose();
        }
        var line = $"{App.GetType().Name} {group}: {tried} cases tried, {serverErrors} answered 5xx, {changed} changed data on an error, {failures.Count} failed";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        await File.AppendAllTextAsync(ReportPath, line + Environment.NewLine, Ct);
        Assert.True(failures.Count == 0, line + "\n" + string.Join("\n", failures));
    }

    /// <summary>The record a versioned write of <paramref name="path"/> changes (a business, an account, a grid), or null for any other request.</summary>
    private static string? VersionedRecord(string method, string path) =>
        VersionedWrite().Match(path) is { Success: true } m && (method == "PUT" && m.Groups["action"].Length == 0
                                                                || method == "POST" && m.Groups["action"].Value is "/close" or "/reset-password")
            ? m.Groups["record"].Value : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<record>/api/v1/(businesses|users)/[0-9a-fA-F-]{36}|/api/v1/grids/[0-9]{6,20})(?<action>/close|/reset-password)?$")]
    private static partial System.Text.RegularExpressions.Regex VersionedWrite();

    /// <summary>Why an answer falls short of the case, or null when it does not.</summary>
    private static string? Judge(CorpusCase c, int status, string? mediaType, string text)
    {
        if (status >= 500) return "server error";
        if (status < 400) return c.Expect == Expect.Refused ? "accepted what must be refused" : null;
        if (c.BareRefusal && status == 400 && text.Length == 0) return null;
        // A border that does not fit its neighbours is answered with the topology report, as an import is.
        if (status == 422 && mediaType == "application/json" && c.Expect == Expect.NoServerError && IsTopologyReport(text)) return null;
        if (mediaType != "application/problem+json") return $"error answer is {mediaType ?? "empty"}, not problem+json";
        if (text.Length > 4096) return $"error answer of {text.Length} characters echoes the input";
        if (text.Contains("Wangge.", StringComparison.Ordinal) || text.Contains("System.", StringComparison.Ordinal) || text.Contains("Nullable", StringComparison.Ordinal))
            return "error answer names .NET types";
        var field = JsonDocument.Parse(text).RootElement.TryGetProperty("field", out var f) ? f.GetString() : null;
        if (c.Expect == Expect.Refused)
        {
            if (status is not (400 or 409 or 422)) return "refused with a status that does not say the input is at fault";
            if (c.Field is not null && (field is null || !c.Field.Split('|').Any(expected => SameField(expected, field))))
                return $"refusal names field '{field}', not '{c.Field}'";
        }
        else if (status == 400 && c.Field is not null && c.Body is not null && field is null && !c.Name.StartsWith("body:", StringComparison.Ordinal))
            return "a field is at fault but the refusal names none";
        return null;
    }

    private static bool IsTopologyReport(string text) =>
        JsonDocument.Parse(text).RootElement is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("problems", out var p) && p.GetArrayLength() > 0;

    /// <summary>"licences[0].number" and "licences.number" are one field; a refusal may name the list or its item.</summary>
    private static bool SameField(string expected, string actual)
    {
        static string Plain(string f) => System.Text.RegularExpressions.Regex.Replace(f, @"\[\d+\]", "");
        var (e, a) = (Plain(expected), Plain(actual));
        return string.Equals(e, a, StringComparison.OrdinalIgnoreCase) || a.StartsWith(e + ".", StringComparison.OrdinalIgnoreCase)
               || e.StartsWith(a + ".", StringComparison.OrdinalIgnoreCase);
    }

    private static string ProblemOf(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>A credit code of its own for every case (and a reference of its own for events).</summary>
    private static string Code(int index) => TestDistrict.Code(40000 + index);

    private static string Fill(string path, Dictionary<string, string> targets)
    {
        foreach (var (k, v) in targets) path = path.Replace($"{{{k}}}", v);
        return path;
    }

    /// <summary>One report per database and run, beside the test assembly.</summary>
    private string ReportPath => Path.Combine(AppContext.BaseDirectory, $"bad-input-corpus-{App.GetType().Name}.txt");

    private async Task<Dictionary<string, string>> SetUpAsync()
    {
        File.Delete(ReportPath);
        using var bureau = await App.SignedInAsync("bureau");
        var business = await CreateAsync(bureau, TestDistrict.Code(39999));
        var staff = await bureau.PostAsJsonAsync($"/api/v1/grids/{TestDistrict.InspectorGrid}/staff",
            new { personName = "语料员", post = "网格员", role = "Informant", from = "2026-01-01" }, Ct);
        Assert.True(staff.IsSuccessStatusCode, await staff.Content.ReadAsStringAsync(Ct));
        var assignment = (await staff.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var closing = await CreateAsync(bureau, TestDistrict.Code(39998));
        var account = await bureau.PostAsJsonAsync("/api/v1/users", new { username = "corpus-target", name = "语料账号", role = "Inspector", grid = TestDistrict.InspectorGrid }, Ct);
        Assert.True(account.IsSuccessStatusCode, await account.Content.ReadAsStringAsync(Ct));
        var user = (await account.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("user").GetProperty("id").GetGuid();
        var self = (await bureau.GetFromJsonAsync<JsonElement>("/api/v1/users?q=bureau", Ct)).EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == "bureau").GetProperty("id").GetGuid();
        var person = (await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/grids/{TestDistrict.InspectorGrid}/candidates", Ct)).EnumerateArray()
            .First(p => p.GetProperty("name").GetString() == "语料员").GetProperty("id").GetGuid();
        return new()
        {
            ["business"] = business.ToString(), ["closing"] = closing.ToString(), ["assignment"] = assignment.ToString(), ["user"] = user.ToString(),
            ["self"] = self.ToString(), ["person"] = person.ToString(),
        };
    }

    private async Task<Guid> CreateAsync(HttpClient client, string code)
    {
        var body = ValidationSpecification.NewBusiness(0);
        (body["creditCode"], body["name"]) = (code, $"语料目标{code[^6..]}");
        var response = await client.PostAsJsonAsync("/api/v1/businesses", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    /// <summary>The main tables counted, business versions summed, and the audit log: any write moves one of them.</summary>
    private const string Fingerprint = """
        SELECT (SELECT COUNT(*) FROM businesses) || ',' || (SELECT COALESCE(SUM(version), 0) FROM businesses) || ','
            || (SELECT COUNT(*) FROM business_versions) || ',' || (SELECT COUNT(*) FROM supervision_events) || ','
            || (SELECT COUNT(*) FROM risk_ratings) || ',' || (SELECT COUNT(*) FROM grids) || ',' || (SELECT COUNT(*) FROM grid_border_versions) || ','
            || (SELECT COUNT(*) FROM grid_assignments) || ',' || (SELECT COUNT(*) FROM people) || ',' || (SELECT COUNT(*) FROM users) || ','
            || (SELECT COUNT(*) FROM business_licences) || ',' || (SELECT COUNT(*) FROM import_runs) || ',' || (SELECT COUNT(*) FROM audit_entries)
        """;

    /// <summary>All the counts in one round trip, on the app's own services: the corpus takes two for each of its cases.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Wangge.Data.WanggeDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Fingerprint;
            return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}

[Collection("sqlite")]
public sealed class SqliteApiBadInputCorpusTests(SqliteApp app) : ApiBadInputCorpusSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresApiBadInputCorpusTests(PostgresApp app) : ApiBadInputCorpusSpecification(app), IClassFixture<PostgresApp>;
