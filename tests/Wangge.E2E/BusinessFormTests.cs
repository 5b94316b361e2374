using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>A business is registered and edited from its pages, licences too; a closed one offers no new work.</summary>
public sealed class BusinessFormTests(AppFixture app) : PageTest(app)
{
    /// <summary>A unified social credit code no demo business has: organisation part from the test's own number, check character by GB 32100.</summary>
    private static string NewCreditCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        var first17 = $"92440111MA{Random.Shared.Next(0, 9_999_999):D7}";
        var sum = first17.Select((c, i) => alphabet.IndexOf(c) * weights[i]).Sum();
        return first17 + alphabet[(31 - sum % 31) % 31];
    }

    [Fact]
    public async Task Station_chief_registers_a_business_then_edits_it_and_adds_a_licence()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("station", Ct);
        var near = (await api.GetFromJsonAsync<JsonElement>("api/v1/businesses?pageSize=1&page=5", Ct)).GetProperty("items")[0];
        var code = NewCreditCode();

        var page = await SignInAsync("station");
        await page.GotoAsync("/businesses");
        var form = page.Locator("[data-testid=business-form]");
        for (var attempt = 0; attempt < 20 && await form.CountAsync() == 0; attempt++)
        {
            await page.Locator("[data-testid=business-create]").ClickAsync();
            try { await form.WaitForAsync(new() { Timeout = 1000 }); }
            catch (TimeoutException) { }
        }
        await form.Locator("[data-testid=bf-creditCode] input").FillAsync(code);
        await form.Locator("[data-testid=bf-name] input").FillAsync("界面新开小吃店");
        await form.Locator("[data-testid=bf-address] input").FillAsync("界面测试路8号");
        await form.Locator("[data-testid=bf-lon] input").FillAsync(near.GetProperty("lon").GetDouble().ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture));
        await form.Locator("[data-testid=bf-lat] input").FillAsync(near.GetProperty("lat").GetDouble().ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture));
        await form.Locator("[data-testid=bf-contactPerson] input").FillAsync("王五");
        await ScreenshotAsync(page, "business-create-form");
        await form.Locator("[data-testid=business-form-save]").ClickAsync();

        await Expect(page.Locator("[data-testid=business-name]")).ToHaveTextAsync("界面新开小吃店");
        await Expect(page.Locator("[data-testid=business-code]")).ToHaveTextAsync(code);
        var id = page.Url.Split('/')[^1];

        // Edit the record: a new name and phone, saved over the version shown.
        await page.Locator("[data-testid=business-edit]").ClickAsync();
        await form.Locator("[data-testid=bf-name] input").FillAsync("界面改名小吃店");
        await form.Locator("[data-testid=bf-contactPhone] input").FillAsync("13800138123");
        await form.Locator("[data-testid=business-form-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=business-name]")).ToHaveTextAsync("界面改名小吃店");

        // Add a licence.
        await page.Locator("[data-testid=licences-manage]").ClickAsync();
        var licences = page.Locator("[data-testid=licence-editor]");
        await licences.Locator("[data-testid=lf-number] input").FillAsync("JY14401110000123");
        await licences.Locator("[data-testid=licence-save]").ClickAsync();
        await Expect(licences.Locator("[data-testid=licence-row]")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "business-licence-editor");

        var record = await api.GetFromJsonAsync<JsonElement>($"api/v1/businesses/{id}", Ct);
        Assert.Equal(("界面改名小吃店", "13800138123", "JY14401110000123", 3), (record.GetProperty("name").GetString(), record.GetProperty("contactPhone").GetString(),
            record.GetProperty("licences")[0].GetProperty("number").GetString(), record.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Edit_over_a_version_someone_else_changed_is_refused_with_a_reload()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("station", Ct);
        var id = (await api.GetFromJsonAsync<JsonElement>("api/v1/businesses?status=Operating&pageSize=1&page=7", Ct))
            .GetProperty("items")[0].GetProperty("id").GetString();

        var page = await SignInAsync("station");
        await page.GotoAsync($"/businesses/{id}");
        var form = page.Locator("[data-testid=business-form]");
        for (var attempt = 0; attempt < 20 && await form.CountAsync() == 0; attempt++)
        {
            await page.Locator("[data-testid=business-edit]").ClickAsync();
            try { await form.WaitForAsync(new() { Timeout = 1000 }); }
            catch (TimeoutException) { }
        }

        using var read = await api.GetAsync($"api/v1/businesses/{id}", Ct);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"api/v1/businesses/{id}") { Content = JsonContent.Create(new { contactPerson = "别人改的" }) };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        (await api.SendAsync(put, Ct)).EnsureSuccessStatusCode();

        await form.Locator("[data-testid=bf-name] input").FillAsync("我改的名字");
        await form.Locator("[data-testid=business-form-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=business-form-stale]")).ToContainTextAsync("已有其他人保存");
        var record = await api.GetFromJsonAsync<JsonElement>($"api/v1/businesses/{id}", Ct);
        Assert.Equal("别人改的", record.GetProperty("contactPerson").GetString());
        Assert.NotEqual("我改的名字", record.GetProperty("name").GetString());

        await page.Locator("[data-testid=business-form-reload]").ClickAsync();
        await Expect(page.Locator("[data-testid=business-form-stale]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_closed_business_offers_no_event_form_and_no_licence_editing()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("station", Ct);
        var id = (await api.GetFromJsonAsync<JsonElement>("api/v1/businesses?status=Closed&pageSize=1", Ct)).GetProperty("items")[0].GetProperty("id").GetString();

        var page = await SignInAsync("station");
        await page.GotoAsync($"/businesses/{id}");
        await Expect(page.Locator("[data-testid=business-closed-note]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=event-form]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=licences-manage]")).ToHaveCountAsync(0);
        // The record itself can still be corrected (and reopened).
        await Expect(page.Locator("[data-testid=business-edit]")).ToBeVisibleAsync();
    }
}
