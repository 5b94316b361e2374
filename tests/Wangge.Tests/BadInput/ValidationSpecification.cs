using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.BadInput;

/// <summary>
/// The findings of issue 10 §5 (API) and §6: each once a 500, a silent wrong record or an oracle, now a 4xx
/// problem+json naming the field that changes nothing.
/// </summary>
public abstract class ValidationSpecification(AppFixture app) : ApiSpecification(app)
{
    private static readonly DateOnly Today = TestDistrict.Today;

    internal static Dictionary<string, object?> NewBusiness(int n) => new()
    {
        ["creditCode"] = TestDistrict.Code(n), ["name"] = $"校验餐厅{n}", ["kind"] = "Enterprise", ["sector"] = "Catering",
        ["address"] = $"校验路{n}号", ["lon"] = 113.05, ["lat"] = 23.3, ["openedOn"] = "2020-05-01",
    };

    private static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    private async Task<JsonElement> RefusedAsync(HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        return problem;
    }

    private Task<(int Businesses, int Events, int Audit, int Staff)> CountsAsync() => App.InDatabaseAsync(async db => (
        await db.Businesses.IgnoreQueryFilters().CountAsync(Ct), await db.SupervisionEvents.CountAsync(Ct),
        await db.AuditEntries.CountAsync(Ct), await db.GridAssignments.IgnoreQueryFilters().CountAsync(Ct)));

    private async Task<Guid> CreatedIdAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/businesses", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("NaN")]
    [InlineData("1e400")]
    public async Task CreateBusiness_CoordinateNotAFiniteNumber_ProblemNamingLon(string lon)
    {
        using var bureau = await App.SignedInAsync("bureau");
        var before = await CountsAsync();
        var raw = JsonSerializer.Serialize(NewBusiness(7001)).Replace("\"lon\":113.05", $"\"lon\":{lon}");
        await RefusedAsync(await bureau.PostAsync("/api/v1/businesses", Json(raw), Ct), "lon");
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(116.4, 39.9)]
    public async Task CreateBusiness_PointOutsideTheJurisdiction_ProblemNamingLon(double lon, double lat)
    {
        using var bureau = await App.SignedInAsync("bureau");
        var body = NewBusiness(7002);
        (body["lon"], body["lat"]) = (lon, lat);
        var before = await CountsAsync();
        await RefusedAsync(await bureau.PostAsJsonAsync("/api/v1/businesses", body, Ct), "lon");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task CreateBusiness_NullLicence_ProblemNamingTheLicence()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var body = NewBusiness(7003);
        body["licences"] = new object?[] { null };
        await RefusedAsync(await bureau.PostAsJsonAsync("/api/v1/businesses", body, Ct), "licences[0]");
    }

