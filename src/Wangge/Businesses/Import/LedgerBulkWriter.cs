using Wangge.Core.Businesses;
using Wangge.Core.Risk;
using Wangge.Data;

namespace Wangge.Businesses.Import;

/// <summary>
/// Adds newly imported businesses with their first version and initial rating, inside the caller's open
/// transaction. On PostgreSQL large batches go through binary COPY, the database's own fast path; otherwise
/// through EF, whose save hook writes the versions.
/// </summary>
public sealed partial class LedgerBulkWriter
{
    /// <summary>Below this many rows the COPY set-up costs more than it saves.</summary>
    public const int CopyThreshold = 200;

    public async Task InsertAsync(WanggeDbContext db, IReadOnlyList<(Business Business, RiskAssessment Rating)> created, DateTimeOffset now,
        string note, CancellationToken ct)
    {
        if (created.Count == 0) return;
        if (db.IsPostgres && created.Count >= CopyThreshold)
        {
            await CopyAsync(db, created, now, note, ct);
            return;
        }
        foreach (var (business, rating) in created)
        {
            db.Businesses.Add(business);
            db.RiskRatings.Add(InitialRating(db, business, rating, now, note));
        }
    }

    private static RiskRating InitialRating(WanggeDbContext db, Business b, RiskAssessment a, DateTimeOffset now, string note) =>
        new(b.Id, now, a.Score, a.Class, a.FoodLevel, a.Class, RatingTrigger.Initial, RiskService.FactorsJson(a), note, db.Caller.Actor);
}
