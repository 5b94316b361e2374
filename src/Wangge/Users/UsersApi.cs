using Microsoft.AspNetCore.Http.HttpResults;
using Wangge.Core.People;

namespace Wangge.Users;

/// <summary>
/// POST /api/v1/users/{id}/disable           disable an account and end its sessions and tokens
/// POST /api/v1/users/{id}/enable            let a disabled account sign in again
/// POST /api/v1/users/{id}/revoke-sessions   end every session and token of an account
/// Administrators and bureau leaders, for accounts placed in their area (see <see cref="UserAdministration"/>).
/// </summary>
public static class UsersApi
{
    public const string AdministratorRoles = "SystemAdmin,BureauLeader";

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users").RequireAuthorization(p => p.RequireRole(AdministratorRoles.Split(',')));
        group.MapPost("/{id:guid}/disable", DisableUser);
        group.MapPost("/{id:guid}/enable", EnableUser);
        group.MapPost("/{id:guid}/revoke-sessions", RevokeUserSessions);
        return group;
    }

    public sealed record UserView(Guid Id, string UserName, string DisplayName, string Role, string Place, bool Disabled)
    {
        public static UserView Of(User u) => new(u.Id, u.UserName, u.DisplayName, u.Role.ToString(),
            u.ScopePathValue.Length > 0 ? u.ScopePathValue : u.DepartmentId?.ToString() ?? "", u.IsDisabled);
    }

    public static async Task<Ok<UserView>> DisableUser(Guid id, UserAdministration users, CancellationToken ct) =>
        TypedResults.Ok(UserView.Of(await users.DisableAsync(id, ct)));

    public static async Task<Ok<UserView>> EnableUser(Guid id, UserAdministration users, CancellationToken ct) =>
        TypedResults.Ok(UserView.Of(await users.EnableAsync(id, ct)));

    public static async Task<Ok<UserView>> RevokeUserSessions(Guid id, UserAdministration users, CancellationToken ct) =>
        TypedResults.Ok(UserView.Of(await users.EndSessionsAsync(id, ct)));
}