    [Fact]
    public async Task CreateBusiness_AThousandLicences_ProblemNamingTheLimit()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var body = NewBusiness(7004);
        body["licences"] = Enumerable.Range(0, 1000).Select(i => new { kind = "Other", number = $"N{i}" }).ToArray();
        var problem = await RefusedAsync(await bureau.PostAsJsonAsync("/api/v1/businesses", body, Ct), "licences");
        Assert.Contains("50", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CreateBusiness_EmptySectors_ProblemNamingSectors_NotFoodProduction()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var body = NewBusiness(7005);
        body.Remove("sector");
        body["sectors"] = Array.Empty<string>();
        var problem = await RefusedAsync(await bureau.PostAsJsonAsync("/api/v1/businesses", body, Ct), "sectors");
        Assert.Contains("Catering", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("name", "\u200b\u200b\u200b")]
    [InlineData("name", "\u0001\u0002")]
    [InlineData("name", "good\u202Egnp.exe")]
    [InlineData("name", "店\u0000名")]
    [InlineData("address", "路\u2066号")]
    [InlineData("contactPerson", "张\u0000三")]
    public async Task CreateBusiness_InvisibleOrControlText_ProblemNamingTheField_NothingSaved(string field, string text)
    {
        using var bureau = await App.SignedInAsync("bureau");
        var body = NewBusiness(7006);
        body[field] = text;
        var before = await CountsAsync();
        await RefusedAsync(await bureau.PostAsJsonAsync("/api/v1/businesses", body, Ct), field);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("q", "%00")]
    [InlineData("grid", "4401%00")]
    [InlineData("q", "%E2%80%AE")]
    public async Task Search_ControlCharacterInQuery_ProblemNamingTheParameter(string name, string value)
    {
        using var bureau = await App.SignedInAsync("bureau");
        await RefusedAsync(await bureau.GetAsync($"/api/v1/businesses?{name}={value}", Ct), name);
    }

    [Fact]
    public async Task Search_PageBeyondAnyOffset_ProblemNamingPage()
    {
        using var bureau = await App.SignedInAsync("bureau");
        await RefusedAsync(await bureau.GetAsync($"/api/v1/businesses?page={int.MaxValue}&pageSize=500", Ct), "page");
    }

    [Fact]
    public async Task Culture_ReturnUrlWithLineBreak_ProblemNamingReturnUrl()
    {
        using var client = App.Anonymous();
        await RefusedAsync(await client.GetAsync("/account/culture?culture=en&returnUrl=/ledger%0d%0aSet-Cookie:x=1", Ct), "returnUrl");
    }

    [Fact]
    public async Task Culture_ReturnUrlInChinese_RedirectsThere()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };
        var response = await client.GetAsync("/account/culture?culture=en&returnUrl=/businesses?q=%E9%A4%90", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/businesses?q=%E9%A4%90", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("1800-01-01")]
    [InlineData("0001-01-01")]
    [InlineData("2999-01-01")]
    public async Task RecordEvent_DateOutOfRange_ProblemNamingOccurredOn(string on)
    {
        using var bureau = await App.SignedInAsync("bureau");
        var id = await CreatedIdAsync(bureau, NewBusiness(7010 + on[0]));
        var before = await CountsAsync();
        var response = await bureau.PostAsJsonAsync($"/api/v1/businesses/{id}/events", new { kind = "Violation", occurredOn = on }, Ct);
        await RefusedAsync(response, "occurredOn");
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("2999-01-01")]
    public async Task AssignStaff_DateOutOfRange_ProblemNamingFrom(string from)
    {
        using var bureau = await App.SignedInAsync("bureau");
        var before = await CountsAsync();
        var response = await bureau.PostAsJsonAsync($"/api/v1/grids/{TestDistrict.InspectorGrid}/staff",
            new { personName = "李四", post = "网格员", role = "Supervisor", from }, Ct);
        await RefusedAsync(response, "from");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ChangeStatusToClosed_FutureDate_RefusedAsByTheCloseRules()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var id = await CreatedIdAsync(bureau, NewBusiness(7020));
        var response = await bureau.PutCurrentAsync($"/api/v1/businesses/{id}", new { status = "Closed", statusSince = Today.AddDays(10).ToString("yyyy-MM-dd") }, Ct);
        await RefusedAsync(response, "statusSince");
    }

    [Fact]
    public async Task ChangeStatusToClosed_WithoutDate_ClosedToday()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var id = await CreatedIdAsync(bureau, NewBusiness(7021));
        var response = await bureau.PutCurrentAsync($"/api/v1/businesses/{id}", new { status = "Closed" }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var b = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(Today.ToString("yyyy-MM-dd"), b.GetProperty("statusSince").GetString());
    }

    [Fact]
    public async Task WrongEnumValue_ProblemListsTheValues_WithoutDotNetTypes()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var body = NewBusiness(7022);
        body["sector"] = "Spaceships";
        var problem = await RefusedAsync(await bureau.PostAsJsonAsync("/api/v1/businesses", body, Ct), "sector");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("Catering", detail);
        Assert.DoesNotContain("Wangge.", detail);
        Assert.DoesNotContain("Nullable", detail);

        var query = await RefusedAsync(await bureau.GetAsync("/api/v1/businesses?sector=Spaceships", Ct), "sector");
        Assert.Contains("FoodSale", query.GetProperty("detail").GetString());
        Assert.DoesNotContain("Nullable", query.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WrongBodyShape_ProblemWithoutDotNetTypes()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var response = await bureau.PostAsync("/api/v1/businesses", Json("[1,2,3]"), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Wangge.", body);
        Assert.DoesNotContain("System.", body);
    }

    [Fact]
    public async Task MegabyteValue_AnswerDoesNotEchoIt()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var body = NewBusiness(7023);
        body["crs"] = new string('x', 1 << 20);
        var response = await bureau.PostAsJsonAsync("/api/v1/businesses", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(text.Length < 4096, $"{text.Length} characters");
    }

    [Fact]
    public async Task Unauthenticated_ProblemJson()
    {
        using var client = App.Anonymous();
        var response = await client.GetAsync("/api/v1/businesses", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CreditCodeHeldInAnotherArea_RefusedWithoutSayingWhatOrWhere_HolderLevelSeesIt()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var body = NewBusiness(7030);
        (body["lon"], body["name"]) = (113.25, "东街独有商号");
        await CreatedIdAsync(bureau, body);

        using var station = await App.SignedInAsync("station");
        var mine = NewBusiness(7030);
        var problem = await RefusedAsync(await station.PostAsJsonAsync("/api/v1/businesses", mine, Ct), "creditCode", HttpStatusCode.Conflict);
        Assert.Equal("credit_code_unavailable", problem.GetProperty("code").GetString());
        var text = problem.ToString();
        Assert.DoesNotContain("东街独有商号", text);
        Assert.DoesNotContain(TestDistrict.OtherGrid, text);
        Assert.DoesNotContain("already", text);

        var holder = await RefusedAsync(await bureau.PostAsJsonAsync("/api/v1/businesses", mine, Ct), "creditCode", HttpStatusCode.Conflict);
        Assert.Equal("credit_code_taken", holder.GetProperty("code").GetString());
    }

    [Fact]
    public async Task EventReferenceUsedOnAnotherBusiness_AcceptedWithoutRevealingIt()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var east = NewBusiness(7031);
        east["lon"] = 113.25;
        var other = await CreatedIdAsync(bureau, east);
        var own = await CreatedIdAsync(bureau, NewBusiness(7032));
        var e = new { kind = "Complaint", occurredOn = "2026-01-05", reference = "12315-2026-0001" };
        Assert.Equal(HttpStatusCode.Created, (await bureau.PostAsJsonAsync($"/api/v1/businesses/{other}/events", e, Ct)).StatusCode);
        using var station = await App.SignedInAsync("station");
        Assert.Equal(HttpStatusCode.Created, (await station.PostAsJsonAsync($"/api/v1/businesses/{own}/events", e, Ct)).StatusCode);
        await RefusedAsync(await station.PostAsJsonAsync($"/api/v1/businesses/{own}/events", e, Ct), "reference", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task StaffAndPlanWritesOutOfScope_Forbidden_UnknownGridNotFound()
    {
        using var station = await App.SignedInAsync("station");
        var person = new { personName = "王五", post = "网格员", role = "Supervisor" };
        Assert.Equal(HttpStatusCode.Forbidden, (await station.PostAsJsonAsync($"/api/v1/grids/{TestDistrict.OtherGrid}/staff", person, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await station.PostAsJsonAsync("/api/v1/grids/44011100999901/staff", person, Ct)).StatusCode);
        var plan = new { parent = TestDistrict.EastStreet, count = 2, @base = "Squares", cellKm = 5 };
        Assert.Equal(HttpStatusCode.Forbidden, (await station.PostAsJsonAsync("/api/v1/grids/plan", plan, Ct)).StatusCode);
        var adopt = new { parent = TestDistrict.EastStreet, @base = "Squares", cellKm = 5, assignment = new Dictionary<string, int>() };
        Assert.Equal(HttpStatusCode.Forbidden, (await station.PostAsJsonAsync("/api/v1/grids/plan/adopt", adopt, Ct)).StatusCode);
    }

    [Fact]
    public async Task CsvExport_FormulaCellsStartWithApostrophe_AndImportBackUnchanged()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var body = NewBusiness(7040);
        (body["name"], body["address"], body["contactPerson"]) = ("=HYPERLINK(\"http://x.example\",\"点我\")", "+86 测试路", "@张三");
        await CreatedIdAsync(bureau, body);
        var csv = Encoding.UTF8.GetString(await bureau.GetByteArrayAsync($"/api/v1/ledger/{TestDistrict.InspectorGrid}/export?format=csv", Ct));
        Assert.Contains("'=HYPERLINK", csv);
        Assert.Contains("'+86 测试路", csv);
        Assert.Contains("'@张三", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);
        Assert.DoesNotContain("\"=HYPERLINK", csv);

        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "ledger.csv");
        var response = await bureau.PostAsync("/api/v1/businesses/import", form, Ct);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, report.ToString());
        Assert.Equal(0, report.GetProperty("created").GetInt32() + report.GetProperty("updated").GetInt32());
        var name = await App.InDatabaseAsync(db => db.Businesses.Where(b => b.CreditCode == TestDistrict.Code(7040)).Select(b => b.Name).SingleAsync(Ct));
        Assert.StartsWith("=HYPERLINK", name);
    }
}

[Collection("sqlite")]
public sealed class SqliteValidationTests(SqliteApp app) : ValidationSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresValidationTests(PostgresApp app) : ValidationSpecification(app), IClassFixture<PostgresApp>;
