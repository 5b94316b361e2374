using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wangge.Businesses;
using Wangge.Businesses.Import;
using Wangge.Core.Businesses;
using Wangge.Core.Common;
using Wangge.Core.Risk;
using Wangge.Data;
using Wangge.Hosting;

namespace Wangge.Bench.Ledger;

/// <summary>What one timed import did, with the process's own CPU and GC figures over the same interval.</summary>
internal sealed record ImportOutcome(TimeSpan Elapsed, ImportReport Report, TimeSpan ProcessCpu, TimeSpan GcPause, long Allocated, int Gen2);

/// <summary>The steps both databases go through, on the app's real services (the CLI's: system caller, no web host).</summary>
internal static class Steps
{
    /// <summary>The CLI's services on <paramref name="database"/>, migrated.</summary>
    public static async Task<(ServiceProvider Services, TimeSpan Migrate)> ServicesAsync(string database)
    {
        var services = CliServices.Create(new HostSettings(WanggeDatabase.Parse(database), HostSettings.DefaultUrls, DemoMode: false, ExtraArgs: []));
        var watch = Stopwatch.StartNew();
        await DatabaseSetup.MigrateAsync(services, CancellationToken.None);
        return (services, watch.Elapsed);
    }

    public static async Task<TimeSpan> SeedAsync(IServiceProvider services, District district)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WanggeDbContext>();
        db.Grids.AddRange(district.Build());
        await db.SaveChangesAsync();
        return watch.Elapsed;
    }

    /// <summary>Ours, end to end: <see cref="BusinessImporter.ImportAsync"/> with default options, as the CLI and the API call it.</summary>
    public static async Task<ImportOutcome> ImportAsync(IServiceProvider services, string path, string fileName)
    {
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<BusinessImporter>();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var gc0 = GC.GetTotalPauseDuration();
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var gen2 = GC.CollectionCount(2);
        var watch = Stopwatch.StartNew();
        var report = await importer.ImportAsync(path, fileName, new BusinessImportOptions(), progress: null, CancellationToken.None);
        var elapsed = watch.Elapsed;
        return new ImportOutcome(elapsed, report, Process.GetCurrentProcess().TotalProcessorTime - cpu0, GC.GetTotalPauseDuration() - gc0,
            GC.GetTotalAllocatedBytes(precise: true) - alloc0, GC.CollectionCount(2) - gen2);
    }

    /// <summary>
    /// The rule change: catering weighs 32 points instead of 25 and class B starts at 25 instead of 30, so a small
    /// restaurant with a clean record (25 + 2 = 27, class A) becomes 34, class B.
    /// </summary>
    public static RiskRules ChangedRules()
    {
        var rules = new RiskRules { ThresholdB = 25 };
        rules.SectorPoints[Sector.Catering] = 32;
        return rules;
    }

    /// <summary>
    /// <see cref="RiskRerater.RerateAllAsync"/> in a fresh scope; <paramref name="rules"/> null takes the configured
    /// (default) rules from the container, otherwise a rerater is built on them as the brief's rule change would.
    /// </summary>
    public static async Task<(TimeSpan Elapsed, RerateResult Result, TimeSpan ProcessCpu)> RerateAsync(IServiceProvider services, RiskRules? rules, string note)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WanggeDbContext>();
        var rerater = rules is null
            ? scope.ServiceProvider.GetRequiredService<RiskRerater>()
            : new RiskRerater(db, new RiskScorer(rules), scope.ServiceProvider.GetRequiredService<JurisdictionClock>());
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = await rerater.RerateAllAsync(note, CancellationToken.None);
        return (watch.Elapsed, result, Process.GetCurrentProcess().TotalProcessorTime - cpu0);
    }

    public static async Task<Guid[]> BusinessIdsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WanggeDbContext>();
        return [.. await db.Businesses.AsNoTracking().Select(b => b.Id).ToListAsync()];
    }

    public static async Task<Dictionary<string, long>> CountsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WanggeDbContext>();
        return new Dictionary<string, long>
        {
            ["businesses"] = await db.Businesses.IgnoreQueryFilters().LongCountAsync(),
            ["business_versions"] = await db.BusinessVersions.IgnoreQueryFilters().LongCountAsync(),
            ["business_licences"] = await db.Businesses.IgnoreQueryFilters().SelectMany(b => b.Licences).LongCountAsync(),
            ["risk_ratings"] = await db.RiskRatings.LongCountAsync(),
            ["import_problems"] = await db.ImportProblems.LongCountAsync(),
        };
    }

    public static async Task<string> ClassesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WanggeDbContext>();
        var classes = await db.Businesses.IgnoreQueryFilters().GroupBy(b => b.Rating.Class).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync();
        return string.Join(", ", classes.OrderBy(c => c.Key).Select(c => $"{c.Key} {Report.N(c.Count)}"));
    }

    /// <summary>The supervision record on SQLite: through EF in batches, audited per batch as imports are.</summary>
    public static async Task<TimeSpan> InsertHistoryAsync(IServiceProvider services, List<History.Event> events, DateOnly today)
    {
        var watch = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        foreach (var chunk in events.Chunk(10_000))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WanggeDbContext>();
            db.AuditCreatedLedgerRowsAsBatch = true;
            db.SupervisionEvents.AddRange(chunk.Select(e =>
                new SupervisionEvent(e.BusinessId, e.Kind, e.OccurredOn, e.Failed, e.Reference, null, History.Source, now, "bench", today)));
            await db.SaveChangesAsync();
        }
        return watch.Elapsed;
    }
}
