using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>The ledger pages: the rollup adds up, a business shows why it has its class, and only managers override it.</summary>
public sealed class LedgerTests(AppFixture app) : PageTest(app)
{
    [Fact]
    public async Task Ledger_page_shows_children_whose_counts_add_up_to_the_total()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("bureau", Ct);
        var rollup = await api.GetFromJsonAsync<JsonElement>("api/v1/ledger", Ct);
        var total = rollup.GetProperty("totals").GetProperty("total").GetInt32();

        var page = await SignInAsync("bureau");
        await page.GotoAsync("/ledger");
        var rows = page.Locator("[data-testid=ledger-row]");
        await Expect(rows).ToHaveCountAsync(rollup.GetProperty("children").GetArrayLength());
        var childTotals = (await page.Locator("[data-testid=ledger-row-total]").AllInnerTextsAsync()).Sum(NumberIn);
        var unplaced = await page.Locator("[data-testid=ledger-unplaced-total]").CountAsync() > 0
            ? NumberIn(await page.Locator("[data-testid=ledger-unplaced-total]").InnerTextAsync()) : 0;
        Assert.Equal(total, NumberIn(await page.Locator("[data-testid=ledger-total]").InnerTextAsync()));
        Assert.Equal(total, childTotals + unplaced);
        await Expect(page.Locator("[data-testid=ledger-export-xlsx]")).ToHaveAttributeAsync("href", $"api/v1/ledger/{rollup.GetProperty("node").GetProperty("code").GetString()}/export?format=xlsx");
        await ScreenshotAsync(page, "ledger-summary-bureau");

