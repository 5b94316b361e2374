using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Wangge.Core.Common;
using Wangge.Core.People;

namespace Wangge.Auth;

/// <summary>
/// The caller of the current request or Blazor circuit. Unknown callers get an empty scope, so a forgotten
/// sign-in check fails closed: nothing scoped is visible.
/// </summary>
public sealed class CallerContext : ICallerAccessor
{
    public Caller Current { get; private set; } = Anonymous(null);

    public static Caller Anonymous(string? address) => new("anonymous", null, null, ScopePath.None, null, address, false);

    public void Set(ClaimsPrincipal principal, string? address) => Current = FromPrincipal(principal, address);

    /// <summary>For work the process does on its own behalf (start-up checks, seeding), never for a request.</summary>
    public void Set(Caller caller) => Current = caller;

    public static Caller FromPrincipal(ClaimsPrincipal principal, string? address)
    {
        if (principal.Identity?.IsAuthenticated != true) return Anonymous(address);
        var id = Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var role = Enum.Parse<Role>(principal.FindFirstValue(ClaimTypes.Role)!);
        var scope = ScopePath.Parse(principal.FindFirstValue(WanggeClaims.Scope) ?? "");
        var department = principal.FindFirstValue(WanggeClaims.Department) is { Length: > 0 } d ? Guid.Parse(d) : (Guid?)null;
        return new Caller(principal.Identity.Name!, id, role, scope, department, address, false);
    }
}

public static class WanggeClaims
{
    public const string Scope = "wangge:scope";
    public const string Department = "wangge:department";
    public const string DisplayName = "wangge:display";
    /// <summary>The browser session's row id; a bearer principal has none.</summary>
    public const string Session = "wangge:session";
    /// <summary>The account's security stamp when the session started.</summary>
    public const string Stamp = "wangge:stamp";
    /// <summary>Present while the account still has a temporary password: nothing but changing it is allowed.</summary>
    public const string MustChangePassword = "wangge:must-change-password";

    public static ClaimsPrincipal For(User user, string scheme, Guid? sessionId = null) =>
        new(new ClaimsIdentity(
        [
            .. sessionId is { } id ? new[] { new Claim(Session, id.ToString()), new Claim(Stamp, user.SecurityStamp) } : [],
            .. user.MustChangePassword ? new[] { new Claim(MustChangePassword, "true") } : [],
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Name, user.UserName),
            new Claim(ClaimTypes.Role, user.Role.ToString()),
            new Claim(Scope, user.ScopePathValue),
            new Claim(Department, user.DepartmentId?.ToString() ?? ""),
            new Claim(DisplayName, user.DisplayName),
        ], scheme, ClaimTypes.Name, ClaimTypes.Role));
}

/// <summary>Binds each HTTP request's caller after authentication.</summary>
public sealed class CallerMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http, CallerContext callers)
    {
        callers.Set(http.User, http.Connection.RemoteIpAddress?.ToString());
        return next(http);
    }
}

/// <summary>
/// Binds an interactive Blazor circuit's caller, which lives outside any HTTP request, and follows its
/// authentication state: a session revoked while the circuit is open leaves the circuit anonymous.
/// </summary>
public sealed class CallerCircuitHandler(CallerContext callers, AuthenticationStateProvider auth, IHttpContextAccessor http) : CircuitHandler
{
    private readonly string? _address = http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await auth.GetAuthenticationStateAsync();
        callers.Set(state.User, _address);
        auth.AuthenticationStateChanged += Follow;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        auth.AuthenticationStateChanged -= Follow;
        return Task.CompletedTask;
    }

    private void Follow(Task<AuthenticationState> changed) => _ = FollowAsync(changed);

    private async Task FollowAsync(Task<AuthenticationState> changed)
    {
        try
        {
            callers.Set((await changed).User, _address);
        }
        catch (Exception)
        {
            // A state that cannot be read is no sign-in at all.
            callers.Set(CallerContext.Anonymous(_address));
        }
    }
}
