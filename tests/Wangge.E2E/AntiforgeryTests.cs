using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>
/// In the browser: the pages' own uploads and sign-out work under the antiforgery rule and the script policy, a
/// script of the page reaches the API with the token its page names, and the same call without it is refused.
/// </summary>
[Collection("trust")]
public sealed class AntiforgeryTests(AppFixture app) : PageTest(app)
{
    [Fact]
    public async Task Page_script_calls_the_api_with_the_pages_token_and_is_refused_without_it()
    {
        App.RequireBrowser();
        var page = await SignInAsync("station");
        var statuses = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const token = document.querySelector('meta[name="request-verification-token"]').content;
              const file = () => { const f = new FormData(); f.append('file', new Blob(['{"type":"FeatureCollection","features":[]}'], { type: 'application/geo+json' }), 'empty.geojson'); return f; };
              const without = await fetch('api/v1/grids/check', { method: 'POST', body: file() });
              const withToken = await fetch('api/v1/grids/check', { method: 'POST', body: file(), headers: { RequestVerificationToken: token } });
              const codeOf = async r => { try { return (await r.json()).code ?? null; } catch { return null; } };
              return { without: without.status, code: await codeOf(without), withToken: withToken.status, withTokenCode: await codeOf(withToken) };
            }
            """);
        Assert.Equal(400, statuses.GetProperty("without").GetInt32());
        Assert.Equal("antiforgery_token_invalid", statuses.GetProperty("code").GetString());
        // Past the token check: the border check itself answers, whatever it makes of an empty file.
        Assert.NotEqual("antiforgery_token_invalid", statuses.GetProperty("withTokenCode").ToString());
        Assert.InRange(statuses.GetProperty("withToken").GetInt32(), 200, 499);
    }

    [Fact]
    public async Task Business_import_page_uploads_and_reports_under_the_policy()
    {
        App.RequireBrowser();
        var page = await SignInAsync("station");
        await page.GotoAsync("/businesses/import");
        // One row with a wrong check character: reported by line, nothing saved, so other tests' counts stay put.
        var csv = "统一社会信用代码,名称,主体类型,行业,地址,经度,纬度,成立日期\n914401110000000000,防伪测试,企业,餐饮服务,测试路1号,113.3,23.2,2020-01-01\n";
        await Uploads.ChooseFileAsync(page, "bimport-file", "bimport-file-name", new FilePayload
        {
            Name = "one-bad-row.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.Locator("[data-testid=bimport-run]").ClickAsync();
        await Expect(page.Locator("[data-testid=bimport-done]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=bimport-created]")).ToContainTextAsync("0");
    }

    [Fact]
    public async Task Sign_out_button_signs_out_and_a_post_without_the_token_does_not()
    {
        App.RequireBrowser();
        // A session of its own, not saved for reuse: signing out must not end the sign-in other tests reuse.
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#username", "coordinator");
        await page.FillAsync("#password", AppFixture.Password);
        await page.ClickAsync("[data-testid=login-form] button[type=submit]");
        await page.WaitForURLAsync(App.BaseUrl + "/", new PageWaitForURLOptions { Timeout = 30_000 });
        var forged = await page.EvaluateAsync<int>("async () => (await fetch('account/logout', { method: 'POST' })).status");
        Assert.Equal(400, forged);
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=current-user]")).ToBeVisibleAsync();

        await page.Locator("form[action='account/logout'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(App.BaseUrl + "/login");
        await page.GotoAsync("/map");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }
}
