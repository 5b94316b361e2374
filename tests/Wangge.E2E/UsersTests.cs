using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>
/// Accounts from the UI: the station chief makes an inspector's account in his station on the accounts page, and cannot
/// make one outside it; a page a role may not open says "no permission" with a 403, not "page not found".
/// </summary>
public sealed class UsersTests(AppFixture app) : PageTest(app)
{
    [Fact]
    public async Task Station_chief_creates_an_inspector_in_the_station_and_not_outside_it()
    {
        App.RequireBrowser();
        using var api = await App.ApiAsAsync("station", Ct);
        var street = Assert.Single((await api.GetFromJsonAsync<JsonElement>("api/v1/grids", Ct)).EnumerateArray());
        var grid = (await api.GetFromJsonAsync<JsonElement>($"api/v1/grids?parent={street.GetProperty("code").GetString()}", Ct)).EnumerateArray().First();
        var (gridCode, gridName) = (grid.GetProperty("code").GetString()!, grid.GetProperty("name").GetString()!);
        var name = $"e2e{Guid.NewGuid():N}"[..16];

        var page = await SignInAsync("station");
        await page.GotoAsync("/users");
        await Expect(page.Locator("[data-testid=users-table]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=user-row]").First).ToBeVisibleAsync();
        var form = page.Locator("[data-testid=user-form]");
        for (var attempt = 0; attempt < 20 && await form.CountAsync() == 0; attempt++)
        {
            // A click on the server-rendered page does nothing until the circuit is up.
            await page.Locator("[data-testid=user-new]").ClickAsync();
            try { await form.WaitForAsync(new() { Timeout = 1000 }); }
            catch (TimeoutException) { }
        }
        await page.Locator("[data-testid=user-username] input").FillAsync(name);
        await page.Locator("[data-testid=user-name] input").FillAsync("新来的监管员");
        await PickAsync(page, "user-role", "监管员");
        await PickAsync(page, "user-place", $"{gridName} ({gridCode})");
        await page.Locator("[data-testid=user-save]").ClickAsync();

        var temporary = page.Locator("[data-testid=temporary-password]");
        await Expect(temporary).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-username={name}]")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "users-station");
        using (var signIn = await App.Api.PostAsJsonAsync("api/v1/auth/token", new { username = name, password = (await temporary.InnerTextAsync()).Trim() }, Ct))
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        using var bureau = await App.ApiAsAsync("bureau", Ct);
        var created = (await bureau.GetFromJsonAsync<JsonElement>($"api/v1/users?q={name}", Ct)).EnumerateArray().Single();
        Assert.Equal(("Inspector", gridCode), (created.GetProperty("role").GetString(), created.GetProperty("grid").GetString()));

