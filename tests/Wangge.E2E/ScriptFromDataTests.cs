using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>
/// Names are data, never markup: a grid and a business named like HTML that would run script show as those
/// characters on every page and map label, and nothing runs. The names are stored once, through the API, on one
/// town grid that no other test looks at (a border import renaming it, and a ledger edit of one of its businesses).
/// </summary>
[Collection("trust")]
public sealed class ScriptFromDataTests(AppFixture app) : PageTest(app)
{
    public const string GridName = "<img src=x onerror=\"window.__xss=1\">网格";
    public const string BusinessName = "<script>window.__xss=2</script><img src=x onerror=\"window.__xss=3\">商户";

    private sealed record Planted(string Street, string StreetName, string Grid, string BusinessId, JsonObject Borders);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Planted? _planted;

    [Fact]
    public async Task Hostile_names_show_literally_and_run_nothing_on_every_page_that_shows_them()
    {
        App.RequireBrowser();
        var planted = await PlantAsync();
        var page = await SignInAsync("admin");
        var watch = Watch(page);

        // The map: the street's grids are named on the map itself (permanent labels), then the grid alone.
        await page.GotoAsync("/map");
        await page.Locator("[data-testid=map-table] tbody tr", new() { HasText = planted.StreetName }).ClickAsync();
        await ExpectLabelAsync(page.Locator(".leaflet-tooltip.grid-label", new() { HasText = GridName }), GridName);
        await Expect(page.Locator("[data-testid=map-table] td", new() { HasText = GridName })).ToHaveTextAsync(GridName);
        await NothingRanAsync(page, watch, "map, street level");
        await page.Locator("[data-testid=map-table] tbody tr", new() { HasText = GridName }).ClickAsync();
        await Expect(page.Locator("[data-testid=map-title]")).ToHaveTextAsync(GridName);
        await ExpectLabelAsync(page.Locator(".leaflet-tooltip.grid-label", new() { HasText = GridName }), GridName);
        await NothingRanAsync(page, watch, "map, grid level");
        await ScreenshotAsync(page, "xss-map");

        await page.GotoAsync($"/grids/{planted.Grid}");
        await Expect(page.Locator("[data-testid=grid-title]")).ToHaveTextAsync(GridName);
        await ExpectLabelAsync(page.Locator(".leaflet-tooltip.grid-label", new() { HasText = GridName }), GridName);
        await NothingRanAsync(page, watch, "grid page");

        await page.GotoAsync($"/businesses/{planted.BusinessId}");
        await Expect(page.Locator("[data-testid=business-name]")).ToHaveTextAsync(BusinessName);
        await Expect(page.Locator("[data-testid=business-grid-link]")).ToHaveTextAsync(GridName);
        await NothingRanAsync(page, watch, "business page");
        await ScreenshotAsync(page, "xss-business");

        await page.GotoAsync($"/ledger/{planted.Street}");
        await Expect(page.Locator("[data-testid=ledger-row]", new() { HasText = GridName })).ToHaveCountAsync(1);
        await NothingRanAsync(page, watch, "ledger");

        await page.GotoAsync($"/businesses?grid={planted.Grid}");
        await Expect(page.GetByText(BusinessName, new() { Exact = true })).ToHaveCountAsync(1);
        await NothingRanAsync(page, watch, "businesses list");

        // The border import's problem map: the file overlaps the hostile grid with a copy that is named like it too;
        // every outline's tooltip is opened, each shows the names as text.
        await page.GotoAsync("/grids/import");
        await Uploads.ChooseFileAsync(page, "import-file", "import-file-name", new FilePayload
        {
            Name = "overlap.geojson", MimeType = "application/geo+json", Buffer = Encoding.UTF8.GetBytes(OverlappingFile(planted)),
        });
        var parent = page.Locator("input[data-testid=import-parent], [data-testid=import-parent] input").First;
        await parent.FillAsync(planted.Street);
        await parent.PressAsync("Tab");
        await page.Locator("[data-testid=import-check]").ClickAsync();
        await Expect(page.Locator("[data-testid=import-problems-title]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var outlines = page.Locator("[data-testid=import-map] path.leaflet-interactive");
        await Expect(outlines).Not.ToHaveCountAsync(0);
        for (var i = 0; i < await outlines.CountAsync(); i++)
            await outlines.Nth(i).DispatchEventAsync("mouseover", new { clientX = 10, clientY = 10 });
        await Expect(page.Locator("[data-testid=import-map] .leaflet-tooltip", new() { HasText = GridName }).First).ToBeVisibleAsync();
        await NothingRanAsync(page, watch, "border import problem map");
        await ScreenshotAsync(page, "xss-import");
    }

    [Fact]
    public async Task Every_label_of_the_map_modules_takes_text()
    {
        App.RequireBrowser();
        var page = await SignInAsync("station");
        var watch = Watch(page);
        // Each module draws the hostile names in every label it has, with every tooltip opened; a module that set
        // one of them as HTML would leave an <img> or <script> element in the map.
        var found = JsonDocument.Parse(await page.EvaluateAsync<string>(ModuleProbe, new { grid = GridName, business = BusinessName })).RootElement;
        foreach (var module in found.EnumerateObject())
        {
            Assert.Equal(0, module.Value.GetProperty("elements").GetInt32());
            var texts = module.Value.GetProperty("texts").EnumerateArray().Select(t => t.GetString()!).ToList();
            Assert.True(texts.Count >= 2, $"{module.Name} showed {texts.Count} labels");
            Assert.All(texts, t => Assert.True(t.Contains(GridName, StringComparison.Ordinal) || t.Contains(BusinessName, StringComparison.Ordinal),
                $"{module.Name} label \"{t}\" lost the name's characters"));
        }
        await NothingRanAsync(page, watch, "map modules");
    }

    [Fact]
    public async Task Plan_map_labels_each_district_with_its_number_and_workload_as_text()
    {
        App.RequireBrowser();
        var page = await SignInAsync("station");
        var watch = Watch(page);
        await page.GotoAsync("/grids/plan");
        var propose = page.Locator("[data-testid=plan-propose]");
        await Expect(propose).ToBeEnabledAsync();
        // The prerendered button is enabled before the page's circuit is up: click until the page starts working.
        var started = page.Locator("[data-testid=plan-map], [data-testid=plan-progress]");
        for (var attempt = 0; attempt < 10 && await started.CountAsync() == 0; attempt++)
        {
            await propose.ClickAsync();
            try { await started.First.WaitForAsync(new() { Timeout = 3_000 }); }
            catch (TimeoutException) { }
        }
        var labels = page.Locator("[data-testid=plan-map] .plan-label");
        await Expect(labels.First.Locator(".plan-label-no")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        foreach (var label in await labels.AllAsync())
        {
            await Expect(label.Locator(".plan-label-no")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
            await Expect(label.Locator(".plan-label-load")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d.,]+$"));
        }
        await NothingRanAsync(page, watch, "plan map");
        await ScreenshotAsync(page, "plan-map-station");
    }

    [Fact]
    public async Task Pages_and_api_answers_carry_the_security_headers_and_no_page_breaks_its_policy()
    {
        App.RequireBrowser();
        var page = await SignInAsync("admin");
        var watch = Watch(page);
        foreach (var path in new[] { "/", "/map", "/ledger", "/businesses", "/businesses/import", "/grids/import", "/grids/plan", "/grids/staffing", "/api-docs/index.html" })
        {
            var response = await page.GotoAsync(path);
            Assert.NotNull(response);
            AssertHeaders(await response.AllHeadersAsync(), path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await NothingRanAsync(page, watch, path);
        }
        using var api = await App.ApiAsAsync("admin", Ct);
        using var answer = await api.GetAsync("api/v1/businesses?pageSize=1", Ct);
        AssertHeaders(answer.Headers.Concat(answer.Content.Headers).ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value)), "api/v1/businesses");
    }

    private static void AssertHeaders(IReadOnlyDictionary<string, string> headers, string path)
    {
        Assert.True(headers.TryGetValue("content-security-policy", out var csp), $"{path} has no Content-Security-Policy");
        var directives = csp!.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ') + 1)..]);
        Assert.Equal("'self'", directives["script-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'self'", directives["base-uri"]);
        Assert.Equal("'self'", directives["form-action"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.True(headers.ContainsKey("referrer-policy"), $"{path} has no Referrer-Policy");
    }

    /// <summary>Dialogs, page errors and policy violations the page reports while the test looks at it.</summary>
    private sealed class Watcher
    {
        public List<string> Events { get; } = [];
    }

    private static Watcher Watch(IPage page)
    {
        var watch = new Watcher();
        page.Dialog += (_, dialog) => { lock (watch) watch.Events.Add($"dialog: {dialog.Message}"); _ = dialog.DismissAsync(); };
        page.PageError += (_, error) => { lock (watch) watch.Events.Add($"page error: {error}"); };
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                lock (watch) watch.Events.Add($"console: {message.Text}");
        };
        return watch;
    }

    private static async Task NothingRanAsync(IPage page, Watcher watch, string where)
    {
        var state = await page.EvaluateAsync<JsonElement>(
            "() => ({ xss: window.__xss === undefined ? null : String(window.__xss), planted: document.querySelectorAll('img[src=\"x\"], script:not([src])').length })");
        Assert.True(state.GetProperty("xss").ValueKind == JsonValueKind.Null, $"{where}: script from data ran (window.__xss = {state.GetProperty("xss")})");
        Assert.Equal(0, state.GetProperty("planted").GetInt32());
        lock (watch) Assert.True(watch.Events.Count == 0, $"{where}: {string.Join("\n", watch.Events)}");
    }

    private static async Task ExpectLabelAsync(ILocator label, string text)
    {
        // One label: a redrawn map's old labels fade out for a moment after the new ones appear.
        await Expect(label).ToHaveCountAsync(1);
        await Expect(label).ToHaveTextAsync(text);
        await Expect(label.Locator("img, script")).ToHaveCountAsync(0);
    }

    /// <summary>The street's grids as they are, plus a copy of the hostile grid under a new code: one overlap to show.</summary>
    private static string OverlappingFile(Planted planted)
    {
        var file = planted.Borders.DeepClone().AsObject();
        var features = file["features"]!.AsArray();
        var copy = features.Single(f => (string?)f!["properties"]!["code"] == planted.Grid)!.DeepClone();
        copy["properties"]!["code"] = planted.Street + "99901";
        features.Add(copy);
        return file.ToJsonString();
    }

    private async Task<Planted> PlantAsync()
    {
        await Gate.WaitAsync(Ct);
        try
        {
            return _planted ??= await PlantOnceAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<Planted> PlantOnceAsync()
    {
        using var admin = await App.ApiAsAsync("admin", Ct);
        using var inspector = await App.ApiAsAsync("inspector", Ct);
        var fieldGrid = (await admin.GetFromJsonAsync<JsonElement>("api/v1/grids", Ct))[0];
        var fieldGridCode = (await inspector.GetFromJsonAsync<JsonElement>("api/v1/grids", Ct))[0].GetProperty("code").GetString();
        // A street with two or more grids, none of them the field accounts' grid that other tests look at.
        (string Code, string Name)? street = null;
        foreach (var zone in await ChildrenAsync(admin, fieldGrid.GetProperty("code").GetString()!))
        {
            foreach (var s in await ChildrenAsync(admin, zone.GetProperty("code").GetString()!))
            {
                var grids = await ChildrenAsync(admin, s.GetProperty("code").GetString()!);
                if (grids.Count >= 2 && grids.All(g => g.GetProperty("code").GetString() != fieldGridCode))
                {
                    street = (s.GetProperty("code").GetString()!, s.GetProperty("name").GetString()!);
                    break;
                }
            }
            if (street is not null) break;
        }
        Assert.NotNull(street);
        var (code, name) = street.Value;

        // Rename the street's last grid by importing the street's borders unchanged under the new name.
        var borders = JsonNode.Parse(await admin.GetStringAsync($"api/v1/grids/map?parent={code}", Ct))!.AsObject();
        foreach (var f in borders["features"]!.AsArray())
        {
            var p = f!["properties"]!;
            f["properties"] = new JsonObject { ["code"] = (string?)p["code"], ["name"] = (string?)p["name"], ["parent"] = code };
        }
        var target = borders["features"]!.AsArray().Last()!["properties"]!;
        var grid = (string)target["code"]!;
        target["name"] = GridName;
        using var form = new MultipartFormDataContent();
        var file = new StringContent(borders.ToJsonString(), Encoding.UTF8);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
        form.Add(file, "file", "rename.geojson");
        using (var imported = await admin.PostAsync($"api/v1/grids/import?parent={code}&reason=e2e%20hostile%20name", form, Ct))
            Assert.True(imported.IsSuccessStatusCode, $"renaming the grid: {(int)imported.StatusCode} {await imported.Content.ReadAsStringAsync(Ct)}");

        var business = (await admin.GetFromJsonAsync<JsonElement>($"api/v1/businesses?grid={grid}&pageSize=1", Ct)).GetProperty("items")[0].GetProperty("id").GetString()!;
        // A change is made over the version read, as every API client makes it (ETag back in If-Match).
        var version = (await admin.GetFromJsonAsync<JsonElement>($"api/v1/businesses/{business}", Ct)).GetProperty("version").GetInt32();
        using (var renamed = await admin.PutAsJsonAsync($"api/v1/businesses/{business}", new { name = BusinessName, version }, Ct))
            Assert.True(renamed.IsSuccessStatusCode, $"renaming the business: {(int)renamed.StatusCode} {await renamed.Content.ReadAsStringAsync(Ct)}");
        return new Planted(code, name, grid, business, borders);
    }

    private static async Task<List<JsonElement>> ChildrenAsync(HttpClient api, string parent) =>
        (await api.GetFromJsonAsync<JsonElement>($"api/v1/grids?parent={parent}", Ct)).EnumerateArray().ToList();

    /// <summary>Runs each map module on a scratch element with the hostile names in every field it labels with.</summary>
    private const string ModuleProbe = """
        async ({ grid, business }) => {
          const square = (x, properties) => ({ type: 'Feature', properties,
            geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] } });
          const collection = features => JSON.stringify({ type: 'FeatureCollection', features });
          const results = {};
          const probe = async (name, draw) => {
            const host = document.createElement('div');
            host.style.cssText = 'position:fixed;left:0;top:0;width:640px;height:480px';
            document.body.appendChild(host);
            const opened = await draw(host);
            // Leaflet's own deferred work (fitting, resizing) runs before the map goes away.
            await new Promise(done => setTimeout(done, 300));
            const labels = [...host.querySelectorAll('.leaflet-tooltip, .plan-label')];
            results[name] = { texts: labels.map(l => l.textContent), elements: host.querySelectorAll('img[src="x"], script').length };
            opened.dispose();
            host.remove();
          };
          const feature = (x, extra) => square(x, { code: '44011110399901', name: grid, businessCount: 3, staffingProblems: 0, ...extra });

          await probe('map.js few grids', async host => {
            const m = (await import('/js/map.js')).create(host, {});
            m.setBorders(collection([feature(0), feature(2)]), null, null, 'workload');
            m.setBusinesses([{ lat: 0.5, lon: 0.5, name: business }, { lat: 0.6, lon: 0.6, name: business }]);
            m.markers.eachLayer(l => l.openTooltip());
            return m;
          });
          await probe('map.js many grids', async host => {
            const m = (await import('/js/map.js')).create(host, {});
            m.setBorders(collection([...Array(41).keys()].map(i => feature(i * 2))), null, null, 'staffing');
            m.borders.eachLayer(l => l.openTooltip());
            return m;
          });
          await probe('plan-map.js', async host => {
            const m = (await import('/js/plan-map.js')).create(host, { palette: ['#1f77b4', '#ff7f0e'], unitTip: '{0} · {1} · {2}' });
            const units = [0, 2].map((x, i) => square(x, { id: 'u' + i, name: grid, weight: 1, district: i }));
            const districts = [0, 2].map((x, i) => square(x, { index: i, contiguous: true, labelLat: 0.5, labelLon: x + 0.5, load: business }));
            m.showPlan(collection(units), collection(districts), null);
            m.units.eachLayer(l => l.openTooltip());
            return m;
          });
          await probe('problem-map.js', async host => {
            const m = (await import('/js/problem-map.js')).create(host, {});
            m.setContext(collection([square(0, { role: 'child', code: grid, name: grid }), square(2, { role: 'parent', code: grid, name: grid })]));
            m.setProblems(collection([square(0, { index: 0, kind: 'Overlap', label: grid, codes: business, area: 12, pin: [0.5, 0.5] })]));
            m.context.eachLayer(l => l.openTooltip());
            m.problems.eachLayer(l => l.openTooltip && l.openTooltip());
            return m;
          });
          return JSON.stringify(results);
        }
        """;
}
