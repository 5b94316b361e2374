using Npgsql;
using NpgsqlTypes;
using Wangge.Core.Risk;

namespace Wangge.Businesses;

/// <summary>Rating history rows by binary COPY: the one bulk path shared by imports and re-rating on PostgreSQL.</summary>
public static class RiskRatingCopy
{
    public static Task<NpgsqlBinaryImporter> BeginAsync(NpgsqlConnection conn, CancellationToken ct) =>
        conn.BeginBinaryImportAsync(
            "COPY risk_ratings (id, business_id, rated_at, score, class, food_level, effective_class, trigger, factors, note, actor) FROM STDIN (FORMAT BINARY)", ct);

    public static async Task WriteAsync(NpgsqlConnection conn, IEnumerable<RiskRating> ratings, CancellationToken ct)
    {
        await using var w = await BeginAsync(conn, ct);
        foreach (var r in ratings) Write(w, r);
        await w.CompleteAsync(ct);
    }

    /// <summary>
    /// Writes one row. Fields are written synchronously: they only fill Npgsql's buffer, and an await per field
    /// costs seconds a million rows.
    /// </summary>
    public static void Write(NpgsqlBinaryImporter w, RiskRating r)
    {
        w.StartRow();
        w.Write(r.Id, NpgsqlDbType.Uuid);
        w.Write(r.BusinessId, NpgsqlDbType.Uuid);
        w.Write(r.RatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        w.Write(r.Score, NpgsqlDbType.Double);
        w.Write(r.Class.ToString(), NpgsqlDbType.Varchar);
        w.Write(r.FoodLevel.ToString(), NpgsqlDbType.Varchar);
        w.Write(r.EffectiveClass.ToString(), NpgsqlDbType.Varchar);
        w.Write(r.Trigger.ToString(), NpgsqlDbType.Varchar);
        w.Write(r.Factors, NpgsqlDbType.Text);
        if (r.Note is null) w.WriteNull(); else w.Write(r.Note, NpgsqlDbType.Varchar);
        w.Write(r.Actor, NpgsqlDbType.Varchar);
    }
}
