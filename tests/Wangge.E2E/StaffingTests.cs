using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>
/// A new grid from start to staffed, by the station chief alone: he redraws the station's grid smaller on the grid editor,
/// draws a new grid beside it (named and numbered like its sibling), staffs it with a leader and two supervisors on the
/// staffing page, and makes its inspector's account — which he cannot make outside the station.
/// </summary>
[Collection("station roster")]
public sealed class StaffingTests(AppFixture app) : PageTest(app)
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    [Fact]
    public async Task Station_chief_draws_a_new_grid_staffs_it_on_the_staffing_page_and_makes_its_inspector()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("station", Ct);
        var street = (await api.GetFromJsonAsync<JsonElement>("api/v1/grids", Ct))[0].GetProperty("code").GetString()!;
        var old = (await api.GetFromJsonAsync<JsonElement>($"api/v1/grids?parent={street}", Ct)).EnumerateArray().Last();
        var (oldCode, oldName) = (old.GetProperty("code").GetString()!, old.GetProperty("name").GetString()!);
        var original = JsonSerializer.Deserialize<Geometry>((await api.GetFromJsonAsync<JsonElement>($"api/v1/grids/{oldCode}", Ct)).GetProperty("border").GetRawText(), GeoJson)!;
        var (kept, freed) = await SplitOffAnEmptyEdgeAsync(api, oldCode, original);
        var newCode = (long.Parse(oldCode, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The sibling's own pattern with the next number ("龙归第1网格" → "龙归第2网格").
        var newName = Regex.Replace(oldName, @"\d+", m => (int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            var page = await SignInAsync("station");

            // 1. The old grid gives up an edge of its land.
            await page.GotoAsync($"/grids/{oldCode}/edit");
            await UploadBorderAsync(page, kept);
            await page.Locator("[data-testid=grid-edit-save]").ClickAsync();
            await page.WaitForURLAsync($"{App.BaseUrl}/grids/{oldCode}");

            // 2. The new grid on that edge: the form proposes the next code and name after the sibling's.
            await page.GotoAsync($"/grids/new?parent={street}");
            await Expect(page.Locator("input[data-testid=grid-edit-code], [data-testid=grid-edit-code] input")).ToHaveValueAsync(newCode);
            await Expect(page.Locator("input[data-testid=grid-edit-name], [data-testid=grid-edit-name] input")).ToHaveValueAsync(newName);
            await UploadBorderAsync(page, freed);
            await ScreenshotAsync(page, "grid-new-uploaded");
            await page.Locator("[data-testid=grid-edit-save]").ClickAsync();
            await page.WaitForURLAsync($"{App.BaseUrl}/grids/{newCode}");
            await Expect(page.Locator("[data-testid=grid-title]")).ToHaveTextAsync(newName);

            // 3. The staffing page lists it as a grid without a leader; the station chief staffs it there.
            await page.GotoAsync("/grids/staffing");
            var fix = page.Locator($"[data-testid=staffing-row][data-grid='{newCode}'] [data-testid=staffing-fix]").First;
            var editor = page.Locator("[data-testid=staffing-editor]");
            for (var attempt = 0; attempt < 20 && await editor.CountAsync() == 0; attempt++)
            {
                // A click on the server-rendered page does nothing until the circuit is up.
                await fix.ClickAsync();
                try { await editor.WaitForAsync(new() { Timeout = 1000 }); }
                catch (TimeoutException) { }
            }
            await Expect(editor.Locator("[data-testid=staffing-editor-grid]")).ToContainTextAsync(newCode);
            await Expect(editor.Locator("[data-testid=staffing-editor-issues]")).ToContainTextAsync("未配备网格长");
            var rows = editor.Locator("[data-testid=roster-row]");
            var people = new[] { ("网格长", "林晓东", "科员"), ("监管员", "陈思远", "科员"), ("监管员", "黄佳怡", "协管员") };
            for (var i = 0; i < people.Length; i++)
            {
                var (duty, name, post) = people[i];
                await PickAsync(page, "roster-role", duty);
                await editor.Locator("[data-testid=roster-name] input").FillAsync(name);
                await editor.Locator("[data-testid=roster-post] input").FillAsync(post);
                await editor.Locator("[data-testid=roster-assign]").ClickAsync();
                await Expect(rows).ToHaveCountAsync(i + 1);
            }
            await Expect(editor.Locator("[data-testid=staffing-editor-ok]")).ToBeVisibleAsync();
            await Expect(page.Locator($"[data-testid=staffing-row][data-grid='{newCode}']")).ToHaveCountAsync(0);
            await ScreenshotAsync(page, "staffing-grid-staffed");
            var current = (await api.GetFromJsonAsync<JsonElement>($"api/v1/grids/{newCode}/staff", Ct)).EnumerateArray()
                .Where(s => s.GetProperty("to").ValueKind == JsonValueKind.Null)
                .Select(s => $"{s.GetProperty("personName").GetString()}:{s.GetProperty("role").GetString()}").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(new[] { "林晓东:Leader", "陈思远:Supervisor", "黄佳怡:Supervisor" }.Order(StringComparer.Ordinal), current);
            await page.GotoAsync($"/grids/{newCode}");
            await Expect(page.Locator("[data-testid=roster] [data-testid=roster-row]")).ToHaveCountAsync(3);

            // 4. The new grid's inspector gets an account from the station chief, and only inside the station.
            var username = $"e2e{Guid.NewGuid():N}"[..16];
            await page.GotoAsync("/users");
            var form = page.Locator("[data-testid=user-form]");
            for (var attempt = 0; attempt < 20 && await form.CountAsync() == 0; attempt++)
            {
                await page.Locator("[data-testid=user-new]").ClickAsync();
                try { await form.WaitForAsync(new() { Timeout = 1000 }); }
                catch (TimeoutException) { }
            }
            await page.Locator("[data-testid=user-username] input").FillAsync(username);
            await page.Locator("[data-testid=user-name] input").FillAsync("陈思远");
            await PickAsync(page, "user-role", "监管员");
            await PickAsync(page, "user-place", $"{newName} ({newCode})");
            await page.Locator("[data-testid=user-save]").ClickAsync();
            await Expect(page.Locator("[data-testid=temporary-password]")).ToBeVisibleAsync();
            using var bureau = await App.ApiAsAsync("bureau", Ct);
            var created = (await bureau.GetFromJsonAsync<JsonElement>($"api/v1/users?q={username}", Ct)).EnumerateArray().Single();
            Assert.Equal(("Inspector", newCode), (created.GetProperty("role").GetString(), created.GetProperty("grid").GetString()));
            var elsewhere = (await bureau.GetFromJsonAsync<JsonElement>("api/v1/grids/map", Ct)).GetProperty("features").EnumerateArray()
                .Select(f => f.GetProperty("properties").GetProperty("code").GetString()!).First(c => c != street);
            using var outside = await api.PostAsJsonAsync("api/v1/users", new { username = username + "x", name = "越权账号", role = "Inspector", grid = elsewhere }, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
            await bureau.PostAsync($"api/v1/users/{created.GetProperty("id").GetString()}/disable", null, Ct);
        }
        finally { await RestoreAsync(api, street, oldCode, oldName, original, newCode); }
    }

    /// <summary>
    /// Cuts the grid along the side where its land reaches furthest past its businesses, halfway into that strip, so that
    /// no business changes grid under the other tests that read this station at the same time.
    /// </summary>
    private static async Task<(Geometry Kept, Geometry Freed)> SplitOffAnEmptyEdgeAsync(HttpClient api, string grid, Geometry border)
    {
        var points = new List<(double Lon, double Lat)>();
        for (var page = 1; ; page++)
        {
            var result = await api.GetFromJsonAsync<JsonElement>($"api/v1/businesses?grid={grid}&page={page}&pageSize=500", Ct);
            var items = result.GetProperty("items").EnumerateArray().ToList();
            points.AddRange(items.Select(b => (b.GetProperty("lon").GetDouble(), b.GetProperty("lat").GetDouble())));
            if (items.Count < 500) break;
        }
        var e = border.EnvelopeInternal;
        var (minLon, maxLon) = points.Count == 0 ? (e.Centre.X, e.Centre.X) : (points.Min(p => p.Lon), points.Max(p => p.Lon));
        var (minLat, maxLat) = points.Count == 0 ? (e.Centre.Y, e.Centre.Y) : (points.Min(p => p.Lat), points.Max(p => p.Lat));
        var sides = new[]
        {
            (Gap: e.MaxX - maxLon, Freed: new Envelope((maxLon + e.MaxX) / 2, e.MaxX + 1, e.MinY - 1, e.MaxY + 1)),
            (Gap: minLon - e.MinX, Freed: new Envelope(e.MinX - 1, (minLon + e.MinX) / 2, e.MinY - 1, e.MaxY + 1)),
            (Gap: e.MaxY - maxLat, Freed: new Envelope(e.MinX - 1, e.MaxX + 1, (maxLat + e.MaxY) / 2, e.MaxY + 1)),
            (Gap: minLat - e.MinY, Freed: new Envelope(e.MinX - 1, e.MaxX + 1, e.MinY - 1, (minLat + e.MinY) / 2)),
        };
        var side = sides.MaxBy(s => s.Gap);
        Assert.True(side.Gap > 0.002, $"The grid's businesses reach every edge of it (widest empty edge {side.Gap:0.0000}°)");
        var freedBox = border.Factory.ToGeometry(side.Freed);
        return (border.Difference(freedBox), border.Intersection(freedBox));
    }

    /// <summary>Chooses a GeoJSON file of the border until the circuit has taken it (the page names the file and counts its points).</summary>
    private static async Task UploadBorderAsync(IPage page, Geometry border)
    {
        var name = $"border-{Guid.NewGuid():N}"[..15] + ".geojson";
        var file = new FilePayload { Name = name, MimeType = "application/geo+json", Buffer = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(border, GeoJson)) };
        var state = page.Locator("[data-testid=grid-edit-border-state]");
        var expected = $"边界取自 {name}，共 {border.NumPoints} 个点";
        for (var attempt = 0; attempt < 20 && !(await state.InnerTextAsync()).Contains(expected, StringComparison.Ordinal); attempt++)
        {
            await page.Locator("input[type=file][data-testid=grid-edit-upload], [data-testid=grid-edit-upload] input[type=file]").First.SetInputFilesAsync(file);
            try { await Expect(state).ToContainTextAsync(expected, new() { Timeout = 1000 }); }
            catch (PlaywrightException) { }
        }
        await Expect(state).ToContainTextAsync(expected);
    }

    /// <summary>Puts the station back as the demo has it, for the other tests of this collection: one grid, its old border.</summary>
    private static async Task RestoreAsync(HttpClient api, string street, string oldCode, string oldName, Geometry original, string newCode)
    {
        using (var staff = await api.GetAsync($"api/v1/grids/{newCode}/staff", Ct))
            if (staff.IsSuccessStatusCode)
                foreach (var s in (await staff.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray().Where(s => s.GetProperty("to").ValueKind == JsonValueKind.Null))
                    (await api.PostAsJsonAsync($"api/v1/grids/staff/{s.GetProperty("id").GetGuid()}/end", new { }, Ct)).EnsureSuccessStatusCode();
        // A border file is the whole set of its parent's children: the new grid, left out, ends.
        var file = new FeatureCollection { new Feature(original, new AttributesTable { { "code", oldCode }, { "name", oldName }, { "parent", street } }) };
        using var content = new MultipartFormDataContent();
        var body = new StringContent(JsonSerializer.Serialize(file, GeoJson), Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
        content.Add(body, "file", "restore.geojson");
        using var restored = await api.PostAsync("api/v1/grids/import", content, Ct);
        Assert.True(restored.IsSuccessStatusCode, await restored.Content.ReadAsStringAsync(Ct));
    }
}
