using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Wangge.Tests.Auth;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Hosting;

/// <summary>
/// Every date rule is judged on Beijing's day (Wangge:TimeZone's default), not on the UTC date: between 16:00
/// and 24:00 UTC Beijing is already on the next day. The app's clock is stopped either side of Beijing midnight
/// (15:59 and 16:01 UTC) and at 07:30 in Beijing (23:30 UTC the day before), where the UTC date is yesterday.
/// </summary>
public abstract class JurisdictionDaySpecification(PinnedClockApp app) : ApiSpecification(app)
{
    private const string BeforeBeijingMidnight = "2026-12-06T15:59:00Z"; // 23:59 on 6 December in Beijing
    private const string AfterBeijingMidnight = "2026-12-06T16:01:00Z";  // 00:01 on 7 December in Beijing
    private const string BeijingMorning = "2026-12-06T23:30:00Z";        // 07:30 on 7 December in Beijing
    private const string BeijingToday = "2026-12-07";
    private const string UtcToday = "2026-12-06";
    private const string SouthWestGrid = "44011100100202";

    private TestClock Clock => ((PinnedClockApp)App).Clock;

    private async Task<HttpClient> AtAsync(string utc, string user)
    {
        Clock.Set(utc);
        return await App.SignedInAsync(user);
    }

