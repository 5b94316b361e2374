using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Wangge.Core.Common;
using Wangge.Core.Businesses;
using Wangge.Core.Risk;
using Wangge.Data;

namespace Wangge.Businesses;

public sealed record RerateResult(int Rated, int ScoreChanged, int ClassChanged, TimeSpan Elapsed);

/// <summary>
/// Re-rates every business in the caller's part of the grid after the rules change. Reads the three years
/// of history and the licences once, scores in memory, and writes only the businesses whose score moved —
/// set-based (COPY + one UPDATE on PostgreSQL, one prepared statement on SQLite) so a province's million
/// businesses re-rate in seconds. Each class change gets a history entry; the run is audited as one entry.
/// </summary>
public sealed class RiskRerater(WanggeDbContext db, RiskScorer scorer, JurisdictionClock clock)
{
    private sealed record LicenceRow(Guid BusinessId, string Kind, DateOnly? ExpiresOn);

    private readonly record struct Change(Guid Id, double Score, RiskClass Class, FoodRiskLevel Food, RiskAssessment? Rating, RiskClass Effective, RatingTrigger Trigger);

    public async Task<RerateResult> RerateAllAsync(string note, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var today = clock.Today;
        var now = clock.GetUtcNow();
        var since = today.AddYears(-RiskScorer.HistoryYears);

        // Reads go through a second connection: history beside the licences (one is the database's work, the other
        // mostly ours), then, on PostgreSQL, the businesses while this connection's transaction takes the changes.
        await using var beside = db.CreateSibling();
        var reading = ReadHistoryAsync(beside, since, ct);
        var licences = await ReadLicencesAsync(ct);
        var history = await reading;

        // One set-based UPDATE over a province's ledger takes longer than the default 30 s command timeout.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tally = db.IsPostgres
            ? await WritePostgresAsync(beside, history, licences, today, now, note, ct)
            : await WriteSqliteAsync(tx, history, licences, today, now, note, ct);
        await db.AuditBulkAsync("RiskRating", now.ToString("O"), "rerated",
            new { rated = tally.Rated, scoreChanged = tally.ScoreChanged, classChanged = tally.ClassChanged, scope = db.Caller.Scope.Value, note }, ct);
        await tx.CommitAsync(ct);
        return new RerateResult(tally.Rated, tally.ScoreChanged, tally.ClassChanged, watch.Elapsed);
    }

    private readonly record struct Tally(int Rated, int ScoreChanged, int ClassChanged);

    /// <summary>Scores every business <paramref name="source"/> sees and hands on those whose score moved.</summary>
    private async Task<Tally> ScoreAsync(WanggeDbContext source, Dictionary<Guid, List<SupervisionFact>> history,
        Dictionary<Guid, List<LicenceFact>> licences, DateOnly today, Action<Change> changed, CancellationToken ct)
    {
        int rated = 0, scoreChanged = 0, classChanged = 0;
        await foreach (var b in source.Businesses.AsNoTracking().Select(b => new
                           {
                               b.Id, b.SectorMask, b.Scale, b.KeyIndustry, b.LastInspectedOn, b.OpenedOn, b.Rating.Score, b.Rating.Class, b.Rating.FoodLevel,
                               b.Rating.RatedAt, b.OverrideClass, b.OverrideUntil,
                           }).AsAsyncEnumerable().WithCancellation(ct))
        {
            rated++;
            var profile = new RiskProfile(new SectorSet(b.SectorMask), b.Scale, b.KeyIndustry,
                history.TryGetValue(b.Id, out var h) ? h : [], licences.TryGetValue(b.Id, out var l) ? l : [], b.LastInspectedOn, b.OpenedOn);
            var a = scorer.Assess(profile, today);
            if (b.RatedAt is not null && a.Score == b.Score && a.Class == b.Class && a.FoodLevel == b.FoodLevel) continue;
            scoreChanged++;
            var moved = b.RatedAt is null || a.Class != b.Class || a.FoodLevel != b.FoodLevel;
            if (moved) classChanged++;
            var effective = RiskOverride.Effective(a.Class, b.OverrideClass, b.OverrideUntil, today);
            changed(new Change(b.Id, a.Score, a.Class, a.FoodLevel, moved ? a : null, effective, b.RatedAt is null ? RatingTrigger.Initial : RatingTrigger.RuleChange));
        }
        return new Tally(rated, scoreChanged, classChanged);
    }

    private static async Task<Dictionary<Guid, List<SupervisionFact>>> ReadHistoryAsync(WanggeDbContext source, DateOnly since, CancellationToken ct)
    {
        var history = new Dictionary<Guid, List<SupervisionFact>>();
        await foreach (var e in source.Businesses.AsNoTracking()
                           .Join(source.SupervisionEvents.AsNoTracking().Where(e => e.OccurredOn >= since), b => b.Id, e => e.BusinessId,
                               (b, e) => new { e.BusinessId, e.Kind, e.OccurredOn, e.Failed }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!history.TryGetValue(e.BusinessId, out var list)) history[e.BusinessId] = list = [];
            list.Add(new SupervisionFact(e.Kind, e.OccurredOn, e.Failed));
        }
        return history;
    }

