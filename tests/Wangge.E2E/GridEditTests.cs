using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>A grid edited where it is shown: its border drawn on the map, its name changed, saved through the check.</summary>
public sealed class GridEditTests(AppFixture app) : PageTest(app)
{
    /// <summary>The editor's map module loads after the circuit starts; on a busy CI machine with every suite running that takes longer than five seconds.</summary>
    private const float MapTimeout = 20_000;

    [Fact]
    public async Task Bureau_leader_renames_a_grid_on_the_editor_and_a_new_grid_form_shows_its_parent()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("bureau", Ct);
        var code = await FirstAsync(api, null, "Grid");

        var page = await SignInAsync("bureau");
        await page.GotoAsync($"/grids/{code}");
        await page.Locator("[data-testid=grid-edit]").ClickAsync();
        await Expect(page.Locator("[data-testid=grid-edit-title]")).ToContainTextAsync(code);
        // The drawing toolbar and the grid's own border are on the map.
        await Expect(page.Locator("[data-testid=grid-edit-map] .leaflet-pm-toolbar").First).ToBeVisibleAsync(new() { Timeout = MapTimeout });
        await Expect(page.Locator("[data-testid=grid-edit-map] path.leaflet-interactive").First).ToBeVisibleAsync(new() { Timeout = MapTimeout });
        await ScreenshotAsync(page, "grid-edit");

        var name = page.Locator("input[data-testid=grid-edit-name], [data-testid=grid-edit-name] input");
        await name.FillAsync("浏览器改名网格");
        await page.Locator("[data-testid=grid-edit-save]").ClickAsync();
        await page.WaitForURLAsync($"{App.BaseUrl}/grids/{code}");
        await Expect(page.Locator("[data-testid=grid-title]")).ToHaveTextAsync("浏览器改名网格");

        var street = (await api.GetFromJsonAsync<JsonElement>($"api/v1/grids/{code}", Ct)).GetProperty("parentCode").GetString();
        await page.GotoAsync($"/grids/new?parent={street}");
        await Expect(page.Locator("input[data-testid=grid-edit-parent], [data-testid=grid-edit-parent] input")).ToHaveValueAsync(street!);
        await Expect(page.Locator("[data-testid=grid-edit-map] path.leaflet-interactive").First).ToBeVisibleAsync(new() { Timeout = MapTimeout });
        await page.Locator("input[data-testid=grid-edit-code], [data-testid=grid-edit-code] input").FillAsync(street + "99901");
        await page.Locator("input[data-testid=grid-edit-name], [data-testid=grid-edit-name] input").FillAsync("无边界网格");
        await page.Locator("[data-testid=grid-edit-save]").ClickAsync();
        // Without a border nothing is saved, and the page says why.
        await Expect(page.Locator("[data-testid=grid-edit-error]")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "grid-new");
    }

    /// <summary>The first grid of <paramref name="level"/> down the bureau's tree.</summary>
    private static async Task<string> FirstAsync(HttpClient api, string? parent, string level)
    {
        var grids = await api.GetFromJsonAsync<JsonElement>(parent is null ? "api/v1/grids" : $"api/v1/grids?parent={parent}", Ct);
        var first = grids.EnumerateArray().First();
        var code = first.GetProperty("code").GetString()!;
        return first.GetProperty("level").GetString() == level ? code : await FirstAsync(api, code, level);
    }
}
