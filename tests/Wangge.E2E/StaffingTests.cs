using System.Net.Http.Json;
using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>Staffing is fixed where it is shown: a station chief staffs a grid without staff from the staffing page.</summary>
[Collection("station roster")]
public sealed class StaffingTests(AppFixture app) : PageTest(app)
{
    /// <summary>
    /// The station's last grid, emptied of staff through the API: what a grid just drawn looks like. (The demo's station has
    /// one grid; once grids can be created one at a time, a created grid is the better subject.)
    /// </summary>
    private static async Task<string> EmptiedGridAsync(HttpClient station)
    {
        var street = (await station.GetFromJsonAsync<JsonElement>("api/v1/grids", Ct))[0].GetProperty("code").GetString();
        var grid = (await station.GetFromJsonAsync<JsonElement>($"api/v1/grids?parent={street}", Ct)).EnumerateArray()
            .Select(g => g.GetProperty("code").GetString()!).Last();
        foreach (var s in (await station.GetFromJsonAsync<JsonElement>($"api/v1/grids/{grid}/staff", Ct)).EnumerateArray()
                     .Where(s => s.GetProperty("to").ValueKind == JsonValueKind.Null))
            (await station.PostAsJsonAsync($"api/v1/grids/staff/{s.GetProperty("id").GetGuid()}/end", new { }, Ct)).EnsureSuccessStatusCode();
        return grid;
    }

    [Fact]
    public async Task Station_chief_assigns_a_leader_and_two_staff_to_a_grid_from_the_staffing_page()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("station", Ct);
        var grid = await EmptiedGridAsync(api);

        var page = await SignInAsync("station");
        await page.GotoAsync("/grids/staffing");
        var fix = page.Locator($"[data-testid=staffing-row][data-grid='{grid}'] [data-testid=staffing-fix]").First;
        var editor = page.Locator("[data-testid=staffing-editor]");
        for (var attempt = 0; attempt < 20 && await editor.CountAsync() == 0; attempt++)
        {
            // A click on the server-rendered page does nothing until the circuit is up.
            await fix.ClickAsync();
            try { await editor.WaitForAsync(new() { Timeout = 1000 }); }
            catch (TimeoutException) { }
        }
        await Expect(editor.Locator("[data-testid=staffing-editor-grid]")).ToContainTextAsync(grid);
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
        await Expect(page.Locator($"[data-testid=staffing-row][data-grid='{grid}']")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "staffing-grid-staffed");

        var current = (await api.GetFromJsonAsync<JsonElement>($"api/v1/grids/{grid}/staff", Ct)).EnumerateArray()
            .Where(s => s.GetProperty("to").ValueKind == JsonValueKind.Null)
            .Select(s => $"{s.GetProperty("personName").GetString()}:{s.GetProperty("role").GetString()}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "林晓东:Leader", "陈思远:Supervisor", "黄佳怡:Supervisor" }.Order(StringComparer.Ordinal), current);

        // The grid page shows the same roster.
        await page.GotoAsync($"/grids/{grid}");
        var roster = page.Locator("[data-testid=roster]");
        await Expect(roster.Locator("[data-testid=roster-row]")).ToHaveCountAsync(3);
        await ScreenshotAsync(page, "grid-roster-editor");
    }
}
