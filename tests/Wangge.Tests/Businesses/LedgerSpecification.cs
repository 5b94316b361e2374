using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Businesses;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Businesses;

/// <summary>The ledger record: versions, licences, closure, and the codes it accepts.</summary>
public abstract class LedgerSpecification(AppFixture app) : ApiSpecification(app)
{
    private static object NewBusiness(string code, string name = "新开餐厅", object? licences = null) => new
    {
        creditCode = code, name, kind = "Enterprise", sectors = new[] { "Catering", "FoodSale" }, scale = "Small", address = "测试路1号",
        lon = 113.05, lat = 23.3, openedOn = "2020-05-01", contactPerson = "张三", contactPhone = "13800138000",
        licences = licences ?? new[] { new { kind = "FoodBusiness", number = "JY14401110000001", issuedOn = "2020-05-01", expiresOn = "2030-04-30" } },
    };

    private async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/businesses", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task Create_KeepsSectorsLicencesContacts_AndPlacesInGrid()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var b = await CreateAsync(bureau, NewBusiness(TestDistrict.Code(1001)));
        Assert.Equal(TestDistrict.InspectorGrid, b.GetProperty("gridCode").GetString());
        Assert.Equal(["Catering", "FoodSale"], b.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal("Catering", b.GetProperty("sector").GetString());
        Assert.Equal("JY14401110000001", b.GetProperty("licences")[0].GetProperty("number").GetString());
        Assert.Equal("Valid", b.GetProperty("licenceState").GetString());
        Assert.Equal("13800138000", b.GetProperty("contactPhone").GetString());
        Assert.Equal(1, b.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Change_AddsVersionWithFieldDiff_AndPastStateStaysReadable()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var b = await CreateAsync(bureau, NewBusiness(TestDistrict.Code(1002), "老字号"));
        var id = b.GetProperty("id").GetGuid();
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20, Ct);
        var changed = await bureau.PutCurrentAsync($"/api/v1/businesses/{id}", new { name = "新字号" }, Ct);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var history = await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/history", Ct);
        Assert.Equal(2, history.GetArrayLength());
        var latest = history[0];
        Assert.Equal(2, latest.GetProperty("number").GetInt32());
        Assert.Equal("bureau", latest.GetProperty("actor").GetString());
        var diff = Assert.Single(latest.GetProperty("changes").EnumerateArray());
        Assert.Equal(("name", "老字号", "新字号"),
            (diff.GetProperty("field").GetString(), diff.GetProperty("before").GetString(), diff.GetProperty("after").GetString()));

        var past = await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/as-of?at={Uri.EscapeDataString(between.ToString("O"))}", Ct);
        Assert.Equal("老字号", past.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Change_WithNothingDifferent_AddsNoVersion()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var id = (await CreateAsync(bureau, NewBusiness(TestDistrict.Code(1003)))).GetProperty("id").GetGuid();
        (await bureau.PutCurrentAsync($"/api/v1/businesses/{id}", new { name = "新开餐厅" }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(1, (await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/history", Ct)).GetArrayLength());
    }

    [Fact]
    public async Task Close_MarksClosedWithDate_KeepsRecord_AndRefusesSecondClose()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var id = (await CreateAsync(bureau, NewBusiness(TestDistrict.Code(1004)))).GetProperty("id").GetGuid();
        var closed = await bureau.PostCurrentAsync($"/api/v1/businesses/{id}", "close", new { on = "2026-03-01" }, Ct);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var b = await closed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("Closed", "2026-03-01"), (b.GetProperty("status").GetString(), b.GetProperty("statusSince").GetString()));
        Assert.Equal("closed", (await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/businesses/{id}/history", Ct))[0].GetProperty("change").GetString());
        var again = await bureau.PostCurrentAsync($"/api/v1/businesses/{id}", "close", new { on = "2026-03-02" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task CreditCode_LowercaseAndFullWidth_AreNormalised()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var code = TestDistrict.Code(1005);
        var fullWidth = new string(code.ToLowerInvariant().Select(c => c is >= '0' and <= '9' ? (char)(c + 0xFEE0) : c).ToArray());
        var b = await CreateAsync(bureau, NewBusiness(fullWidth));
        Assert.Equal(code, b.GetProperty("creditCode").GetString());
        Assert.Equal("CreditCode", b.GetProperty("codeKind").GetString());
    }

    [Fact]
    public async Task OldRegistrationNumber_IsAcceptedAndMarked_WrongCheckDigitRefused()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var first14 = "44011160000123";
        var good = first14 + LedgerCode.RegistrationCheckDigit(first14);
        var b = await CreateAsync(bureau, NewBusiness(good));
        Assert.Equal("RegistrationNumber", b.GetProperty("codeKind").GetString());
        var bad = first14 + (char)('0' + (good[^1] - '0' + 1) % 10);
        var refused = await bureau.PostAsJsonAsync("/api/v1/businesses", NewBusiness(bad), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("creditCode", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task DuplicateCode_Conflict()
    {
        using var bureau = await App.SignedInAsync("bureau");
        await CreateAsync(bureau, NewBusiness(TestDistrict.Code(1006)));
        var again = await bureau.PostAsJsonAsync("/api/v1/businesses", NewBusiness(TestDistrict.Code(1006)), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task ExpiredAndExpiringLicences_AreListedByLicenceFilter()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var today = TestDistrict.Today;
        var expired = await CreateAsync(bureau, NewBusiness(TestDistrict.Code(1007), "过期证照店",
            new[] { new { kind = "FoodBusiness", number = "JY1", issuedOn = "2019-01-01", expiresOn = today.AddDays(-3).ToString("yyyy-MM-dd") } }));
        var expiring = await CreateAsync(bureau, NewBusiness(TestDistrict.Code(1008), "将到期店",
            new[] { new { kind = "FoodBusiness", number = "JY2", issuedOn = "2021-01-01", expiresOn = today.AddDays(30).ToString("yyyy-MM-dd") } }));
        Assert.Equal("Expired", expired.GetProperty("licenceState").GetString());
        Assert.Equal("ExpiringSoon", expiring.GetProperty("licenceState").GetString());

        var listed = await bureau.GetFromJsonAsync<JsonElement>("/api/v1/businesses?licence=Expired&pageSize=500", Ct);
        var names = listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Contains("过期证照店", names);
        Assert.DoesNotContain("将到期店", names);
        var soon = await bureau.GetFromJsonAsync<JsonElement>("/api/v1/businesses?licence=ExpiringSoon&pageSize=500", Ct);
        Assert.Contains("将到期店", soon.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task SectorFilter_FindsSecondarySectors()
    {
        using var bureau = await App.SignedInAsync("bureau");
        await CreateAsync(bureau, NewBusiness(TestDistrict.Code(1009), "兼营食品店"));
        var page = await bureau.GetFromJsonAsync<JsonElement>("/api/v1/businesses?sector=FoodSale&pageSize=500", Ct);
        Assert.Contains("兼营食品店", page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.All(page.GetProperty("items").EnumerateArray(),
            i => Assert.Contains("FoodSale", i.GetProperty("sectors").EnumerateArray().Select(s => s.GetString())));
    }

    [Fact]
    public async Task Coordinator_CannotChangeTheLedger()
    {
        using var coordinator = await App.SignedInAsync("coordinator");
        var response = await coordinator.PostAsJsonAsync("/api/v1/businesses", NewBusiness(TestDistrict.Code(1010)), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await App.InDatabaseAsync(db => db.Businesses.AnyAsync(b => b.CreditCode == TestDistrict.Code(1010), Ct)));
    }
}

[Collection("sqlite")]
public sealed class SqliteLedgerTests(SqliteApp app) : LedgerSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresLedgerTests(PostgresApp app) : LedgerSpecification(app), IClassFixture<PostgresApp>;
