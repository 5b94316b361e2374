using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Wangge.Businesses;
using Wangge.Core.Businesses;
using Wangge.Core.Risk;
using Wangge.Data;

namespace Wangge.Bench.Ledger;

/// <summary>
/// Where a PostgreSQL re-rating's time goes: <see cref="RiskRerater.RerateAllAsync"/>'s reads, scoring and writes
/// replayed one after another (the rerater overlaps the reads, and the temporary table's COPY with the scoring) with the same queries and statements, on one connection whose backend CPU is read from
/// /proc, without a command timeout, inside a transaction that is rolled back so the ledger is left as it was.
/// </summary>
internal static class RerateProfile
{
    private sealed record LicenceRow(Guid BusinessId, string Kind, DateOnly? ExpiresOn);

    public readonly record struct Step(string Name, TimeSpan Wall, TimeSpan OurCpu, TimeSpan? ServerCpu, string What);

    public static async Task<(List<Step> Steps, int Rated, int Changed)> RunAsync(IServiceProvider services, RiskRules rules)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WanggeDbContext>();
        var scorer = new RiskScorer(rules);
        await db.Database.OpenConnectionAsync();
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        int backend;
        await using (var cmd = new NpgsqlCommand("SELECT pg_backend_pid()", conn)) backend = (int)(await cmd.ExecuteScalarAsync())!;
        var steps = new List<Step>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var since = today.AddYears(-3);
        var now = DateTimeOffset.UtcNow;

        GC.Collect();
        var mark = Mark(backend);
        void Done(string name, string what)
        {
            var next = Mark(backend);
            steps.Add(new Step(name, next.Wall - mark.Wall, next.Ours - mark.Ours,
                next.Server is { } b && mark.Server is { } a ? b - a : null, what));
            mark = next;
        }

        var history = new Dictionary<Guid, List<SupervisionFact>>();
        await foreach (var e in db.Businesses.AsNoTracking()
                           .Join(db.SupervisionEvents.AsNoTracking().Where(e => e.OccurredOn >= since), b => b.Id, e => e.BusinessId,
                               (b, e) => new { e.BusinessId, e.Kind, e.OccurredOn, e.Failed }).AsAsyncEnumerable())
        {
            if (!history.TryGetValue(e.BusinessId, out var list)) history[e.BusinessId] = list = [];
            list.Add(new SupervisionFact(e.Kind, e.OccurredOn, e.Failed));
        }
        Done("read history", "businesses ⋈ supervision_events of 3 years, into a dictionary");

        var licences = new Dictionary<Guid, List<LicenceFact>>();
        await foreach (var l in db.Database.SqlQueryRaw<LicenceRow>(
                           "SELECT business_id AS \"BusinessId\", kind AS \"Kind\", expires_on AS \"ExpiresOn\" FROM business_licences").AsAsyncEnumerable())
        {
            if (!licences.TryGetValue(l.BusinessId, out var list)) licences[l.BusinessId] = list = [];
            list.Add(new LicenceFact(Enum.Parse<LicenceKind>(l.Kind), l.ExpiresOn));
        }
        Done("read licences", "all of business_licences (raw SQL), into a dictionary");

        var rows = new List<(Guid Id, int Mask, BusinessScale Scale, bool Key, DateOnly? Last, DateOnly Opened, double Score, RiskClass Class,
            FoodRiskLevel Food, DateTimeOffset? RatedAt)>(1_000_000);
        await foreach (var b in db.Businesses.AsNoTracking().Select(b => new
                           {
                               b.Id, b.SectorMask, b.Scale, b.KeyIndustry, b.LastInspectedOn, b.OpenedOn, b.Rating.Score, b.Rating.Class, b.Rating.FoodLevel,
                               b.Rating.RatedAt, b.OverrideClass, b.OverrideUntil,
                           }).AsAsyncEnumerable())
            rows.Add((b.Id, b.SectorMask, b.Scale, b.KeyIndustry, b.LastInspectedOn, b.OpenedOn, b.Score, b.Class, b.FoodLevel, b.RatedAt));
        Done("read businesses", "the 12 rating columns of every business (businesses ⋈ business_ratings)");

        var changes = new List<(Guid Id, RiskAssessment A, bool Moved)>();
        foreach (var b in rows)
        {
            var profile = new RiskProfile(new SectorSet(b.Mask), b.Scale, b.Key,
                history.TryGetValue(b.Id, out var h) ? h : [], licences.TryGetValue(b.Id, out var l) ? l : [], b.Last, b.Opened);
            var a = scorer.Assess(profile, today);
            if (b.RatedAt is not null && a.Score == b.Score && a.Class == b.Class && a.FoodLevel == b.Food) continue;
            changes.Add((b.Id, a, b.RatedAt is null || a.Class != b.Class || a.FoodLevel != b.Food));
        }
        Done("score", "RiskScorer.Assess for every business, keep the changed");

        await using var tx = await conn.BeginTransactionAsync();
        await using (var w = await RiskRatingCopy.BeginAsync(conn, CancellationToken.None))
        {
            foreach (var c in changes.Where(c => c.Moved))
                RiskRatingCopy.Write(w, new RiskRating(c.Id, now, c.A.Score, c.A.Class, c.A.FoodLevel, c.A.Class, RatingTrigger.RuleChange,
                    RiskService.FactorsJson(c.A), "bench profile", "bench"));
            await w.CompleteAsync();
        }
        Done("COPY risk_ratings", "a history entry (with factor JSON) per class change (streamed during the read in the app)");

        await Execute(conn, "CREATE TEMP TABLE rerate (id uuid PRIMARY KEY, score double precision, class varchar(2), food varchar(8)) ON COMMIT DROP");
        await using (var w = await conn.BeginBinaryImportAsync("COPY rerate (id, score, class, food) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in changes)
            {
                w.StartRow();
                w.Write(c.Id, NpgsqlDbType.Uuid);
                w.Write(c.A.Score, NpgsqlDbType.Double);
                w.Write(c.A.Class.ToString(), NpgsqlDbType.Varchar);
                w.Write(c.A.FoodLevel.ToString(), NpgsqlDbType.Varchar);
            }
            await w.CompleteAsync();
        }
        Done("COPY temp table", "changed scores into a temporary table with a primary key");

        await using (var cmd = new NpgsqlCommand(
                         "UPDATE business_ratings b SET score = r.score, class = r.class, food_level = r.food, rated_at = $1 FROM rerate r WHERE b.business_id = r.id",
                         conn) { CommandTimeout = 0 })
        {
            cmd.Parameters.AddWithValue(now);
            await cmd.ExecuteNonQueryAsync();
        }
        Done("UPDATE ratings", "one UPDATE business_ratings … FROM rerate");

        await tx.RollbackAsync();
        Done("ROLLBACK", "(the profile leaves the ledger as it was)");
        return (steps, rows.Count, changes.Count);
    }

    private static (TimeSpan Wall, TimeSpan Ours, TimeSpan? Server) Mark(int backend) =>
        (Stopwatch.GetElapsedTime(0), Process.GetCurrentProcess().TotalProcessorTime, Report.ProcessCpu(backend));

    private static async Task Execute(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
