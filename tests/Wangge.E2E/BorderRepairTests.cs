using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>The border import page's repair (issue 11 §3): changes listed on the map and in the table, saved only once confirmed.</summary>
public sealed class BorderRepairTests(AppFixture app) : PageTest(app)
{
    [Fact]
    public async Task Repair_checkbox_lists_the_changes_and_asks_before_saving()
    {
        App.RequireBrowser();
        var (street, file) = await DriftedStreetAsync();
        var page = await SignInAsync("admin");
        await page.GotoAsync("/grids/import");
        await Uploads.ChooseFileAsync(page, "import-file", "import-file-name", new FilePayload
        {
            Name = "drifted.geojson", MimeType = "application/geo+json", Buffer = Encoding.UTF8.GetBytes(file),
        });
        var parent = page.Locator("input[data-testid=import-parent], [data-testid=import-parent] input").First;
        await parent.FillAsync(street);
        await parent.PressAsync("Tab");
        await page.Locator("[data-testid=import-check]").ClickAsync();
        await Expect(page.Locator("[data-testid=import-problems-title]")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        await page.Locator("input[data-testid=import-repair], [data-testid=import-repair] input").First.CheckAsync();
        await page.Locator("[data-testid=import-save]").ClickAsync();

        // "Check and save" with the repair on only checks: the changes wait for the user's confirmation.
        await Expect(page.Locator("[data-testid=import-repair-changes]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=import-repair-confirm]")).ToBeEnabledAsync();
        await Expect(page.Locator("[data-testid=import-saved]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=import-problems] tbody tr").First).ToContainTextAsync("平方米");
        await Expect(page.Locator("[data-testid=import-map] path.leaflet-interactive")).Not.ToHaveCountAsync(0);
        await ScreenshotAsync(page, "border-repair");
    }

    /// <summary>
    /// A street's grids as exported, with the first one shrunk by 1 % towards its first vertex: slivers open along its edges
    /// that the check refuses and the repair closes.
    /// </summary>
    private async Task<(string Street, string File)> DriftedStreetAsync()
    {
        using var api = await App.ApiAsAsync("admin", Ct);
        var all = JsonNode.Parse(await api.GetStringAsync("api/v1/grids/export?format=GeoJson", Ct))!["features"]!.AsArray();
        var grids = all.Where(f => (string?)f!["properties"]!["level"] == "Grid").ToList();
        var street = grids.GroupBy(f => (string)f!["properties"]!["parent"]!).FirstOrDefault(g => g.Count() >= 2)?.Key
            ?? throw new InvalidOperationException($"No street with two grids among {all.Count} features: " +
                string.Join(", ", all.GroupBy(f => (string?)f!["properties"]!["level"]).Select(g => $"{g.Key} {g.Count()}")));
        var children = grids.Where(f => (string?)f!["properties"]!["parent"] == street).Select(f => f!.DeepClone()).ToList();
        var geometry = children[0]!["geometry"]!;
        var polygons = (string?)geometry["type"] == "Polygon" ? new JsonArray(geometry["coordinates"]!.DeepClone()) : geometry["coordinates"]!.AsArray();
        geometry["type"] = "MultiPolygon";
        geometry["coordinates"] = polygons;
        var origin = polygons[0]![0]![0]!.AsArray();
        var (x0, y0) = ((double)origin[0]!, (double)origin[1]!);
        foreach (var position in polygons.SelectMany(p => p!.AsArray()).SelectMany(r => r!.AsArray()))
        {
            var c = position!.AsArray();
            c[0] = x0 + ((double)c[0]! - x0) * 0.99;
            c[1] = y0 + ((double)c[1]! - y0) * 0.99;
        }
        var file = new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray([.. children]) };
        return (street, file.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
