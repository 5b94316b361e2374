using System.Net;
using System.Net.Http.Json;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Auth;

/// <summary>An app whose login limit is small enough to reach in a test.</summary>
public sealed class RateLimitedApp : AppFixture
{
    public const int Limit = 3;
    protected override int LoginAttemptsPerMinute => Limit;
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(TestDatabase.Sqlite());
}

public sealed class LoginRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Token_MoreAttemptsThanTheMinuteAllows_TooManyRequests()
    {
        using var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitedApp.Limit; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "bureau", password = "wrong-password" },
                TestContext.Current.CancellationToken)).StatusCode);
        Assert.All(statuses.Take(RateLimitedApp.Limit), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
