using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>What a user sees on the map and in the ledger is their own scope, and agrees with the API.</summary>
public sealed class ScopeTests(AppFixture app) : PageTest(app)
{
    [Fact]
    public async Task Inspector_sees_only_their_grid_on_map_and_ledger()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("inspector", Ct);
        var roots = await api.GetFromJsonAsync<JsonElement>("api/v1/grids", Ct);
        var grid = Assert.Single(roots.EnumerateArray());
        Assert.Equal("Grid", grid.GetProperty("level").GetString());
        var code = grid.GetProperty("code").GetString()!;
        var name = grid.GetProperty("name").GetString()!;
        var total = await TotalAsync(api, $"api/v1/businesses?grid={code}&pageSize=1");
        Assert.True(total > 0, $"The API gives the inspector no business in {code}");

        var page = await SignInAsync("inspector");
        await page.GotoAsync("/map");
        var count = page.Locator("[data-testid=map-business-count]");
        await Expect(count).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=map-title]")).ToHaveTextAsync(name);
        Assert.Equal(total, NumberIn(await count.InnerTextAsync()));
        // A bottom grid is shown alone: no list of grids beside the map.
        await Expect(page.Locator("[data-testid=map-table]")).ToHaveCountAsync(0);
        await MapDrawnAsync(page);
        await ScreenshotAsync(page, "map-inspector");

        await page.GotoAsync("/businesses");
        await WaitForNumberAsync(page.Locator("[data-testid=business-total]"), total);
        var cells = page.Locator("[data-testid=business-grid]");
        await Expect(cells).ToHaveCountAsync(Math.Min(25, total));
        Assert.All(await cells.AllInnerTextsAsync(), text => Assert.Equal(name, text.Trim()));
        await ScreenshotAsync(page, "ledger-inspector");
    }

    [Fact]
    public async Task Bureau_leader_sees_all_streets_and_the_whole_ledger()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("bureau", Ct);
        var district = Assert.Single((await api.GetFromJsonAsync<JsonElement>("api/v1/grids", Ct)).EnumerateArray());
        Assert.Equal("District", district.GetProperty("level").GetString());
        var streets = new List<string>();
        foreach (var zone in (await api.GetFromJsonAsync<JsonElement>($"api/v1/grids?parent={district.GetProperty("code").GetString()}", Ct)).EnumerateArray())
            foreach (var street in (await api.GetFromJsonAsync<JsonElement>($"api/v1/grids?parent={zone.GetProperty("code").GetString()}", Ct)).EnumerateArray())
                streets.Add(street.GetProperty("name").GetString()!);
        Assert.Equal(24, streets.Count);
        var total = await TotalAsync(api, "api/v1/businesses?pageSize=1");
        using var inspectorApi = await App.ApiAsAsync("inspector", Ct);
        var inspectorTotal = await TotalAsync(inspectorApi, "api/v1/businesses?pageSize=1");
        Assert.True(total > inspectorTotal, $"bureau's total {total} should exceed the inspector's {inspectorTotal}");

        var page = await SignInAsync("bureau");
        await page.GotoAsync("/map");
        var rows = page.Locator("[data-testid=map-table] tbody tr");
        await Expect(rows).ToHaveCountAsync(streets.Count);
        await Expect(page.Locator("[data-testid=map-title]")).ToHaveTextAsync(district.GetProperty("name").GetString()!);
        var shown = (await page.Locator("[data-testid=map-table] tbody tr td:first-child").AllInnerTextsAsync()).Select(t => t.Trim());
        Assert.Equal(streets.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
        await MapDrawnAsync(page);
        await ScreenshotAsync(page, "map-bureau");

        await page.GotoAsync("/businesses");
        await WaitForNumberAsync(page.Locator("[data-testid=business-total]"), total);
        await Expect(page.Locator("[data-testid=business-grid]")).ToHaveCountAsync(25);
        await ScreenshotAsync(page, "ledger-bureau");
    }

    private static async Task<int> TotalAsync(HttpClient api, string url) =>
        (await api.GetFromJsonAsync<JsonElement>(url, Ct)).GetProperty("total").GetInt32();

    /// <summary>Waits until the element's text holds the expected number (a server-data table starts at 0).</summary>
    private static async Task WaitForNumberAsync(ILocator locator, int expected)
    {
        var clock = Stopwatch.StartNew();
        string text;
        while (true)
        {
            text = await locator.InnerTextAsync();
            if (NumberIn(text) == expected) return;
            if (clock.Elapsed > TimeSpan.FromSeconds(15)) break;
            await Task.Delay(200, Ct);
        }
        Assert.Fail($"Expected {expected} in \"{text}\"");
    }

    /// <summary>Leaflet draws on a canvas (preferCanvas); wait for it and for fitBounds to settle before a screenshot.</summary>
    private static async Task MapDrawnAsync(IPage page)
    {
        await Expect(page.Locator("[data-testid=grid-map] canvas")).Not.ToHaveCountAsync(0);
        await page.WaitForTimeoutAsync(600);
    }
}
