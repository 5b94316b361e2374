using Wangge.Hosting;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Hosting;

/// <summary>A time zone the machine does not know stops the start with one line naming the setting, not with a stack trace.</summary>
public sealed class TimeZoneSettingTests
{
    [Fact]
    public async Task Serve_WithAnUnknownTimeZone_PrintsOneLineNamingTheSetting_AndExitsNonZero()
    {
        await using var database = TestDatabase.Sqlite();
        using var error = new StringWriter();

        var exit = await WanggeCli.RunAsync(["serve", "--db", database.Database.ConnectionString, "--urls", "http://127.0.0.1:0",
            "--Wangge:TimeZone=Mars/Olympus_Mons"], error, TestContext.Current.CancellationToken);

        Assert.Equal(StartupErrors.ExitCode, exit);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains("Wangge:TimeZone", line);
        Assert.Contains("Mars/Olympus_Mons", line);
    }
}
