using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>Before a plan is adopted, the page says where each old grid's staff would go and which new grid would have no leader.</summary>
// One roster at a time: the staffing test empties and restaffs the station's grid that this one reads.
[Collection("station roster")]
public sealed class PlanStaffTests(AppFixture app) : PageTest(app)
{
    [Fact]
    public async Task Adopting_a_plan_first_shows_the_staff_carry_and_warns_of_a_grid_left_without_a_leader()
    {
        App.RequireBrowser();
        var page = await SignInAsync("station");
        await page.GotoAsync("/grids/plan");
        var proposal = page.Locator("[data-testid=plan-adopt]");
        // A first proposal shows the page is interactive (what is typed before that is lost).
        for (var attempt = 0; attempt < 20 && await proposal.CountAsync() == 0; attempt++)
        {
            await page.Locator("[data-testid=plan-propose]").ClickAsync();
            try { await proposal.WaitForAsync(new() { Timeout = 3000 }); }
            catch (TimeoutException) { }
        }
        // The station's street has one grid with a leader: split in two, one new grid is left without one.
        var count = page.Locator("input[data-testid=plan-count], [data-testid=plan-count] input").First;
        await count.FillAsync("2");
        await count.PressAsync("Tab");
        await page.Locator("[data-testid=plan-propose]").ClickAsync();
        await Expect(page.Locator("[data-testid=plan-row]")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(proposal).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await proposal.ClickAsync();

        var panel = page.Locator("[data-testid=plan-staff]");
        await Expect(panel.Locator("[data-testid=plan-staff-carries] li")).ToHaveCountAsync(1);
        await Expect(panel.Locator("[data-testid=plan-staff-leaderless]")).ToContainTextAsync("没有网格长");
        await Expect(proposal).ToContainTextAsync("确认并采用");
        await ScreenshotAsync(page, "plan-staff-carry");
    }
}
