using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Wangge.Core.Businesses;
using Wangge.Core.Risk;
using Wangge.Data;
using Wangge.Data.Businesses;

namespace Wangge.Businesses.Import;

public sealed partial class LedgerBulkWriter
{
    private static async Task CopyAsync(WanggeDbContext db, IReadOnlyList<(Business Business, RiskAssessment Rating)> created, DateTimeOffset now,
        string note, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var actor = db.Caller.Actor;
        var at = now.ToUniversalTime();
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY businesses (id, credit_code, code_kind, name, kind, sector, sector_mask, scale, key_industry, address, legal_representative, " +
            "contact_person, contact_phone, location, status, opened_on, status_since, grid_id, scope_path_value, version, risk_score, risk_class, " +
            "food_risk, rated_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (b, _) in created)
            {
                b.Version = 1;
                await w.StartRowAsync(ct);
                await w.WriteAsync(b.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(b.CreditCode, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(b.CodeKind.ToString(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(b.Name, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(b.Kind.ToString(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(b.Sector.ToString(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(b.SectorMask, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(b.Scale.ToString(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(b.KeyIndustry, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(b.Address, NpgsqlDbType.Varchar, ct);
                await WriteNullable(w, b.LegalRepresentative, ct);
                await WriteNullable(w, b.ContactPerson, ct);
                await WriteNullable(w, b.ContactPhone, ct);
                await w.WriteAsync(b.Location, NpgsqlDbType.Geometry, ct);
                await w.WriteAsync(b.Status.ToString(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(b.OpenedOn, NpgsqlDbType.Date, ct);
                if (b.StatusSince is { } since) await w.WriteAsync(since, NpgsqlDbType.Date, ct); else await w.WriteNullAsync(ct);
                if (b.GridId is { } grid) await w.WriteAsync(grid, NpgsqlDbType.Uuid, ct); else await w.WriteNullAsync(ct);
                await w.WriteAsync(b.ScopePathValue, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(b.Version, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(b.RiskScore, NpgsqlDbType.Double, ct);
                await w.WriteAsync(b.RiskClass.ToString(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(b.FoodRisk.ToString(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
            }
            await w.CompleteAsync(ct);
        }
        if (created.Any(c => c.Business.Licences.Count > 0))
        {
            await using var w = await conn.BeginBinaryImportAsync(
                "COPY business_licences (business_id, kind, number, scope, issued_on, expires_on) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var (b, _) in created)
                foreach (var l in b.Licences)
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(b.Id, NpgsqlDbType.Uuid, ct);
                    await w.WriteAsync(l.Kind.ToString(), NpgsqlDbType.Varchar, ct);
                    await w.WriteAsync(l.Number, NpgsqlDbType.Varchar, ct);
                    await WriteNullable(w, l.Scope, ct);
                    if (l.IssuedOn is { } i) await w.WriteAsync(i, NpgsqlDbType.Date, ct); else await w.WriteNullAsync(ct);
                    if (l.ExpiresOn is { } e) await w.WriteAsync(e, NpgsqlDbType.Date, ct); else await w.WriteNullAsync(ct);
                }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY business_versions (id, business_id, number, valid_from, actor, change, snapshot, status, grid_id, name, scope_path_value) " +
            "FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (b, _) in created)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(b.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(1, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(actor, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync("created", NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(VersionRecorder.Serialise(b.Snapshot()), NpgsqlDbType.Text, ct);
                await w.WriteAsync(b.Status.ToString(), NpgsqlDbType.Varchar, ct);
                if (b.GridId is { } grid) await w.WriteAsync(grid, NpgsqlDbType.Uuid, ct); else await w.WriteNullAsync(ct);
                await w.WriteAsync(b.Name, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(b.ScopePathValue, NpgsqlDbType.Varchar, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY risk_ratings (id, business_id, rated_at, score, class, food_level, effective_class, trigger, factors, note, actor) " +
            "FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (b, a) in created)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(b.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(a.Score, NpgsqlDbType.Double, ct);
                await w.WriteAsync(a.Class.ToString(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(a.FoodLevel.ToString(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(a.Class.ToString(), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(nameof(RatingTrigger.Initial), NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(RiskService.FactorsJson(a), NpgsqlDbType.Text, ct);
                await w.WriteAsync(note, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(actor, NpgsqlDbType.Varchar, ct);
            }
            await w.CompleteAsync(ct);
        }
    }

    private static async Task WriteNullable(NpgsqlBinaryImporter w, string? value, CancellationToken ct)
    {
        if (value is null) await w.WriteNullAsync(ct); else await w.WriteAsync(value, NpgsqlDbType.Varchar, ct);
    }
}