    private async Task<JsonElement> NewBusinessAsync(HttpClient client, int n, double lat, string expiresOn, string? openedOn = "2025-06-01")
    {
        var response = await client.PostAsJsonAsync("/api/v1/businesses", new
        {
            creditCode = TestDistrict.Code(n), name = $"日界测试店{n}", kind = "Enterprise", sector = "Catering", scale = "Small",
            address = "测试路8号", lon = 113.1, lat, openedOn,
            licences = new[] { new { kind = "FoodBusiness", number = $"JY{n}", issuedOn = "2025-06-01", expiresOn } },
        }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task InspectionAt0730InBeijing_IsDatedBeijingsToday_AndEveryDateOnTheBusinessPageIsToday()
    {
        using var inspector = await AtAsync(BeijingMorning, "inspector");
        // Opened "today" by default: the business is as new as the inspection.
        var id = (await NewBusinessAsync(inspector, 3101, 23.3, "2031-06-01", openedOn: null)).GetProperty("id").GetGuid();
        var business = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}", Ct);
        Assert.Equal(BeijingToday, business.GetProperty("openedOn").GetString());

        var dated = await inspector.PostAsJsonAsync($"/api/v1/businesses/{id}/events",
            new { kind = "Inspection", occurredOn = BeijingToday, failed = false, reference = "JC-0730" }, Ct);
        Assert.True(dated.StatusCode == HttpStatusCode.Created, await dated.Content.ReadAsStringAsync(Ct));
        var undated = await inspector.PostAsJsonAsync($"/api/v1/businesses/{id}/events", new { kind = "Inspection", failed = false }, Ct);
        Assert.Equal(BeijingToday, (await undated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("occurredOn").GetString());

        // The next inspection is counted from the inspection's Beijing day.
        var risk = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/risk", Ct);
        var interval = TreatmentInterval(risk.GetProperty("effectiveClass").GetString()!);
        Assert.Equal(new DateOnly(2026, 12, 7).AddDays(interval).ToString("yyyy-MM-dd"), risk.GetProperty("nextInspectionDue").GetString());

        var page = await PageAsync("inspector", $"/businesses/{id}");
        Assert.DoesNotContain(UtcToday, page);
        Assert.Contains($"{BeijingToday} 07:30 (UTC+8)", page); // rated, versions: instants in Beijing time with the offset
        Assert.Contains($"value=\"{BeijingToday}\"", page);      // the date pickers' default is Beijing's day
    }

    [Fact]
    public async Task BusinessPage_DateDefault_IsBeijingsDayEitherSideOfItsMidnight()
    {
        using var inspector = await AtAsync(BeforeBeijingMidnight, "inspector");
        var id = (await NewBusinessAsync(inspector, 3102, 23.31, "2031-06-01")).GetProperty("id").GetGuid();

        var before = await PageAsync("inspector", $"/businesses/{id}");
        Assert.Contains($"value=\"{UtcToday}\"", before);
        Assert.DoesNotContain($"value=\"{BeijingToday}\"", before);

        Clock.Set(AfterBeijingMidnight);
        var after = await PageAsync("inspector", $"/businesses/{id}");
        Assert.Contains($"value=\"{BeijingToday}\"", after);
        Assert.DoesNotContain($"value=\"{UtcToday}\"", after);
    }

    [Fact]
    public async Task LicenceExpiringOn6December_IsExpiredFrom1601Utc_NotAt1559Utc_InTheRecordTheSearchAndTheLedger()
    {
        using var station = await AtAsync(BeforeBeijingMidnight, "station");
        var id = (await NewBusinessAsync(station, 3103, 23.1, UtcToday)).GetProperty("id").GetString();

        var before = await LicenceStatesAsync(station, id!);
        Assert.Equal(("ExpiringSoon", false, 0), before);

        Clock.Set(AfterBeijingMidnight);
        using var later = await App.SignedInAsync("station");
        var after = await LicenceStatesAsync(later, id!);
        Assert.Equal(("Expired", true, 1), after);
        var ledger = await later.GetFromJsonAsync<JsonElement>($"/api/v1/ledger?grid={SouthWestGrid}", Ct);
        Assert.Equal(BeijingToday, ledger.GetProperty("asOf").GetString());
    }

    /// <summary>The licence's state on its record, whether the expired-licence search lists it, and the grid's count of expired licences.</summary>
    private async Task<(string State, bool Listed, int LedgerExpired)> LicenceStatesAsync(HttpClient client, string id)
    {
        var record = await client.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}", Ct);
        var search = await client.GetFromJsonAsync<JsonElement>($"/api/v1/businesses?grid={SouthWestGrid}&licence=Expired", Ct);
        var ledger = await client.GetFromJsonAsync<JsonElement>($"/api/v1/ledger?grid={SouthWestGrid}", Ct);
        Assert.Equal(record.GetProperty("licenceState").GetString(), record.GetProperty("licences")[0].GetProperty("state").GetString());
        return (record.GetProperty("licenceState").GetString()!,
            search.GetProperty("items").EnumerateArray().Any(b => b.GetProperty("id").GetString() == id),
            ledger.GetProperty("totals").GetProperty("licencesExpired").GetInt32());
    }

    [Fact]
    public async Task OverrideUntil6December_HoldsAt1559Utc_AndLapsesAt1601Utc()
    {
        using var station = await AtAsync("2026-12-05T04:00:00Z", "station");
        var id = (await NewBusinessAsync(station, 3104, 23.32, "2031-06-01")).GetProperty("id").GetGuid();
        var computed = (await station.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/risk", Ct)).GetProperty("class").GetString();
        var set = await station.PutAsJsonAsync($"/api/v1/businesses/{id}/risk/override",
            new { @class = computed == "D" ? "C" : "D", reason = "节前专项整治期间从严监管", until = UtcToday }, Ct);
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync(Ct));

        using var before = await AtAsync(BeforeBeijingMidnight, "station");
        var held = await before.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/risk", Ct);
        Assert.True(held.GetProperty("override").GetProperty("active").GetBoolean());
        Assert.NotEqual(computed, held.GetProperty("effectiveClass").GetString());

        using var after = await AtAsync(AfterBeijingMidnight, "station");
        var lapsed = await after.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/risk", Ct);
        Assert.False(lapsed.GetProperty("override").GetProperty("active").GetBoolean());
        Assert.Equal(computed, lapsed.GetProperty("effectiveClass").GetString());
        Assert.Equal(computed, (await after.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}", Ct)).GetProperty("riskClass").GetString());
    }

    [Fact]
    public async Task RotationWarning_At33MonthsOnBeijingsDay_ComesAt1601Utc_NotAt1559Utc()
    {
        using var station = await AtAsync(BeforeBeijingMidnight, "station");
        var person = $"轮岗{Guid.NewGuid():N}"[..10];
        var assigned = await station.PostAsJsonAsync($"/api/v1/grids/{TestDistrict.InspectorGrid}/staff",
            new { personName = person, post = "监管员", role = "Supervisor", from = "2024-03-07" }, Ct);
        Assert.True(assigned.StatusCode == HttpStatusCode.Created, await assigned.Content.ReadAsStringAsync(Ct));
        Assert.Equal(32, (await assigned.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("months").GetInt32());
        Assert.DoesNotContain(await RotationWarningsAsync(station), w => w == (person, 33));

        using var after = await AtAsync(AfterBeijingMidnight, "station");
        Assert.Contains(await RotationWarningsAsync(after), w => w == (person, 33));
        var roster = await after.GetFromJsonAsync<JsonElement>($"/api/v1/grids/{TestDistrict.InspectorGrid}/staff", Ct);
        Assert.Equal(33, roster.EnumerateArray().Single(s => s.GetProperty("personName").GetString() == person).GetProperty("months").GetInt32());
    }

    [Fact]
    public async Task NextInspection_AfterAnUndatedInspectionAt1601Utc_CountsFromBeijingsDay()
    {
        using var inspector = await AtAsync(AfterBeijingMidnight, "inspector");
        var id = (await NewBusinessAsync(inspector, 3105, 23.33, "2031-06-01")).GetProperty("id").GetGuid();
        var recorded = await inspector.PostAsJsonAsync($"/api/v1/businesses/{id}/events", new { kind = "Inspection", failed = false }, Ct);
        Assert.Equal(BeijingToday, (await recorded.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("occurredOn").GetString());

        var risk = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/risk", Ct);
        var interval = TreatmentInterval(risk.GetProperty("effectiveClass").GetString()!);
        Assert.Equal(new DateOnly(2026, 12, 7).AddDays(interval).ToString("yyyy-MM-dd"), risk.GetProperty("nextInspectionDue").GetString());
    }

    [Fact]
    public async Task LedgerFileAt0730InBeijing_RatesALicenceThatExpiredYesterdayThereAsExpired()
    {
        // In the east street, so that the south-west grid's count of expired licences stays the licence rule's own.
        using var bureau = await AtAsync(BeijingMorning, "bureau");
        using var form = new MultipartFormDataContent();
        var csv = "统一社会信用代码,名称,主体类型,行业,地址,经度,纬度,成立日期,许可证类型,许可证号,有效期至\n" +
                  $"{TestDistrict.Code(3106)},晨检餐厅,企业,餐饮服务,测试路9号,113.32,23.12,2024-01-01,食品经营许可证,JY3106,{UtcToday}\n";
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new("text/csv");
        form.Add(file, "file", "morning.csv");

        var imported = await bureau.PostAsync("/api/v1/businesses/import", form, Ct);

        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync(Ct));
        var found = (await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/businesses?q={TestDistrict.Code(3106)}", Ct)).GetProperty("items")[0];
        Assert.Equal("Expired", found.GetProperty("licenceState").GetString());
        var initial = (await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{found.GetProperty("id").GetGuid()}/risk/history", Ct))
            .EnumerateArray().Last();
        Assert.Equal("Initial", initial.GetProperty("trigger").GetString());
        Assert.Contains(initial.GetProperty("factors").EnumerateArray(), f => f.GetProperty("factor").GetString() == "licence_expired");
    }

    private async Task<List<(string? Person, int Months)>> RotationWarningsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/grids/staffing", Ct)).EnumerateArray()
            .Where(i => i.GetProperty("kind").GetString() == "RotationDue")
            .Select(i => (i.GetProperty("personName").GetString(), i.GetProperty("months").GetInt32())).ToList();

    private int TreatmentInterval(string riskClass) =>
        App.Services.GetRequiredService<Core.Risk.TreatmentPolicy>().IntervalDays(Enum.Parse<Core.Risk.RiskClass>(riskClass));

    /// <summary>The page as the server renders it for a browser signed in as <paramref name="user"/>, before any script runs, as text.</summary>
    private async Task<string> PageAsync(string user, string path)
    {
        var signing = new Signing(App);
        var cookies = await signing.BrowserSignInAsync(user);
        using var client = signing.Client();
        using var response = await Signing.SendAsync(client, HttpMethod.Get, path, cookies);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
    }
}

/// <summary>The app with its clock stopped at 07:30 in Beijing on 7 December 2026; a test moves it.</summary>
public abstract class PinnedClockApp : AppFixture
{
    public TestClock Clock { get; } = new(DateTimeOffset.Parse("2026-12-06T23:30:00Z", System.Globalization.CultureInfo.InvariantCulture));

    protected override void Configure(WebApplicationBuilder builder) => builder.Services.AddSingleton<TimeProvider>(Clock);
}

public sealed class SqlitePinnedClockApp : PinnedClockApp
{
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(TestDatabase.Sqlite());
}

public sealed class PostgresPinnedClockApp : PinnedClockApp
{
    protected override async Task<TestDatabase?> CreateDatabaseAsync() => await TestDatabase.PostgresAsync();
}

[Collection("sqlite")]
public sealed class SqliteJurisdictionDayTests(SqlitePinnedClockApp app) : JurisdictionDaySpecification(app), IClassFixture<SqlitePinnedClockApp>;

[Collection("postgres")]
public sealed class PostgresJurisdictionDayTests(PostgresPinnedClockApp app) : JurisdictionDaySpecification(app), IClassFixture<PostgresPinnedClockApp>;
