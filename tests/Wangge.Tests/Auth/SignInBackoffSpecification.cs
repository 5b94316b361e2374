using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wangge.Auth;
using Wangge.Core.People;
using Wangge.Hosting;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Auth;

/// <summary>
/// Failed sign-ins slow down the (account, address) pair that makes them and nobody else; a waiting pair
/// is told nothing a wrong password would not tell; and no failure does more work or leaves more trace than
/// another.
/// </summary>
public abstract class SignInBackoffSpecification(AppFixture app) : ApiSpecification(app)
{
    private readonly Signing _signing = new(app);

    private async Task BackOffAsync(string user, string? fromAddress = null)
    {
        for (var i = 0; i < SignInBackoff.FreeFailures; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await _signing.TryTokenAsync(user, $"guess-number-{i}", fromAddress)).Status);
    }

    [Fact]
    public async Task FailuresFromOneAddress_RightPasswordFromThatAddressRefused_FromAnotherSignsIn()
    {
        var user = await _signing.NewUserAsync("pair");

        await BackOffAsync(user);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _signing.TryTokenAsync(user, TestDistrict.Password)).Status);
        Assert.Null(await _signing.BrowserSignInAsync(user));
        Assert.Equal(HttpStatusCode.OK, (await _signing.TryTokenAsync(user, TestDistrict.Password, Signing.OtherAddress)).Status);
        Assert.NotNull(await _signing.BrowserSignInAsync(user, fromAddress: Signing.OtherAddress));
    }

    [Fact]
    public async Task BackedOffPair_AnswersExactlyAsAWrongPassword()
    {
        var user = await _signing.NewUserAsync("same");
        var wrong = await _signing.TryTokenAsync(user, "not-the-password", Signing.OtherAddress);
        await BackOffAsync(user);

        var waiting = await _signing.TryTokenAsync(user, TestDistrict.Password);
        var unknown = await _signing.TryTokenAsync("nobody-" + user, "not-the-password");

        Assert.Equal(wrong.Status, waiting.Status);
        Assert.Equal(Comparable(wrong.Body), Comparable(waiting.Body));
        Assert.Equal(Comparable(wrong.Body), Comparable(unknown.Body));
    }

    [Fact]
    public async Task BackedOffPair_InTheBrowser_SentBackToTheFormAsAWrongPassword()
    {
        var user = await _signing.NewUserAsync("form");
        await BackOffAsync(user);
        using var client = _signing.Client();

        var (waiting, _) = await Signing.PostLoginAsync(client, user, TestDistrict.Password);
        var (wrong, _) = await Signing.PostLoginAsync(client, user, "not-the-password");

        Assert.Equal(wrong.StatusCode, waiting.StatusCode);
        Assert.Equal(wrong.Headers.Location, waiting.Headers.Location);
    }

    [Fact]
    public async Task FailedSignIns_OfRealAndUnknownNames_WriteNothing()
    {
        var user = await _signing.NewUserAsync("quiet");
        var before = await CountsAsync();

        await BackOffAsync(user);
        await BackOffAsync("nobody-" + user);
        await _signing.TryTokenAsync(user, TestDistrict.Password);

        Assert.Equal(before, await CountsAsync());
    }

    public static TheoryData<string> Failures => new("unknown name", "empty password", "wrong password", "disabled account", "backed-off pair", "over-long name");

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task EveryFailure_VerifiesExactlyOnePasswordHash(string failure)
    {
        var user = await _signing.NewUserAsync("work");
        if (failure == "disabled account") await _signing.AsAdministrationAsync(a => a.DisableAsync(user, Ct));
        var hasher = new CountingHasher();
        var backoffs = new SignInBackoffs(TimeProvider.System);
        if (failure == "backed-off pair")
            for (var i = 0; i < SignInBackoff.FreeFailures; i++) backoffs.RecordFailure(user, "192.0.2.1");
        var (name, password) = failure switch
        {
            "unknown name" => ("nobody-" + user, TestDistrict.Password),
            "empty password" => (user, ""),
            "wrong password" => (user, "not-the-password"),
            "over-long name" => (new string('a', User.MaxUserNameLength + 1), TestDistrict.Password),
            _ => (user, TestDistrict.Password),
        };

        var signedIn = await App.InDatabaseAsync(db =>
            new AccountService(db, hasher, TimeProvider.System, Options.Create(new WanggeOptions()), backoffs, App.Services.GetRequiredService<SessionStates>())
                .SignInAsync(name, password, "192.0.2.1", Ct));

        Assert.Null(signedIn);
        Assert.Equal(1, hasher.Verified);
    }

    /// <summary>The answer without its per-request trace id.</summary>
    private static string Comparable(string body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        json.Remove("traceId");
        return json.ToJsonString();
    }

    private Task<(int, int, int)> CountsAsync() => App.InDatabaseAsync(async db =>
        (await db.AuditEntries.CountAsync(Ct), await db.Users.CountAsync(Ct), await db.UserSessions.CountAsync(Ct)));

    private sealed class CountingHasher : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> _real = new();
        public int Verified { get; private set; }

        public string HashPassword(User user, string password) => _real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            Verified++;
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

[Collection("sqlite")]
public sealed class SqliteSignInBackoffTests(SqliteApp app) : SignInBackoffSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresSignInBackoffTests(PostgresApp app) : SignInBackoffSpecification(app), IClassFixture<PostgresApp>;