    /// <summary>
    /// Licences are read whole (an owned table EF cannot stream per owner on SQLite without APPLY); only the
    /// businesses in scope, streamed afterwards, ever look theirs up.
    /// </summary>
    private async Task<Dictionary<Guid, List<LicenceFact>>> ReadLicencesAsync(CancellationToken ct)
    {
        var licences = new Dictionary<Guid, List<LicenceFact>>();
        await foreach (var l in db.Database.SqlQueryRaw<LicenceRow>("SELECT business_id AS \"BusinessId\", kind AS \"Kind\", expires_on AS \"ExpiresOn\" FROM business_licences")
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!licences.TryGetValue(l.BusinessId, out var list)) licences[l.BusinessId] = list = [];
            list.Add(new LicenceFact(Enum.Parse<LicenceKind>(l.Kind), l.ExpiresOn));
        }
        return licences;
    }

    /// <summary>
    /// Streams a history entry for each class that moves into a COPY on this transaction while the other connection
    /// reads and we score; then the changed scores go into a temporary table and one UPDATE of the current ratings.
    /// </summary>
    private async Task<Tally> WritePostgresAsync(WanggeDbContext reader, Dictionary<Guid, List<SupervisionFact>> history,
        Dictionary<Guid, List<LicenceFact>> licences, DateOnly today, DateTimeOffset now, string note, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var changes = new List<Change>();
        Tally tally;
        await using (var ratings = await RiskRatingCopy.BeginAsync(conn, ct))
        {
            tally = await ScoreAsync(reader, history, licences, today, c =>
            {
                changes.Add(c);
                if (c.Rating is not null) RiskRatingCopy.Write(ratings, Rating(c, now, note));
            }, ct);
            await ratings.CompleteAsync(ct);
        }
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TEMP TABLE rerate (id uuid PRIMARY KEY, score double precision, class varchar(2), food varchar(8)) ON COMMIT DROP", ct);
        await using (var w = await conn.BeginBinaryImportAsync("COPY rerate (id, score, class, food) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var c in changes)
            {
                w.StartRow();
                w.Write(c.Id, NpgsqlDbType.Uuid);
                w.Write(c.Score, NpgsqlDbType.Double);
                w.Write(c.Class.ToString(), NpgsqlDbType.Varchar);
                w.Write(c.Food.ToString(), NpgsqlDbType.Varchar);
            }
            await w.CompleteAsync(ct);
        }
        await db.Database.ExecuteSqlAsync(
            $"UPDATE business_ratings b SET score = r.score, class = r.class, food_level = r.food, rated_at = {now.ToUniversalTime()} FROM rerate r WHERE b.business_id = r.id", ct);
        return tally;
    }

    private RiskRating Rating(Change c, DateTimeOffset now, string note) =>
        new(c.Id, now, c.Rating!.Score, c.Rating.Class, c.Rating.FoodLevel, c.Effective, c.Trigger, RiskService.FactorsJson(c.Rating), note, db.Caller.Actor);

    private IEnumerable<RiskRating> Ratings(List<Change> changes, DateTimeOffset now, string note) =>
        changes.Where(c => c.Rating is not null).Select(c => Rating(c, now, note));

    /// <summary>SQLite has one writer and no COPY: the changes are gathered, then written by one prepared statement.</summary>
    private async Task<Tally> WriteSqliteAsync(IDbContextTransaction tx, Dictionary<Guid, List<SupervisionFact>> history,
        Dictionary<Guid, List<LicenceFact>> licences, DateOnly today, DateTimeOffset now, string note, CancellationToken ct)
    {
        var changes = new List<Change>();
        var tally = await ScoreAsync(db, history, licences, today, changes.Add, ct);
        var conn = db.Database.GetDbConnection();
        await using var update = conn.CreateCommand();
        update.Transaction = tx.GetDbTransaction();
        update.CommandText = "UPDATE business_ratings SET score = $score, class = $class, food_level = $food, rated_at = $at WHERE business_id = $id";
        var score = Parameter(update, "$score");
        var cls = Parameter(update, "$class");
        var food = Parameter(update, "$food");
        var at = Parameter(update, "$at");
        var id = Parameter(update, "$id");
        // The same encodings EF uses for this provider: DateTimeOffset as its binary long, Guid as upper-case text.
        at.Value = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(now);
        await update.PrepareAsync(ct);
        foreach (var c in changes)
        {
            score.Value = c.Score;
            cls.Value = c.Class.ToString();
            food.Value = c.Food.ToString();
            id.Value = c.Id.ToString().ToUpperInvariant();
            await update.ExecuteNonQueryAsync(ct);
        }
        db.AuditCreatedLedgerRowsAsBatch = true;
        try
        {
            db.RiskRatings.AddRange(Ratings(changes, now, note));
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.AuditCreatedLedgerRowsAsBatch = false;
            db.ChangeTracker.Clear();
        }
        return tally;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        command.Parameters.Add(p);
        return p;
    }
}
