using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>A page writes over the version it shows: when someone else saved first it says so, saves nothing and offers to reload.</summary>
public sealed class ConcurrencyTests(AppFixture app) : PageTest(app)
{
    [Fact]
    public async Task Closing_a_business_someone_changed_meanwhile_is_refused_with_a_reload()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("station", Ct);
        var id = (await api.GetFromJsonAsync<JsonElement>("api/v1/businesses?status=Operating&pageSize=1&page=3", Ct))
            .GetProperty("items")[0].GetProperty("id").GetString();

        var page = await SignInAsync("station");
        await page.GotoAsync($"/businesses/{id}");
        await Expect(page.Locator("[data-testid=business-record]")).ToBeVisibleAsync();

        // The closure form opens only once the page is interactive; the change below must come after the page read the record.
        var confirm = page.Locator("[data-testid=close-confirm] input");
        for (var attempt = 0; attempt < 20 && !await confirm.IsVisibleAsync(); attempt++)
        {
            await page.Locator("[data-testid=business-actions] .mud-tab").Filter(new() { HasText = "注销" }).ClickAsync();
            try { await confirm.WaitForAsync(new() { Timeout = 1000 }); }
            catch (TimeoutException) { }
        }

        // Another editor saves a change after the page loaded.
        using var read = await api.GetAsync($"api/v1/businesses/{id}", Ct);
        var phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}";
        using var put = new HttpRequestMessage(HttpMethod.Put, $"api/v1/businesses/{id}") { Content = JsonContent.Create(new { contactPhone = phone }) };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        (await api.SendAsync(put, Ct)).EnsureSuccessStatusCode();

        await confirm.CheckAsync();
        await page.Locator("[data-testid=close-save]").ClickAsync();

        var stale = page.Locator("[data-testid=business-stale]");
        await Expect(stale).ToContainTextAsync("已有其他人保存");
        await ScreenshotAsync(page, "business-saved-meanwhile");
        var status = (await api.GetFromJsonAsync<JsonElement>($"api/v1/businesses/{id}", Ct)).GetProperty("status").GetString();
        Assert.Equal("Operating", status);

        await page.Locator("[data-testid=business-reload]").ClickAsync();
        await Expect(stale).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=business-record]")).ToContainTextAsync(phone);
    }
}
