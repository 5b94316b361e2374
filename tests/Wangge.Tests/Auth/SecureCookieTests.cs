using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Auth;

/// <summary>An app told that a TLS-terminating proxy stands in front of it.</summary>
public sealed class SecureCookieApp : AppFixture
{
    protected override string[] Settings => ["--Wangge:SecureCookies=true"];
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(TestDatabase.Sqlite());
}

/// <summary>The sign-in cookie is Secure when configured (without it: <see cref="SessionSpecification"/>).</summary>
public sealed class SecureCookieTests(SecureCookieApp secure) : IClassFixture<SecureCookieApp>
{
    [Fact]
    public async Task SignInCookie_SecureCookiesConfigured_MarkedSecureEvenOverHttp()
    {
        Assert.Contains("; secure", await new Signing(secure).SignInCookieHeaderAsync("inspector"), StringComparison.OrdinalIgnoreCase);
    }
}
