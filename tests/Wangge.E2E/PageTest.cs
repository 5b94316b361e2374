using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>
/// Base of the browser tests: each test gets its own browser context (own cookies) in the shared browser,
/// and on failure the test output gets a screenshot path and the app's last output lines.
/// </summary>
public abstract partial class PageTest(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;
    private readonly List<IBrowserContext> _contexts = [];
    private IPage? _lastPage;

    /// <summary>Each demo account and the role the UI shows for it (Simplified Chinese, the default).</summary>
    public static TheoryData<string, string> Accounts => new()
    {
        { "admin", "系统管理员" },
        { "bureau", "局领导" },
        { "station", "所长" },
        { "gridleader", "网格长" },
        { "inspector", "监管员" },
        { "coordinator", "协管员" },
        { "liaison", "部门联络员" },
    };

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>A fresh page in a fresh context; skips the test when there is no Chromium.</summary>
    protected async Task<IPage> NewPageAsync(ViewportSize? viewport = null, bool mobile = false, string? storageState = null)
    {
        App.RequireBrowser();
        var context = await App.NewContextAsync(viewport, mobile, storageState);
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        _lastPage = await context.NewPageAsync();
        return _lastPage;
    }

    /// <summary>
    /// Signs in through the login form and waits for the home page. Unless <paramref name="throughForm"/>,
    /// a user who already signed in through the form in an earlier test reuses that sign-in's cookies,
    /// which saves a couple of seconds per test.
    /// </summary>
    protected async Task<IPage> SignInAsync(string user, ViewportSize? viewport = null, bool mobile = false, bool throughForm = false)
    {
        IPage page;
        if (!throughForm && App.SavedSignIn(user) is { } state)
        {
            page = await NewPageAsync(viewport, mobile, state);
            await page.GotoAsync("/");
        }
        else
        {
            page = await NewPageAsync(viewport, mobile);
            await page.GotoAsync("/login");
            await page.FillAsync("#username", user);
            await page.FillAsync("#password", AppFixture.Password);
            await page.ClickAsync("[data-testid=login-form] button[type=submit]");
            // The first sign-in of a run renders the home page cold (JIT, first queries) while the other test projects
            // keep both cores busy; it has taken 16 s in CI, so it gets twice the default wait.
            await page.WaitForURLAsync(App.BaseUrl + "/", new PageWaitForURLOptions { Timeout = 30_000 });
            App.SaveSignIn(user, await page.Context.StorageStateAsync());
        }
        Assert.Equal(App.BaseUrl + "/", page.Url);
        await Expect(page.Locator("[data-testid=home-place]")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>
    /// Picks <paramref name="option"/> in the select inside <paramref name="testId"/>, once the page is interactive
    /// (a click on the server-rendered page opens nothing).
    /// </summary>
    protected static async Task PickAsync(IPage page, string testId, string option)
    {
        var item = page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true });
        for (var attempt = 0; attempt < 20 && await item.CountAsync() == 0; attempt++)
        {
            // A list already open (slow to fill under load) lays an overlay over the select: wait, do not click through it.
            if (await page.Locator(".mud-popover-open").CountAsync() == 0)
                await page.Locator($"[data-testid={testId}] .mud-select").First.ClickAsync();
            try { await item.WaitForAsync(new() { Timeout = 1000 }); }
            catch (TimeoutException) { }
            catch (PlaywrightException) { }
        }
        await item.ClickAsync();
    }

    protected static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>The number in a text such as "共 13000 户" or "本网格共 447 户市场主体" (group separators allowed).</summary>
    protected static int NumberIn(string text)
    {
        var match = Digits().Match(text);
        Assert.True(match.Success, $"No number in \"{text}\"");
        return int.Parse(match.Value.Replace(",", "").Replace(" ", ""), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\d[\d,]*")]
    private static partial Regex Digits();

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed && _lastPage is { IsClosed: false } page)
        {
            var name = $"FAILED-{TestContext.Current.Test?.TestDisplayName ?? "test"}";
            name = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
            if (name.Length > 120) name = name[..120];
            try
            {
                await ScreenshotAsync(page, name);
                TestContext.Current.TestOutputHelper?.WriteLine($"Page {page.Url}; screenshot {Path.Combine(AppFixture.ScreenshotFolder, name + ".png")}");
            }
            catch (PlaywrightException e)
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"No failure screenshot: {e.Message}");
            }
            TestContext.Current.TestOutputHelper?.WriteLine("Last lines of the app's output:\n" + App.AppOutput);
        }
        foreach (var context in _contexts) await context.CloseAsync();
        GC.SuppressFinalize(this);
    }
}
