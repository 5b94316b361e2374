using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Wangge.Auth;

/// <summary>
/// An interactive page outlives the request that opened it: its circuit keeps the sign-in it started with.
/// This asks <see cref="SessionStates"/> again every <see cref="Interval"/>, and a refused session turns the
/// circuit anonymous (the caller loses its scope, the router sends the page to the login form).
/// </summary>
public sealed class RevalidatingAuthenticationState(ILoggerFactory logger, SessionStates states)
    : RevalidatingServerAuthenticationStateProvider(logger)
{
    /// <summary>Short: together with the state cache a revoked circuit stops within about a minute.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState, cancellationToken);

    /// <summary>An anonymous circuit has nothing to lose; a signed-in one keeps its sign-in while its session is accepted.</summary>
    public async Task<bool> IsStillValidAsync(AuthenticationState state, CancellationToken ct) =>
        state.User.Identity?.IsAuthenticated != true || await states.AcceptsAsync(state.User, ct);
}
