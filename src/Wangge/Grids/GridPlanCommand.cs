using System.CommandLine;
using System.Globalization;
using Wangge.Core.Common;
using Wangge.Hosting;

namespace Wangge.Grids;

/// <summary>`wangge grids plan --parent CODE --count N`: propose balanced, contiguous grids; `--adopt` saves them.</summary>
public static class GridPlanCommand
{
    public static Command Create()
    {
        var parent = new Option<string>("--parent") { Description = "Code of the street or town to divide.", Required = true };
        var count = new Option<int>("--count") { Description = "How many grids to propose.", Required = true };
        var basis = new Option<PlanBase>("--base") { Description = "Villages (default), Squares or Hexagons.", DefaultValueFactory = _ => PlanBase.Villages };
        var cell = new Option<double?>("--cell-km") { Description = "Cell size for Squares/Hexagons (default 0.5 km)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the search.", DefaultValueFactory = _ => 1 };
        var adopt = new Option<bool>("--adopt") { Description = "Save the proposal as the parent's new grid borders." };
        var command = new Command("plan", "Propose N contiguous grids of comparable workload under a parent (划分网格).") { parent, count, basis, cell, seed, adopt };
        command.SetAction(async (parse, ct) =>
        {
            var settings = HostSettings.From(parse, "wangge.db", false);
            await using var services = CliServices.Create(settings);
            await DatabaseSetup.MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var planner = scope.ServiceProvider.GetRequiredService<GridPlanner>();
            try
            {
                var started = TimeProvider.System.GetTimestamp();
                var proposal = await planner.ProposeAsync(new PlanRequest(parse.GetValue(parent), parse.GetValue(count), parse.GetValue(basis),
                    parse.GetValue(cell), parse.GetValue(seed)), ct);
                var elapsed = TimeProvider.System.GetElapsedTime(started);
                Console.WriteLine($"{proposal.Districts.Count} grids from {proposal.Units.Count} {proposal.Base.ToString().ToLowerInvariant()} under {proposal.Parent} in {elapsed.TotalSeconds:F1} s");
                foreach (var d in proposal.Districts)
                    Console.WriteLine($"  grid {d.Index + 1,3}: workload {d.Load.ToString("F1", CultureInfo.InvariantCulture),8}  units {proposal.Units.Count(u => u.District == d.Index),4}  Polsby–Popper {d.PolsbyPopper:F2}");
                Console.WriteLine($"max/mean workload {proposal.MaxOverMean:F3}, mean Polsby–Popper {proposal.MeanPolsbyPopper:F2}, contiguous: {(proposal.AllContiguous ? "all" : "NOT ALL")}");
                if (proposal.BalanceNote is not null) Console.WriteLine($"note: {proposal.BalanceNote}");
                if (!parse.GetValue(adopt)) return 0;
                var report = await planner.AdoptAsync(new AdoptRequest(proposal.Parent, proposal.Base, proposal.CellKm,
                    proposal.Units.ToDictionary(u => u.Id, u => u.District), "districting plan adopted"), ct);
                if (report.Problems.Count > 0)
                {
                    foreach (var p in report.Problems) Console.Error.WriteLine($"{p.Kind}: {p.Message}");
                    return 1;
                }
                Console.WriteLine($"Adopted: {report.Created} new, {report.Redrawn} redrawn, {report.Ended} ended; {report.Placement?.Moved ?? 0} business(es) moved.");
                return 0;
            }
            catch (RuleViolation v)
            {
                Console.Error.WriteLine($"error: {v.Field}: {v.Message}");
                return 2;
            }
        });
        return command;
    }
}
