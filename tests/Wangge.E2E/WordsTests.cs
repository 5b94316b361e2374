using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>One language, one number, one word: the Chinese pages hold no English sentence, and 在营 counts the same everywhere.</summary>
public sealed partial class WordsTests(AppFixture app) : PageTest(app)
{
    private const string District = "440111";

    /// <summary>Names and codes that stay as they are in a Chinese page.</summary>
    private static readonly string[] AllowedWords =
    [
        "Wangge", "OpenStreetMap", "contributors", "Leaflet", "GeoJSON", "Shapefile", "ESRI", "MultiPolygon", "Polygon", "CSV", "XLSX",
        "Excel", "API", "WGS-84", "GCJ-02", "CGCS2000", "LIVES", "UTF-8", "GBK", "GB18030", "UTF-16", "English", "Max", "mean",
    ];

    [GeneratedRegex(@"[A-Za-z][A-Za-z'’-]*(?:[ \t]+[A-Za-z][A-Za-z'’-]*){2,}")]
    private static partial Regex ThreeEnglishWords();

    private static IEnumerable<string> EnglishRuns(string text)
    {
        foreach (var word in AllowedWords) text = Regex.Replace(text, $@"(?<![A-Za-z]){Regex.Escape(word)}(?![A-Za-z])", "·");
        return ThreeEnglishWords().Matches(text).Select(m => m.Value);
    }

    [Fact]
    public async Task Chinese_pages_show_no_English_sentence()
    {
        using var api = await App.ApiAsAsync("admin", Ct);
        var business = (await api.GetFromJsonAsync<JsonElement>("api/v1/businesses?pageSize=1", Ct)).GetProperty("items")[0].GetProperty("id").GetString();
        var bottom = (await api.GetFromJsonAsync<JsonElement>($"api/v1/ledger?grid={District}", Ct)).GetProperty("children")[0].GetProperty("code").GetString();
        var page = await SignInAsync("admin");
        var found = new List<string>();
        foreach (var path in new[] { "/", "/map", "/ledger", $"/ledger/{bottom}", "/businesses", $"/businesses/{business}", $"/grids/{District}",
                     "/grids/staffing", "/grids/import", "/grids/plan", "/businesses/import" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
            var text = await page.Locator("body").InnerTextAsync();
            found.AddRange(EnglishRuns(text).Select(run => $"{path}: {run}"));
        }
        Assert.Empty(found);
    }

    [Fact]
    public void English_detector_finds_a_sentence_and_allows_names()
    {
        Assert.Equal(["Grid has no border"], EnglishRuns("网格 Grid has no border。"));
        Assert.Empty(EnglishRuns("导入 GeoJSON 或 Shapefile，坐标 WGS-84 或 GCJ-02；Leaflet | © OpenStreetMap contributors"));
    }

    [Fact]
    public async Task Operating_and_key_firms_are_one_number_on_home_ledger_grid_page_and_export()
    {
        using var api = await App.ApiAsAsync("bureau", Ct);
        var export = await api.GetStringAsync($"api/v1/ledger/{District}/export?format=csv", Ct);
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        // Status and key firm are plain words, never quoted, so a split on their own column is safe enough here.
        var exportOperating = lines.Count(l => l.Contains(",在营,", StringComparison.Ordinal));

        var page = await SignInAsync("bureau");
        var home = (NumberIn(await page.Locator("[data-testid=stat-businesses]").InnerTextAsync()),
            NumberIn(await page.Locator("[data-testid=stat-key-firms]").InnerTextAsync()));
        await page.GotoAsync($"/ledger/{District}");
        var ledger = (NumberIn(await page.Locator("[data-testid=ledger-operating]").InnerTextAsync()),
            NumberIn(await page.Locator("[data-testid=ledger-key-firms]").InnerTextAsync()));
        await page.GotoAsync($"/grids/{District}");
        var grid = (NumberIn(await page.Locator("[data-testid=profile-operating]").InnerTextAsync()),
            NumberIn(await page.Locator("[data-testid=profile-key-firms]").InnerTextAsync()));

        Assert.Equal(home, ledger);
        Assert.Equal(home, grid);
        Assert.Equal(home.Item1, exportOperating);
    }

    [Fact]
    public async Task Inspector_sees_the_same_operating_count_on_home_and_ledger()
    {
        var page = await SignInAsync("inspector");
        var home = NumberIn(await page.Locator("[data-testid=stat-businesses]").InnerTextAsync());
        await Expect(page.Locator("[data-testid=today-list]")).ToContainTextAsync(home.ToString("N0"));
        await page.GotoAsync("/ledger");
        Assert.Equal(home, NumberIn(await page.Locator("[data-testid=ledger-operating]").InnerTextAsync()));
    }
}
