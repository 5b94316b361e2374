using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>The frame around the pages: language, unknown pages, narrow screens.</summary>
public sealed class ShellTests(AppFixture app) : PageTest(app)
{
    [Fact]
    public async Task Language_switch_turns_UI_English_and_back()
    {
        var page = await SignInAsync("admin");
        var html = page.Locator("html");
        var user = page.Locator("[data-testid=current-user]");
        var nav = page.Locator(".mud-navmenu");
        var button = page.Locator("[data-testid=language-switch]");
        await Expect(html).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(user).ToContainTextAsync("系统管理员");
        await Expect(nav).ToContainTextAsync("今日工作");
        await Expect(button).ToHaveTextAsync("English");

        await SwitchLanguageAsync(page, "en");
        await Expect(user).ToContainTextAsync("System admin");
        await Expect(nav).ToContainTextAsync("Today");
        await Expect(nav).ToContainTextAsync("Grid map");
        await Expect(nav).Not.ToContainTextAsync("今日工作");
        await Expect(button).ToHaveTextAsync("中文");
        Assert.Equal(App.BaseUrl + "/", page.Url);
        await ScreenshotAsync(page, "home-english");

        await SwitchLanguageAsync(page, "zh-CN");
        await Expect(user).ToContainTextAsync("系统管理员");
        await Expect(nav).ToContainTextAsync("今日工作");
        await Expect(button).ToHaveTextAsync("English");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unknown_page_shows_404_page_with_status_404(bool signedIn)
    {
        var page = signedIn ? await SignInAsync("inspector") : await NewPageAsync();

        var response = await page.GotoAsync("/no-such-page");

        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        await Expect(page.Locator("[data-testid=not-found]")).ToBeVisibleAsync();
        if (!signedIn) await ScreenshotAsync(page, "not-found");
    }

    [Theory]
    [InlineData("bureau", "局领导")]       // district-wide: the widest home page (staffing table)
    [InlineData("inspector", "监管员")]    // one bottom grid
    [InlineData("liaison", "部门联络员")]  // no grid at all
    public async Task Home_page_has_no_horizontal_scroll_at_phone_width(string user, string role)
    {
        var page = await SignInAsync(user, new ViewportSize { Width = 390, Height = 844 }, mobile: true);
        await Expect(page.Locator("[data-testid=home-place]")).ToContainTextAsync(role);
        await Expect(page.Locator("[data-testid=today]")).ToBeVisibleAsync();
        // Let the interactive render (after the prerendered page) settle before measuring.
        await page.WaitForTimeoutAsync(1000);

        var size = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");

        await ScreenshotAsync(page, $"phone-home-{user}");
        Assert.True(size[0] <= size[1] + 1, $"{user}: scrollWidth {size[0]} > innerWidth {size[1]} at 390 px");
        Assert.True(size[0] <= 391, $"{user}: scrollWidth {size[0]} > 390 px (innerWidth {size[1]})");
    }

    /// <summary>
    /// Clicks the language button until the page reloads in the wanted language: a click before the
    /// Blazor circuit is connected does nothing, so one click may not be enough.
    /// </summary>
    private static async Task SwitchLanguageAsync(IPage page, string lang)
    {
        var html = page.Locator("html");
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("[data-testid=language-switch]").ClickAsync();
            try
            {
                await Expect(html).ToHaveAttributeAsync("lang", lang, new() { Timeout = 2_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 8) { }
        }
    }
}
