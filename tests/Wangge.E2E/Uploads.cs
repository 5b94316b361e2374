using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Wangge.E2E;

/// <summary>Choosing a file in a page's MudFileUpload.</summary>
public static class Uploads
{
    /// <summary>
    /// Sets the file on the upload marked <paramref name="input"/>, again until the page shows its name in
    /// <paramref name="chosenName"/>: a file set before the page's circuit is up is not seen.
    /// </summary>
    public static async Task ChooseFileAsync(IPage page, string input, string chosenName, FilePayload file)
    {
        var field = page.Locator($"input[type=file][data-testid={input}], [data-testid={input}] input[type=file]").First;
        var chosen = page.Locator($"[data-testid={chosenName}]");
        for (var attempt = 0; attempt < 10 && await chosen.CountAsync() == 0; attempt++)
        {
            await field.SetInputFilesAsync(file);
            try { await chosen.WaitForAsync(new() { Timeout = 3_000 }); }
            catch (TimeoutException) { }
        }
        await Expect(chosen).ToContainTextAsync(file.Name);
    }
}