        // The form offers only the station's own places; the same request with another street's grid is refused.
        var other = await OtherStreetGridAsync(bureau, street.GetProperty("code").GetString()!);
        using var outside = await api.PostAsJsonAsync("api/v1/users", new { username = name + "x", role = "Inspector", grid = other }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        await page.Locator("[data-testid=user-new]").ClickAsync();
        await page.Locator("[data-testid=user-place] .mud-select").First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open").GetByText($"({other})")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("/users")]
    [InlineData("/audit")]
    [InlineData("/grids/import")]
    public async Task A_page_the_role_may_not_open_says_no_permission_with_403(string path)
    {
        var page = await SignInAsync("inspector");

        var response = await page.GotoAsync(path);

        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
        await Expect(page.Locator("[data-testid=forbidden]")).ToContainTextAsync("无权访问");
        await Expect(page.Locator("[data-testid=not-found]")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "forbidden-inspector");
    }

    [Fact]
    public async Task Station_chief_reads_the_audit_log_of_the_station()
    {
        var page = await SignInAsync("station");

        await page.GotoAsync("/audit");

        await Expect(page.Locator("[data-testid=audit-table]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=audit-total]")).ToContainTextAsync("UTC+08:00");
        await ScreenshotAsync(page, "audit-station");
    }

    [Fact]
    public async Task The_accounts_page_fits_a_phone_in_English_too()
    {
        var page = await SignInAsync("station", new ViewportSize { Width = 390, Height = 844 }, mobile: true);
        // The language switch's cookie, as the English button sets it.
        await page.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = App.BaseUrl }]);
        await page.GotoAsync("/users");

        await Expect(page.Locator("[data-testid=user-row]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=user-new]")).ToContainTextAsync("New account");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The accounts page is wider than a 390 px screen");
        await ScreenshotAsync(page, "users-station-phone-en");
    }

    [Fact]
    public async Task Admin_resets_a_password_and_the_user_must_change_it_at_the_next_sign_in()
    {
        App.RequireBrowser();
        using var admin = await App.ApiAsAsync("admin", Ct);
        var inspector = (await admin.GetFromJsonAsync<JsonElement>("api/v1/users?q=inspector", Ct)).EnumerateArray().First();
        var name = $"reset{Guid.NewGuid():N}"[..16];
        using (var created = await admin.PostAsJsonAsync("api/v1/users", new { username = name, name = "重置的监管员", role = "Inspector",
                   grid = inspector.GetProperty("grid").GetString(), password = "first-password-2026" }, Ct))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var page = await SignInAsync("admin");
        await page.GotoAsync("/users");
        var row = page.Locator("tr").Filter(new() { Has = page.Locator($"[data-username={name}]") });
        var search = page.Locator("[data-testid=filter-text] input");
        for (var attempt = 0; attempt < 20 && await row.CountAsync() == 0; attempt++)
        {
            // Typing into the server-rendered page filters nothing until the circuit is up.
            await search.FillAsync(name);
            await search.PressAsync("Enter");
            try { await row.WaitForAsync(new() { Timeout = 1000 }); }
            catch (TimeoutException) { }
        }
        // The row can come from the prerendered page before the circuit listens: click the menu until it opens.
        var reset = page.Locator(".mud-popover-open [data-testid=user-reset]");
        for (var attempt = 0; attempt < 20 && await reset.CountAsync() == 0; attempt++)
        {
            await row.Locator("[data-testid=user-actions] button").ClickAsync();
            try { await reset.WaitForAsync(new() { Timeout = 1000 }); }
            catch (TimeoutException) { }
        }
        await reset.ClickAsync();
        var temporary = (await page.Locator("[data-testid=temporary-password]").InnerTextAsync()).Trim();

        var user = await NewPageAsync();
        await user.GotoAsync("/login");
        await user.FillAsync("#username", name);
        await user.FillAsync("#password", temporary);
        await user.ClickAsync("[data-testid=login-form] button[type=submit]");
        await user.WaitForURLAsync(App.BaseUrl + "/account/password");
        await Expect(user.Locator("[data-testid=password-forced]")).ToBeVisibleAsync();
        await user.GotoAsync("/businesses");
        Assert.Equal(App.BaseUrl + "/account/password", user.Url);
        await ScreenshotAsync(user, "password-forced");
        await user.FillAsync("#currentPassword", temporary);
        await user.FillAsync("#newPassword", "my-own-password-2026");
        await user.FillAsync("#repeatPassword", "my-own-password-2026");
        await user.ClickAsync("[data-testid=password-submit]");

        await user.WaitForURLAsync(App.BaseUrl + "/");
        await Expect(user.Locator("[data-testid=home-place]")).ToBeVisibleAsync();
        await user.GotoAsync("/businesses");
        Assert.Equal(App.BaseUrl + "/businesses", user.Url);
    }

    private static async Task<string> OtherStreetGridAsync(HttpClient bureau, string ownStreet)
    {
        var district = (await bureau.GetFromJsonAsync<JsonElement>("api/v1/grids", Ct)).EnumerateArray().Single().GetProperty("code").GetString();
        foreach (var zone in (await bureau.GetFromJsonAsync<JsonElement>($"api/v1/grids?parent={district}", Ct)).EnumerateArray())
            foreach (var street in (await bureau.GetFromJsonAsync<JsonElement>($"api/v1/grids?parent={zone.GetProperty("code").GetString()}", Ct)).EnumerateArray())
                if (street.GetProperty("code").GetString() != ownStreet)
                    return street.GetProperty("code").GetString()!;
        throw new InvalidOperationException("The demo has one street only.");
    }
}
