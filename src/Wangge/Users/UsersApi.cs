using Wangge.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Wangge.Core.People;
using Wangge.Hosting;

namespace Wangge.Users;

/// <summary>
/// GET  /api/v1/users                        the accounts the caller administers (?role=&amp;grid=&amp;disabled=&amp;q=)
/// POST /api/v1/users                        create an account (without a password: a temporary one, answered once)
/// GET  /api/v1/users/{id}                   one account, with its version as ETag
/// PUT  /api/v1/users/{id}                   rename, new role or place (If-Match)
/// POST /api/v1/users/{id}/reset-password    new password (If-Match); without one a temporary one, answered once
/// POST /api/v1/users/{id}/disable           disable an account and end its sessions and tokens
/// POST /api/v1/users/{id}/enable            unlock: let a disabled account sign in again
/// POST /api/v1/users/{id}/revoke-sessions   end every session and token of an account
/// Administrators, bureau leaders and station chiefs, for accounts placed in their area (see <see cref="AccountRules"/>).
/// </summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users").WithEntityTags()
            .RequireAuthorization(Policies.AdministerUsers);
        group.MapGet("/", ListUsers);
        group.MapPost("/", CreateUser);
        group.MapGet("/{id:guid}", GetUser);
        group.MapPut("/{id:guid}", ChangeUser);
        group.MapPost("/{id:guid}/reset-password", ResetUserPassword);
        group.MapPost("/{id:guid}/disable", DisableUser);
        group.MapPost("/{id:guid}/enable", EnableUser);
        group.MapPost("/{id:guid}/revoke-sessions", RevokeUserSessions);
        return group;
    }

    /// <summary>The body of a create, change or reset; <c>version</c> stands in for If-Match.</summary>
    public sealed record UserInput(string? Username, string? Name, Role? Role, string? Grid, string? Department, string? Password, int? Version);

    /// <summary>An account with the temporary password it was just given, if any: shown once, never stored readable.</summary>
    public sealed record UserWithPassword(UserView User, string? TemporaryPassword) : Core.Common.IVersioned
    {
        public int Version => User.Version;
    }

    public static async Task<Ok<IReadOnlyList<UserView>>> ListUsers(Role? role, string? grid, bool? disabled, string? q, UserDirectory users,
        CancellationToken ct) =>
        TypedResults.Ok(await users.ListAsync(new UserFilter(role, grid, disabled, q), ct));

    public static async Task<Ok<UserView>> GetUser(Guid id, UserDirectory users, CancellationToken ct) =>
        TypedResults.Ok(await users.GetAsync(id, ct));

    public static async Task<Created<UserWithPassword>> CreateUser(UserInput input, UserAdministration admin, UserDirectory users, CancellationToken ct)
    {
        var (user, temporary) = await admin.CreateAsync(new AccountInput(input.Username, input.Name, input.Role, input.Grid, input.Department, input.Password), ct);
        return TypedResults.Created($"/api/v1/users/{user.Id}", new UserWithPassword((await users.ViewsAsync([user], ct))[0], temporary));
    }

    public static async Task<Ok<UserView>> ChangeUser(Guid id, UserInput input, HttpRequest request, UserAdministration admin, UserDirectory users,
        CancellationToken ct)
    {
        var user = await admin.UpdateAsync(id, EntityTags.Expected(request, input.Version), new AccountInput(null, input.Name, input.Role, input.Grid, input.Department), ct);
        return TypedResults.Ok((await users.ViewsAsync([user], ct))[0]);
    }

    public static async Task<Ok<UserWithPassword>> ResetUserPassword(Guid id, UserInput? input, HttpRequest request, UserAdministration admin,
        UserDirectory users, CancellationToken ct)
    {
        var (user, temporary) = await admin.ResetPasswordAsync(id, EntityTags.Expected(request, input?.Version), input?.Password, ct);
        return TypedResults.Ok(new UserWithPassword((await users.ViewsAsync([user], ct))[0], temporary));
    }

    public static async Task<Ok<UserView>> DisableUser(Guid id, UserAdministration users, CancellationToken ct) =>
        TypedResults.Ok(UserView.Of(await users.DisableAsync(id, ct)));

    public static async Task<Ok<UserView>> EnableUser(Guid id, UserAdministration users, CancellationToken ct) =>
        TypedResults.Ok(UserView.Of(await users.EnableAsync(id, ct)));

    public static async Task<Ok<UserView>> RevokeUserSessions(Guid id, UserAdministration users, CancellationToken ct) =>
        TypedResults.Ok(UserView.Of(await users.EndSessionsAsync(id, ct)));
}
