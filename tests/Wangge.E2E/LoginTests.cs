using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

public sealed class LoginTests(AppFixture app) : PageTest(app)
{
    [Theory]
    [MemberData(nameof(Accounts), MemberType = typeof(PageTest))]
    public async Task Demo_account_signs_in_to_home_page_showing_its_role(string user, string role)
    {
        var page = await SignInAsync(user, throughForm: true);

        Assert.Equal(App.BaseUrl + "/", page.Url);
        await Expect(page.Locator("[data-testid=home-place]")).ToContainTextAsync(role);
        await Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync(role);
        await Expect(page.Locator("[data-testid=today]")).ToBeVisibleAsync();
        await ScreenshotAsync(page, $"home-{user}");
    }

    [Fact]
    public async Task Wrong_password_shows_error_and_stays_on_login()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await Expect(page.Locator("[data-testid=login-error]")).ToHaveCountAsync(0);
        await page.FillAsync("#username", "inspector");
        await page.FillAsync("#password", "not-the-password");
        await ScreenshotAsync(page, "login");

        await page.ClickAsync("[data-testid=login-form] button[type=submit]");

        await Expect(page.Locator("[data-testid=login-error]")).ToBeVisibleAsync();
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        await Expect(page.Locator("#username")).ToHaveValueAsync("inspector");
        await Expect(page.Locator("[data-testid=home-place]")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "login-error");
    }
}
