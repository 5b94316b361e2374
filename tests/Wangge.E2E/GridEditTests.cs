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

    [Fact]
    public async Task A_picture_uploaded_as_a_border_is_refused_in_Chinese_and_the_border_stays()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("bureau", Ct);
        var code = await FirstAsync(api, null, "Grid");
        var page = await SignInAsync("bureau");
        await page.GotoAsync($"/grids/{code}/edit");
        await Expect(page.Locator("[data-testid=grid-edit-map] path.leaflet-interactive").First).ToBeVisibleAsync(new() { Timeout = MapTimeout });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "选择文件" })).ToBeVisibleAsync();
        var before = await page.Locator("[data-testid=grid-edit-border-state]").InnerTextAsync();

        await page.Locator("input[type=file][data-testid=grid-edit-upload], [data-testid=grid-edit-upload] input[type=file]").First.SetInputFilesAsync(new FilePayload
        {
            Name = "border.geojson", MimeType = "application/geo+json", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13],
        });

        await Expect(page.Locator("[data-testid=grid-edit-error]")).ToHaveTextAsync("无法使用 border.geojson：这是一张 PNG 图片，不是 GeoJSON 或压缩的 Shapefile。");
        await Expect(page.Locator("[data-testid=grid-edit-border-state]")).ToHaveTextAsync(before);
        await ScreenshotAsync(page, "grid-edit-upload-refused");
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