        // Down one level: the breadcrumb leads back, and the zone's rows add up to the zone's total.
        await rows.First.Locator("[data-testid=ledger-row-link]").ClickAsync();
        await Expect(page.Locator("[data-testid=ledger-breadcrumb]")).ToBeVisibleAsync();
        var zoneTotal = NumberIn(await page.Locator("[data-testid=ledger-total]").InnerTextAsync());
        Assert.Equal(zoneTotal, (await page.Locator("[data-testid=ledger-row-total]").AllInnerTextsAsync()).Sum(NumberIn));
    }

    [Fact]
    public async Task Ledger_filter_counts_what_the_filtered_search_counts()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("station", Ct);
        var keyFirms = (await api.GetFromJsonAsync<JsonElement>("api/v1/businesses?keyIndustry=true&pageSize=1", Ct)).GetProperty("total").GetInt32();

        var page = await SignInAsync("station");
        await page.GotoAsync("/ledger");
        await Expect(page.Locator("[data-testid=ledger-total]")).ToBeVisibleAsync();
        await PickAsync(page, "filter-key", "重点企业");
        // The filter navigates inside the page (history API), so there is no load event to wait for: poll the URL.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("keyIndustry=true"));
        await WaitForNumberAsync(page.Locator("[data-testid=ledger-total]"), keyFirms);
    }

    [Fact]
    public async Task Business_page_shows_each_factor_of_its_score()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("inspector", Ct);
        var id = (await api.GetFromJsonAsync<JsonElement>("api/v1/businesses?pageSize=1", Ct)).GetProperty("items")[0].GetProperty("id").GetString();
        var risk = await api.GetFromJsonAsync<JsonElement>($"api/v1/businesses/{id}/risk", Ct);
        var factors = risk.GetProperty("factors");
        Assert.True(factors.GetArrayLength() > 0, "a business always has at least its sector's points");

        var page = await SignInAsync("inspector");
        await page.GotoAsync($"/businesses/{id}");
        await Expect(page.Locator("[data-testid=business-class]")).ToHaveTextAsync(risk.GetProperty("effectiveClass").GetString()!);
        var rows = page.Locator("[data-testid=risk-factor]");
        await Expect(rows).ToHaveCountAsync(factors.GetArrayLength());
        var texts = await rows.AllInnerTextsAsync();
        foreach (var (text, factor) in texts.Zip(factors.EnumerateArray()))
        {
            // Translated, not the factor's code, and with its points.
            Assert.DoesNotContain(factor.GetProperty("factor").GetString()!, text, StringComparison.Ordinal);
            Assert.Contains(factor.GetProperty("points").GetDouble().ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        }
        Assert.Equal(risk.GetProperty("score").GetDouble(), double.Parse(await page.Locator("[data-testid=risk-score]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-testid=risk-treatment]")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "business-inspector");
    }

    [Fact]
    public async Task Inspector_records_events_but_does_not_see_the_override_form()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("inspector", Ct);
        var id = (await api.GetFromJsonAsync<JsonElement>("api/v1/businesses?pageSize=1", Ct)).GetProperty("items")[0].GetProperty("id").GetString();

        var page = await SignInAsync("inspector");
        await page.GotoAsync($"/businesses/{id}");
        await Expect(page.Locator("[data-testid=event-form]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=business-actions] .mud-tab").Filter(new() { HasText = "调整等级" })).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=override-form]")).ToHaveCountAsync(0);

        var coordinator = await SignInAsync("coordinator");
        await coordinator.GotoAsync($"/businesses/{id}");
        await Expect(coordinator.Locator("[data-testid=business-risk-card]")).ToBeVisibleAsync();
        await Expect(coordinator.Locator("[data-testid=business-actions]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Station_chief_records_a_failed_spot_check_and_the_class_chip_changes_at_once()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("station", Ct);
        var (id, before) = await BusinessOneSpotCheckMovesAsync(api);

        var page = await SignInAsync("station");
        await page.GotoAsync($"/businesses/{id}");
        var chip = page.Locator("[data-testid=business-class]");
        await Expect(chip).ToHaveTextAsync(before);
        await PickAsync(page, "event-kind", "监督抽检");
        await page.Locator("[data-testid=event-failed] input").CheckAsync();
        await page.Locator("[data-testid=event-reference] input").FillAsync($"E2E-{Guid.NewGuid():N}"[..20]);
        await page.Locator("[data-testid=event-save]").ClickAsync();

        await Expect(chip).Not.ToHaveTextAsync(before, new() { Timeout = 15_000 });
        var after = (await api.GetFromJsonAsync<JsonElement>($"api/v1/businesses/{id}/risk", Ct)).GetProperty("effectiveClass").GetString()!;
        await Expect(chip).ToHaveTextAsync(after);
        Assert.True(string.CompareOrdinal(after, before) > 0, $"a failed spot check raises the class: {before} → {after}");
        await Expect(page.Locator("[data-testid=events-table] tbody tr").First).ToContainTextAsync("不合格");
        await ScreenshotAsync(page, "business-spot-check-recorded");

        // A reason too short for an override is refused next to the form, in Chinese.
        await page.Locator("[data-testid=business-actions] .mud-tab").Filter(new() { HasText = "调整等级" }).ClickAsync();
        await page.Locator("[data-testid=override-reason] textarea").FillAsync("太短");
        await page.Locator("[data-testid=override-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=override-reason]")).ToContainTextAsync("至少需要 10 个字");
        await Expect(chip).ToHaveTextAsync(after);
    }

    [Fact]
    public async Task Manager_imports_a_ledger_file_and_a_second_run_changes_nothing()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("station", Ct);
        var grid = (await api.GetFromJsonAsync<JsonElement>("api/v1/ledger", Ct)).GetProperty("children")[0].GetProperty("code").GetString();
        var csv = await api.GetStringAsync($"api/v1/ledger/{grid}/export?format=csv", Ct);
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(4).ToList();
        // The third row gets a credit code whose check character is wrong (the first three columns hold no quoted text).
        var bad = lines[3].Split(',', 4);
        bad[2] = "91440111MA0000001X";
        lines[3] = string.Join(',', bad);
        var file = Path.Combine(Path.GetTempPath(), $"ledger-e2e-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, string.Join('\n', lines) + "\n", new UTF8Encoding(true), Ct);
        try
        {
            var page = await SignInAsync("station");
            for (var run = 0; run < 2; run++)
            {
                await page.GotoAsync("/businesses/import");
                await ChooseFileAsync(page, file);
                await Expect(page.Locator("[data-testid=bimport-run]")).ToBeEnabledAsync();
                await page.Locator("[data-testid=bimport-run]").ClickAsync();
                await Expect(page.Locator("[data-testid=bimport-done]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
                Assert.Equal(3, NumberIn(await page.Locator("[data-testid=bimport-lines]").InnerTextAsync()));
                Assert.Equal(0, NumberIn(await page.Locator("[data-testid=bimport-created]").InnerTextAsync()));
                Assert.Equal(2, NumberIn(await page.Locator("[data-testid=bimport-unchanged]").InnerTextAsync()));
                Assert.Equal(1, NumberIn(await page.Locator("[data-testid=bimport-rejected]").InnerTextAsync()));
                await Expect(page.Locator("[data-testid=bimport-problems] tbody tr")).ToHaveCountAsync(1);
                await Expect(page.Locator("[data-testid=bimport-problems] tbody tr")).ToContainTextAsync("校验位");
            }
            await ScreenshotAsync(page, "business-import-report");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// A business of the caller's whose class one failed spot check moves: no override, no spot-check or overdue points
    /// yet, and a score from 15 to under 45, so that 15 more points cross exactly one class boundary (30 or 45).
    /// </summary>
    private static async Task<(string Id, string Class)> BusinessOneSpotCheckMovesAsync(HttpClient api)
    {
        var page = await api.GetFromJsonAsync<JsonElement>("api/v1/businesses?status=Operating&pageSize=100", Ct);
        foreach (var b in page.GetProperty("items").EnumerateArray())
        {
            var id = b.GetProperty("id").GetString()!;
            var risk = await api.GetFromJsonAsync<JsonElement>($"api/v1/businesses/{id}/risk", Ct);
            var factors = risk.GetProperty("factors").EnumerateArray().Select(f => f.GetProperty("factor").GetString()).ToList();
            var score = risk.GetProperty("score").GetDouble();
            if (risk.GetProperty("override").ValueKind == JsonValueKind.Null && score is >= 15 and < 45
                && !factors.Contains("spot_check_failed") && !factors.Contains("inspection_overdue"))
                return (id, risk.GetProperty("effectiveClass").GetString()!);
        }
        Assert.Fail("No business of the station chief's has a score that one failed spot check moves to another class.");
        return default;
    }

    /// <summary>Chooses the file once the page is interactive: a file chosen on the server-rendered page goes nowhere.</summary>
    private static async Task ChooseFileAsync(IPage page, string file)
    {
        var name = page.Locator("[data-testid=bimport-file-name]");
        for (var attempt = 0; attempt < 20 && await name.CountAsync() == 0; attempt++)
        {
            await page.Locator("input[data-testid=bimport-file]").SetInputFilesAsync(file);
            try { await name.WaitForAsync(new() { Timeout = 1000 }); }
            catch (TimeoutException) { }
            catch (PlaywrightException) { }
        }
        await Expect(name).ToBeVisibleAsync();
    }

    /// <summary>Waits until the element's text holds the expected number (the page reloads its counts after a filter).</summary>
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
}
