using System.CommandLine;
using Wangge.Audit;
using Wangge.Demo;
using Wangge.Users;

namespace Wangge.Hosting;

/// <summary>The verbs of the one executable. Each verb calls the same feature services the API uses.</summary>
public static class WanggeCli
{
    public static readonly Option<string?> DbOption = new("--db")
    {
        Description = "Database: a SQLite file (default wangge.db; wangge-demo.db for demo) or a PostgreSQL connection string \"Host=…;Database=…\". Also WANGGE_DB.",
        Recursive = true,
    };

    public static readonly Option<string?> UrlsOption = new("--urls")
    {
        Description = "Where to listen (default http://127.0.0.1:5080).",
    };

    /// <summary>
    /// One invocation, as the executable runs it: a <see cref="StartupException"/> (a bad setting, a missing data
    /// file) is one line on the error stream and exit code 2; any other failure is a defect, reported in full (exit 1).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? error = null, CancellationToken ct = default)
    {
        error ??= Console.Error;
        try
        {
            return await Build().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, ct);
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception e)
        {
            var line = StartupErrors.Describe(e);
            await error.WriteLineAsync(line ?? $"Unhandled exception: {e}");
            return line is null ? 1 : StartupErrors.ExitCode;
        }
    }

    public static RootCommand Build()
    {
        var root = new RootCommand("Wangge (网格) — grid-based market supervision. Run `wangge demo` to try it with a demo district.");
        root.Options.Add(DbOption);
        root.Subcommands.Add(ServeCommand());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(MigrateCommand());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(Grids.GridsCommand.Create());
        root.Subcommands.Add(Businesses.LedgerCommands.Import());
        root.Subcommands.Add(Businesses.LedgerCommands.Export());
        root.Subcommands.Add(Businesses.LedgerCommands.Risk());
        return root;
    }

    private static Command ServeCommand()
    {
        var command = new Command("serve", "Apply migrations and serve the web UI and API.") { UrlsOption };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var settings = HostSettings.From(parse, defaultDb: "wangge.db", demo: false);
            return await WebHost.RunAsync(settings, ct);
        });
        return command;
    }

    private static Command MigrateCommand()
    {
        var command = new Command("migrate", "Create or upgrade the database schema, then exit.");
        command.SetAction(async (parse, ct) =>
        {
            var settings = HostSettings.From(parse, defaultDb: "wangge.db", demo: false);
            await using var services = CliServices.Create(settings);
            await DatabaseSetup.MigrateAsync(services, ct);
            Console.WriteLine($"Schema is current on {settings.Database.Describe()}.");
            return 0;
        });
        return command;
    }
}
