using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Wangge.Auth;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Auth;

/// <summary>
/// An interactive page's circuit outlives its request: its sign-in is checked again on the circuit's
/// revalidation, and a refused sign-in leaves the circuit's caller anonymous (no scope, nothing visible).
/// </summary>
public abstract class CircuitSpecification(AppFixture app) : ApiSpecification(app)
{
    private readonly Signing _signing = new(app);

    private async Task<ClaimsPrincipal> SessionPrincipalAsync(string user)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.WanggeDbContext>();
        var account = await db.Users.SingleAsync(u => u.UserName == user, Ct);
        return await scope.ServiceProvider.GetRequiredService<AccountService>().StartSessionAsync(account, Ct);
    }

    private RevalidatingAuthenticationState NewState() =>
        new(NullLoggerFactory.Instance, App.Services.GetRequiredService<SessionStates>());

    [Fact]
    public async Task Revalidation_LiveSession_KeepsTheSignIn_RevokedSession_Refused()
    {
        var user = await _signing.NewUserAsync("circuit");
        var principal = await SessionPrincipalAsync(user);
        var state = NewState();

        Assert.True(await state.IsStillValidAsync(new AuthenticationState(principal), Ct));
        await _signing.AsAdministrationAsync(a => a.EndSessionsAsync(user, Ct));

        Assert.False(await state.IsStillValidAsync(new AuthenticationState(principal), Ct));
        Assert.True(await state.IsStillValidAsync(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())), Ct));
    }

    [Fact]
    public async Task CircuitCaller_WhenTheSignInEnds_BecomesAnonymous()
    {
        var user = await _signing.NewUserAsync("caller");
        var principal = await SessionPrincipalAsync(user);
        var state = NewState();
        state.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var callers = new CallerContext();
        var handler = new CallerCircuitHandler(callers, state, new HttpContextAccessor());
        await handler.OnCircuitOpenedAsync(null!, Ct);
        Assert.Equal(user, callers.Current.Actor);

        state.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));

        Assert.Null(callers.Current.UserId);
        Assert.True(callers.Current.Scope.IsNone);
    }
}

[Collection("sqlite")]
public sealed class SqliteCircuitTests(SqliteApp app) : CircuitSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresCircuitTests(PostgresApp app) : CircuitSpecification(app), IClassFixture<PostgresApp>;
