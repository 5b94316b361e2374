using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>
/// The pages on a phone (390×844, touch): nothing wider than the screen, rows as short cards; and the map: a
/// legend, names that never overlap, business dots coloured by class that open their business.
/// </summary>
public sealed class PhoneLayoutTests(AppFixture app) : PageTest(app)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task Inspector_pages_have_no_element_wider_than_a_390px_screen()
    {
        var page = await SignInAsync("inspector", Phone, mobile: true);
        await Expect(page.Locator("[data-testid=today]")).ToBeVisibleAsync();
        await AssertFitsAsync(page, "home");

        await page.GotoAsync("/businesses");
        var first = page.Locator("[data-testid=business-link]").First;
        await Expect(first).ToBeVisibleAsync();
        await AssertFitsAsync(page, "businesses");

        await first.ClickAsync();
        await Expect(page.Locator("[data-testid=business-class]")).ToBeVisibleAsync();
        await AssertFitsAsync(page, "business");

        await page.GotoAsync("/map");
        await Expect(page.Locator(".business-dot").First).ToBeAttachedAsync();
        await AssertFitsAsync(page, "map");
    }

    [Theory]
    [InlineData("station", "/ledger", "ledger")]
    [InlineData("bureau", "/grids/staffing", "staffing")]   // the district has staffing problems to list
    [InlineData("station", "/businesses/import", "business-import")]
    [InlineData("bureau", "/grids/import", "grid-import")]
    [InlineData("bureau", "/map", "map-bureau")]
    [InlineData("bureau", "/", "home-bureau")]
    [InlineData("station", "/grids/plan", "plan")]
    [InlineData("inspector", "/account/culture?culture=en&returnUrl=%2Fbusinesses", "businesses-english")]
    public async Task Other_pages_have_no_element_wider_than_a_390px_screen(string user, string path, string name)
    {
        var page = await SignInAsync(user, Phone, mobile: true);
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertFitsAsync(page, name);
    }

    [Fact]
    public async Task Station_chief_sees_each_account_as_a_compact_card_with_one_actions_menu()
    {
        var page = await SignInAsync("station", Phone, mobile: true);
        await page.GotoAsync("/users");
        var cards = page.Locator("[data-testid=users-table] tbody tr");
        await Expect(cards.First.Locator("[data-testid=user-row]")).ToBeVisibleAsync();
        await AssertFitsAsync(page, "users");

        var card = cards.First;
        // The filters sit two a row: the accounts begin in the first half of the screen.
        var top = (await card.BoundingBoxAsync())!.Y;
        Assert.True(top < 422, $"The first account starts {top:0} px down a 844 px screen");
        // Name on one line, role, place, state and the menu on the next: two short lines, not five labelled rows.
        var height = (await card.BoundingBoxAsync())!.Height;
        Assert.True(height < 110, $"An account's card is {height} px high on a phone");
        Assert.Equal(1, await card.Locator("[data-testid=user-actions]").CountAsync());
        Assert.Equal(0, await card.Locator("button:not([data-testid=user-actions] button)").CountAsync());
        await card.Locator("[data-testid=user-actions] button").ClickAsync();
        await Expect(page.Locator(".mud-popover-open [data-testid=user-reset]")).ToBeVisibleAsync();
        await AssertFitsAsync(page, "users-menu");
    }

    [Fact]
    public async Task Grid_page_has_no_element_wider_than_a_390px_screen()
    {
        var page = await SignInAsync("inspector", Phone, mobile: true);
        await page.GotoAsync("/map");
        await page.Locator("[data-testid=map-grid-link]").ClickAsync();
        await Expect(page.Locator("[data-testid=grid-staff]")).ToBeVisibleAsync();
        await AssertFitsAsync(page, "grid");
        await AssertNoSidewaysScrollAsync(page.Locator("[data-testid=grid-staff]"));

        // The grid's small map has the map's key and its businesses as dots of their class, each opening its business.
        await Expect(page.Locator("[data-testid=map-legend] [data-testid=map-legend-class]")).ToHaveCountAsync(4);
        var dots = page.Locator("[data-testid=grid-page-map] .business-dot");
        await Expect(dots.First).ToBeAttachedAsync();
        Assert.All(await dots.EvaluateAllAsync<string[]>("ds => ds.map(d => d.getAttribute('class'))"), c => Assert.Matches(@"business-dot-[ABCD]\b", c));
        await dots.First.DispatchEventAsync("click");
        await Expect(page.Locator(".business-popup a.business-popup-link")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "phone-grid-dots");
    }

    [Fact]
    public async Task Grid_editor_has_no_element_wider_than_a_390px_screen()
    {
        using var api = await App.ApiAsAsync("station", Ct);
        var street = (await api.GetFromJsonAsync<JsonElement>("api/v1/grids", Ct))[0].GetProperty("code").GetString();
        var grid = (await api.GetFromJsonAsync<JsonElement>($"api/v1/grids?parent={street}", Ct))[0].GetProperty("code").GetString();
        var page = await SignInAsync("station", Phone, mobile: true);

        await page.GotoAsync($"/grids/{grid}/edit");
        await Expect(page.Locator("[data-testid=grid-edit-map] .leaflet-pm-toolbar").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await AssertFitsAsync(page, "grid-edit");
        await page.GotoAsync($"/grids/new?parent={street}");
        await Expect(page.Locator("[data-testid=grid-edit-map] .leaflet-pm-toolbar").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await AssertFitsAsync(page, "grid-new");
    }

    [Fact]
    public async Task Licence_table_on_a_phone_is_cards_without_a_sideways_scroll()
    {
        var page = await SignInAsync("inspector", Phone, mobile: true);
        await page.GotoAsync("/businesses?licence=Valid");
        await page.Locator("[data-testid=business-link]").First.ClickAsync();
        var licences = page.Locator("[data-testid=business-licences]");
        await Expect(licences.Locator("[data-testid=licence-table] tbody tr").First).ToBeVisibleAsync();
        await Expect(licences.Locator("thead")).ToBeHiddenAsync();
        await AssertNoSidewaysScrollAsync(licences);
    }

    [Fact]
    public async Task Business_list_on_a_phone_shows_short_cards_of_the_essentials()
    {
        var page = await SignInAsync("inspector", Phone, mobile: true);
        await page.GotoAsync("/businesses");
        var row = page.Locator("[data-testid=business-table] tbody tr").First;
        await Expect(row.Locator("[data-testid=business-link]")).ToBeVisibleAsync();

        // Name, class, status, licence and address; the credit code and the sector are left to the business page.
        await Expect(row.Locator("[data-testid=business-risk] .risk-chip")).ToBeVisibleAsync();
        await Expect(row.Locator(".status-chip")).ToBeVisibleAsync();
        await Expect(row.Locator(".mono")).ToBeHiddenAsync();
        var height = await row.EvaluateAsync<double>("r => r.getBoundingClientRect().height");
        Assert.True(height < 140, $"A business card is {height:0} px high at 390 px; the essentials fit in about four lines");
    }

    [Fact]
    public async Task Map_labels_never_overlap_at_any_zoom()
    {
        var page = await SignInAsync("bureau", Phone, mobile: true);
        await page.GotoAsync("/map");
        await Expect(page.Locator("[data-testid=map-table] tbody tr")).Not.ToHaveCountAsync(0);
        await page.WaitForTimeoutAsync(800);
        for (var zoom = 0; zoom < 5; zoom++)
        {
            var boxes = await VisibleLabelsAsync(page);
            Assert.NotEmpty(boxes);
            for (var i = 0; i < boxes.Count; i++)
                for (var j = i + 1; j < boxes.Count; j++)
                    Assert.False(Overlap(boxes[i], boxes[j]), $"At zoom step {zoom} the names \"{boxes[i].Text}\" and \"{boxes[j].Text}\" overlap");
            if (zoom == 0) await ScreenshotAsync(page, "phone-map-labels");
            await page.Locator(".leaflet-control-zoom-in").ClickAsync();
            await page.WaitForTimeoutAsync(500);
        }
    }

    [Fact]
    public async Task Map_has_a_legend_and_business_dots_by_class_that_open_the_business()
    {
        var page = await SignInAsync("inspector", Phone, mobile: true);
        await page.GotoAsync("/map");
        var legend = page.Locator("[data-testid=map-legend]");
        await Expect(legend).ToBeVisibleAsync();
        await Expect(legend.Locator("[data-testid=map-legend-class]")).ToHaveCountAsync(4);
        await Expect(legend).ToContainTextAsync("网格边界");
        var dots = page.Locator("[data-testid=grid-map] .business-dot");
        await Expect(dots.First).ToBeAttachedAsync();
        var classes = await dots.EvaluateAllAsync<string[]>("ds => ds.map(d => d.getAttribute('class'))");
        Assert.All(classes, c => Assert.Matches(@"business-dot-[ABCD]\b", c));
        await page.WaitForTimeoutAsync(600);

        await dots.Last.DispatchEventAsync("click");
        var popup = page.Locator(".business-popup");
        await Expect(popup).ToBeVisibleAsync();
        var name = (await popup.Locator(".business-popup-name").InnerTextAsync()).Trim();
        Assert.NotEmpty(name);
        await page.WaitForTimeoutAsync(500); // the popup fades in and the map pans to show it
        await ScreenshotAsync(page, "phone-map-popup");
        await popup.Locator("a.business-popup-link").ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/businesses/[0-9a-f-]{36}$"));
        await Expect(page.Locator("h5, h4").First).ToContainTextAsync(name);
    }

    /// <summary>Asserts that nothing inside the element scrolls sideways: its rows fit the screen as they are.</summary>
    private static async Task AssertNoSidewaysScrollAsync(ILocator element)
    {
        var scrolling = await element.EvaluateAsync<string[]>("""
            el => [el, ...el.querySelectorAll('*')]
                .filter(e => /(auto|scroll)/.test(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
                .map(e => e.tagName.toLowerCase() + '.' + String(e.className).trim().replace(/\s+/g, '.') + ' ' + e.scrollWidth + ' > ' + e.clientWidth)
            """);
        Assert.True(scrolling.Length == 0, "Scrolls sideways at 390 px:\n" + string.Join('\n', scrolling));
    }

    private sealed record Box(string Text, double Left, double Top, double Right, double Bottom);

    private static bool Overlap(Box a, Box b) => a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;

    private static async Task<List<Box>> VisibleLabelsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('.leaflet-tooltip.grid-label')]
                .filter(el => getComputedStyle(el).visibility !== 'hidden')
                .map(el => { const r = el.getBoundingClientRect(); return { text: el.textContent, l: r.left, t: r.top, r: r.right, b: r.bottom }; })
            """);
        return json.EnumerateArray().Select(e => new Box(e.GetProperty("text").GetString() ?? "", e.GetProperty("l").GetDouble(),
            e.GetProperty("t").GetDouble(), e.GetProperty("r").GetDouble(), e.GetProperty("b").GetDouble())).ToList();
    }

    /// <summary>
    /// Asserts that the page does not scroll sideways and that no element reaches past the screen's right edge,
    /// except inside a box that clips or scrolls (the map pane, a wide ledger) and itself fits the screen.
    /// </summary>
    private static async Task AssertFitsAsync(IPage page, string name)
    {
        // Let the interactive render (after the prerendered page) settle before measuring.
        await page.WaitForTimeoutAsync(1000);
        var result = await page.EvaluateAsync<JsonElement>("""
            () => {
              const width = window.innerWidth;
              const clipped = el => {
                for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                  if (/(hidden|auto|scroll|clip)/.test(getComputedStyle(p).overflowX)) return p.getBoundingClientRect().right <= width + 1;
                }
                return false;
              };
              const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '')
                + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
              const wide = [];
              for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
                if (r.right > width + 1 && !clipped(el)) wide.push(describe(el) + ' reaches ' + Math.round(r.right) + ' px');
              }
              return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8) };
            }
            """);
        await ScreenshotAsync(page, $"phone-{name}");
        var scroll = result.GetProperty("scroll").GetInt32();
        var width = result.GetProperty("width").GetInt32();
        var wide = result.GetProperty("wide").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.True(scroll <= width, $"{name}: the page scrolls sideways (scrollWidth {scroll} > {width} px)");
        Assert.True(wide.Count == 0, $"{name}: wider than the {width} px screen:\n" + string.Join('\n', wide));
    }
}
