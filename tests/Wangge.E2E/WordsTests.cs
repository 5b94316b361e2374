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

    /// <summary>Three words of two letters or more: single letters are codes and class chips (A B C D).</summary>
    [GeneratedRegex(@"[A-Za-z][A-Za-z'’-]+(?:[ \t]+[A-Za-z][A-Za-z'’-]+){2,}")]
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
        Assert.Empty(EnglishRuns("导入 GeoJSON 或 Shapefile，坐标 WGS-84 或 GCJ-02；Leaflet | © OpenStreetMap contributors；A B C D"));
    }

    [Fact]
    public async Task Border_import_problems_are_said_in_Chinese()
    {
        var street = await StreetAsync();
        // Two overlapping squares under a real street: an overlap, a gap in the street and a part outside it.
        static string Square(string code, double x)
        {
            var ring = string.Join(",", new[] { (x, 23.20), (x + 0.02, 23.20), (x + 0.02, 23.22), (x, 23.22), (x, 23.20) }
                .Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{p.Item1},{p.Item2}]")));
            return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"测试" + code[^2..] + "\"}," +
                   "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}";
        }
        var file = $$"""{"type":"FeatureCollection","features":[{{Square(street + "99901", 113.30)}},{{Square(street + "99902", 113.31)}}]}""";

        var page = await CheckBordersAsync(street, "squares.geojson", file);
        await Expect(page.Locator("[data-testid=import-problems]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var text = await page.Locator("[data-testid=import-problems]").InnerTextAsync();
        Assert.Contains("重叠", text);
        Assert.Empty(EnglishRuns(text));
        await ScreenshotAsync(page, "words-border-problems");
    }

    [Fact]
    public async Task An_unreadable_border_file_is_refused_in_Chinese_saying_what_it_is()
    {
        // A county map saved as TopoJSON, as web-map tools often do: the page must say so, in Chinese, with the way out.
        var page = await CheckBordersAsync(await StreetAsync(), "counties.json", "{\"type\":\"Topology\",\"objects\":{}}");

        var error = page.Locator("[data-testid=import-error]");
        await Expect(error).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var text = await error.InnerTextAsync();
        Assert.Contains("这是 TopoJSON，不是 GeoJSON", text);
        Assert.Empty(EnglishRuns(text));
        await ScreenshotAsync(page, "words-border-unreadable");
    }

    [Fact]
    public async Task Border_import_ring_repairs_are_said_in_Chinese()
    {
        var street = await StreetAsync();
        // A square with a zero-area spike on its top edge, as quantised web-map files have: repaired on the way in, and said.
        var ring = string.Join(",", new[] { (113.30, 23.20), (113.32, 23.20), (113.32, 23.22), (113.31, 23.22), (113.31, 23.24), (113.31, 23.22), (113.30, 23.22), (113.30, 23.20) }
            .Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{p.Item1},{p.Item2}]")));
        var file = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"" + street + "99903\",\"name\":\"尖刺网格\"}," +
                   "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}]}";

        var page = await CheckBordersAsync(street, "spike.geojson", file);
        var repairs = page.Locator("[data-testid=import-repairs]");
        await Expect(repairs).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var text = await repairs.InnerTextAsync();
        Assert.Contains("尖刺网格", text);
        Assert.Contains("已修复", text);
        Assert.Empty(EnglishRuns(await page.Locator("body").InnerTextAsync()));
        await ScreenshotAsync(page, "words-border-ring-repairs");
    }

    /// <summary>The first street of the demo district.</summary>
    private async Task<string> StreetAsync()
    {
        using var api = await App.ApiAsAsync("admin", Ct);
        var zone = (await api.GetFromJsonAsync<JsonElement>($"api/v1/ledger?grid={District}", Ct)).GetProperty("children")[0].GetProperty("code").GetString();
        return (await api.GetFromJsonAsync<JsonElement>($"api/v1/ledger?grid={zone}", Ct)).GetProperty("children")[0].GetProperty("code").GetString()!;
    }

    /// <summary>Checks a GeoJSON border file under <paramref name="street"/> on the import page, as the administrator.</summary>
    private async Task<IPage> CheckBordersAsync(string street, string name, string file)
    {
        var page = await SignInAsync("admin");
        await page.GotoAsync("/grids/import");
        await Uploads.ChooseFileAsync(page, "import-file", "import-file-name", new FilePayload
        {
            Name = name, MimeType = "application/geo+json", Buffer = System.Text.Encoding.UTF8.GetBytes(file),
        });
        var parent = page.Locator("input[data-testid=import-parent], [data-testid=import-parent] input").First;
        await parent.FillAsync(street);
        await parent.PressAsync("Tab");
        await page.Locator("[data-testid=import-check]").ClickAsync();
        return page;
    }

    [Fact]
    public async Task Ledger_import_reasons_name_the_check_character_and_the_first_line_in_Chinese()
    {
        using var api = await App.ApiAsAsync("station", Ct);
        var grid = (await api.GetFromJsonAsync<JsonElement>("api/v1/ledger", Ct)).GetProperty("children")[0].GetProperty("code").GetString();
        var lines = (await api.GetStringAsync($"api/v1/ledger/{grid}/export?format=csv", Ct)).TrimStart('\uFEFF')
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(3).ToList();
        // Line 2 unchanged, line 3 the same business again (a duplicate), line 4 a wrong check character.
        var bad = lines[2].Split(',', 4);
        bad[2] = "91440111MA0000001X";
        var file = Path.Combine(Path.GetTempPath(), $"words-e2e-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, string.Join('\n', [lines[0], lines[1], lines[1], string.Join(',', bad)]) + "\n",
            new System.Text.UTF8Encoding(true), Ct);
        try
        {
            var page = await SignInAsync("station");
            await page.GotoAsync("/businesses/import");
            await Uploads.ChooseFileAsync(page, "bimport-file", "bimport-file-name", new FilePayload
            {
                Name = "words.csv", MimeType = "text/csv", Buffer = await File.ReadAllBytesAsync(file, Ct),
            });
            await page.Locator("[data-testid=bimport-run]").ClickAsync();
            await Expect(page.Locator("[data-testid=bimport-problems]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            var text = await page.Locator("[data-testid=bimport-problems]").InnerTextAsync();
            Assert.Contains("已在第 2 行出现", text);
            Assert.Contains("的校验位应为", text);
            Assert.Empty(EnglishRuns(text));
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task Business_page_names_who_recorded_an_event_by_name_and_post_not_user_name()
    {
        using var inspector = await App.ApiAsAsync("inspector", Ct);
        var business = (await inspector.GetFromJsonAsync<JsonElement>("api/v1/businesses?pageSize=1&status=Operating", Ct)).GetProperty("items")[0].GetProperty("id").GetString();
        using var api = await App.ApiAsAsync("bureau", Ct);
        var on = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var recorded = await api.PostAsJsonAsync($"api/v1/businesses/{business}/events", new { kind = "Inspection", occurredOn = on, failed = false }, Ct);
        Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync(Ct));

        var page = await SignInAsync("inspector");
        await page.GotoAsync($"/businesses/{business}");
        var events = page.Locator("[data-testid=events-table]");
        await Expect(events).ToContainTextAsync("分局局长");
        await Expect(events).Not.ToContainTextAsync("bureau");
    }

    [Fact]
    public async Task Operating_and_key_firms_are_one_number_on_home_ledger_grid_page_and_export()
    {
        using var api = await App.ApiAsAsync("bureau", Ct);
        var page = await SignInAsync("bureau");
        // Other tests add businesses to the same demo while this one reads: a reading counts only when the export
        // taken before the pages and the one taken after them agree.
        for (var attempt = 1; ; attempt++)
        {
            var before = await ExportOperatingAsync(api);
            await page.GotoAsync("/");
            var home = (NumberIn(await page.Locator("[data-testid=stat-businesses]").InnerTextAsync()),
                NumberIn(await page.Locator("[data-testid=stat-key-firms]").InnerTextAsync()));
            await page.GotoAsync($"/ledger/{District}");
            var ledger = (NumberIn(await page.Locator("[data-testid=ledger-operating]").InnerTextAsync()),
                NumberIn(await page.Locator("[data-testid=ledger-key-firms]").InnerTextAsync()));
            await page.GotoAsync($"/grids/{District}");
            var grid = (NumberIn(await page.Locator("[data-testid=profile-operating]").InnerTextAsync()),
                NumberIn(await page.Locator("[data-testid=profile-key-firms]").InnerTextAsync()));
            if (await ExportOperatingAsync(api) != before && attempt < 5)
                continue;

            Assert.Equal(home, ledger);
            Assert.Equal(home, grid);
            Assert.Equal(home.Item1, before);
            return;
        }
    }

    /// <summary>The operating businesses in the district's CSV export.</summary>
    private static async Task<int> ExportOperatingAsync(HttpClient api)
    {
        var export = await api.GetStringAsync($"api/v1/ledger/{District}/export?format=csv", Ct);
        // Status and key firm are plain words, never quoted, so a split on their own column is safe enough here.
        return export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Count(l => l.Contains(",在营,", StringComparison.Ordinal));
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
