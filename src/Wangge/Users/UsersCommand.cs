using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Common;
using Wangge.Core.People;
using Wangge.Data;
using Wangge.Hosting;

namespace Wangge.Users;

/// <summary>`wangge users add|passwd|place|list|disable|enable|revoke|delete`.</summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var command = new Command("users", "Manage accounts.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Passwd());
        command.Subcommands.Add(Place());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Standing("disable", "Disable an account and end all its sessions and tokens.", (a, n, ct) => a.DisableAsync(n, ct), "disabled"));
        command.Subcommands.Add(Standing("enable", "Let a disabled account sign in again.", (a, n, ct) => a.EnableAsync(n, ct), "enabled"));
        command.Subcommands.Add(Standing("revoke", "End all sessions and tokens of an account; it may sign in again.", (a, n, ct) => a.EndSessionsAsync(n, ct),
            "signed out everywhere"));
        command.Subcommands.Add(Standing("delete", "Delete an account with its sessions and tokens.", (a, n, ct) => a.DeleteAsync(n, ct), "deleted"));
        return command;
    }

    private static Command Standing(string verb, string description, Func<UserAdministration, string, CancellationToken, Task> change, string done)
    {
        var name = new Argument<string>("username") { Description = "Login name." };
        var command = new Command(verb, description) { name };
        command.SetAction(async (parse, ct) => await Run(parse, async admin =>
        {
            await change(admin, parse.GetValue(name)!, ct);
            Console.WriteLine($"{parse.GetValue(name)}: {done}.");
        }, ct));
        return command;
    }

    private static Command Place()
    {
        var name = new Option<string>("--username") { Required = true, Description = "Login name." };
        var role = new Option<Role>("--role") { Required = true, Description = "The account's role from now on." };
        var grid = new Option<string?>("--grid") { Description = "Code of the account's grid node (not for liaisons)." };
        var dept = new Option<string?>("--department") { Description = "Code of the liaison's department." };
        var command = new Command("place", "Give an account a new role or place; ends its sessions and tokens.") { name, role, grid, dept };
        command.SetAction(async (parse, ct) => await Run(parse, async admin =>
        {
            await admin.ReassignAsync(parse.GetValue(name)!, parse.GetValue(role), parse.GetValue(grid), parse.GetValue(dept), ct);
            Console.WriteLine("Placed; the account signs in afresh.");
        }, ct));
        return command;
    }

    private static Command Add()
    {
        var name = new Option<string>("--username") { Description = "Login name.", Required = true };
        var display = new Option<string?>("--name") { Description = "Display name." };
        var role = new Option<Role>("--role") { Description = "SystemAdmin, BureauLeader, StationChief, GridLeader, Inspector, Coordinator or DepartmentLiaison.", DefaultValueFactory = _ => Role.SystemAdmin };
        var grid = new Option<string?>("--grid") { Description = "Code of the user's grid node (not for liaisons)." };
        var dept = new Option<string?>("--department") { Description = "Code of the liaison's department." };
        var password = new Option<string?>("--password") { Description = "Password (at least 10 characters); read from standard input when absent." };
        var command = new Command("add", "Create an account, e.g. the first administrator.") { name, display, role, grid, dept, password };
        command.SetAction(async (parse, ct) => await Run(parse, async admin =>
        {
            var user = await admin.AddAsync(parse.GetValue(name)!, parse.GetValue(display) ?? parse.GetValue(name)!, parse.GetValue(role),
                parse.GetValue(grid), parse.GetValue(dept), parse.GetValue(password) ?? ReadPassword(), ct);
            Console.WriteLine($"Created {user.UserName} ({user.Role}) at {(user.ScopePathValue.Length > 0 ? user.ScopePathValue : "department")}.");
        }, ct));
        return command;
    }

    private static Command Passwd()
    {
        var name = new Option<string>("--username") { Required = true, Description = "Login name." };
        var password = new Option<string?>("--password") { Description = "New password; read from standard input when absent." };
        var command = new Command("passwd", "Set an account's password (also unlocks it).") { name, password };
        command.SetAction(async (parse, ct) => await Run(parse, async admin =>
        {
            await admin.SetPasswordAsync(parse.GetValue(name)!, parse.GetValue(password) ?? ReadPassword(), ct);
            Console.WriteLine("Password changed.");
        }, ct));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List accounts with role and place.");
        command.SetAction(async (parse, ct) =>
        {
            var settings = HostSettings.From(parse, "wangge.db", false);
            await using var services = CliServices.Create(settings);
            await DatabaseSetup.MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WanggeDbContext>();
            foreach (var u in await db.Users.OrderBy(u => u.UserName).ToListAsync(ct))
                Console.WriteLine($"{u.UserName,-16} {u.Role,-18} {u.ScopePathValue}{(u.IsDisabled ? "  (disabled)" : "")}");
            return 0;
        });
        return command;
    }

    private static async Task<int> Run(ParseResult parse, Func<UserAdministration, Task> action, CancellationToken ct)
    {
        var settings = HostSettings.From(parse, "wangge.db", false);
        await using var services = CliServices.Create(settings);
        await DatabaseSetup.MigrateAsync(services, ct);
        await using var scope = services.CreateAsyncScope();
        try
        {
            await action(scope.ServiceProvider.GetRequiredService<UserAdministration>());
            return 0;
        }
        catch (RuleViolation v)
        {
            Console.Error.WriteLine($"error: {v.Field}: {v.Message}");
            return 2;
        }
    }

    private static string ReadPassword() => Console.ReadLine() ?? "";
}
