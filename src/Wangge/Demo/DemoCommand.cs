using System.CommandLine;
using Wangge.Hosting;

namespace Wangge.Demo;

/// <summary>`wangge demo`: creates the demo district on first run, prints the accounts, and serves.</summary>
public static class DemoCommand
{
    public const string DefaultDb = "wangge-demo.db";

    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the generated parts of the district.", DefaultValueFactory = _ => DemoDistrict.DefaultSeed };
        var noServe = new Option<bool>("--no-serve") { Description = "Create the demo database, then exit." };
        var command = new Command("demo", $"Serve with the demo district (Baiyun, Guangzhou), creating it in {DefaultDb} if absent.")
        {
            WanggeCli.UrlsOption, seed, noServe,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var settings = HostSettings.From(parse, DefaultDb, demo: true);
            await using (var services = CliServices.Create(settings))
            {
                await DatabaseSetup.MigrateAsync(services, ct);
                await using var scope = services.CreateAsyncScope();
                var demo = scope.ServiceProvider.GetRequiredService<DemoDistrict>();
                if (!await demo.ExistsAsync(ct))
                {
                    Console.WriteLine($"Creating the demo district in {settings.Database.Describe()} (seed {parse.GetValue(seed)})…");
                    var started = TimeProvider.System.GetTimestamp();
                    var summary = await demo.GenerateAsync(DemoExtract.Load(DemoExtract.DefaultFolder), parse.GetValue(seed), ct,
                        s => Console.WriteLine($"  {TimeProvider.System.GetElapsedTime(started).TotalSeconds,5:F1} s  {Describe(s)}"));
                    Console.WriteLine($"  {summary.Zones} zones, {summary.Streets} streets and towns, {summary.Grids} bottom grids, {summary.Villages} villages, " +
                                      $"{summary.Businesses} businesses, {summary.Staff} staff, {summary.Coordinators} coordinators, " +
                                      $"{summary.DescribeLedger()}, in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s.");
                }
            }
            PrintAccounts(settings);
            if (parse.GetValue(noServe)) return 0;
            return await WebHost.RunAsync(settings, ct);
        });
        return command;
    }

    private static string Describe(DemoStep step) => step switch
    {
        DemoStep.Borders => "drawing the borders of zones, streets, villages and grids inside the real outline…",
        DemoStep.Businesses => $"placing {DemoDistrict.BusinessCount:N0} businesses with their licences and three years of history…",
        DemoStep.Ledger => "saving the ledger with a version and an audit entry for every business…",
        DemoStep.History => "saving the history of inspections, spot checks and violations…",
        DemoStep.Staff => "staffing the grids and creating the demo accounts…",
        _ => "rating every business from its record…",
    };

    private static void PrintAccounts(HostSettings settings)
    {
        Console.WriteLine();
        Console.WriteLine($"Open {settings.Urls.Split(';')[0]} and sign in with one of the demo accounts (password {Auth.AccountService.DemoPassword}):");
        foreach (var (user, role) in new[]
                 {
                     ("admin", "system admin"), ("bureau", "bureau (county) leader"), ("station", "station chief"),
                     ("gridleader", "grid leader"), ("inspector", "inspector"), ("coordinator", "coordinator / informant"),
                     ("liaison", "department liaison"),
                 })
            Console.WriteLine($"  {user,-12} {role}");
        Console.WriteLine();
    }
}
