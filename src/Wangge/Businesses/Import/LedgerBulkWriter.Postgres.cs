using System.Buffers;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Wangge.Core.Businesses;
using Wangge.Core.Risk;
using Wangge.Data;
using Wangge.Data.Businesses;
using Wangge.Geo.Io;

namespace Wangge.Businesses.Import;

public sealed partial class LedgerBulkWriter
{
    private static async Task CopyAsync(WanggeDbContext db, IReadOnlyList<(Business Business, RiskAssessment Rating)> created, DateTimeOffset now,
        string note, CancellationToken ct)
    {
        // Fields are written synchronously: they only fill Npgsql's buffer, and an await per field cost seconds a million rows.
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var actor = db.Caller.Actor;
        var at = now.ToUniversalTime();
        // Two fields go as raw bytes: binary COPY hands a field's bytes to the column type's own receive function, so
        // a point's EWKB reaches PostGIS and a snapshot's UTF-8 JSON reaches text without Npgsql building a geometry
        // writer or a string for each of a million rows.
        var point = new byte[Ewkb.PointLength];
        var json = new ArrayBufferWriter<byte>(1024);
        await using var jsonWriter = VersionRecorder.CreateWriter(json);
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY businesses (id, credit_code, code_kind, name, kind, sector, sector_mask, scale, key_industry, address, legal_representative, " +
            "contact_person, contact_phone, location, status, opened_on, status_since, grid_id, scope_path_value, version) " +
            "FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (b, _) in created)
            {
                b.Version = 1;
                w.StartRow();
                w.Write(b.Id, NpgsqlDbType.Uuid);
                w.Write(b.CreditCode, NpgsqlDbType.Varchar);
                w.Write(b.CodeKind.ToString(), NpgsqlDbType.Varchar);
                w.Write(b.Name, NpgsqlDbType.Varchar);
                w.Write(b.Kind.ToString(), NpgsqlDbType.Varchar);
                w.Write(b.Sector.ToString(), NpgsqlDbType.Varchar);
                w.Write(b.SectorMask, NpgsqlDbType.Integer);
                w.Write(b.Scale.ToString(), NpgsqlDbType.Varchar);
                w.Write(b.KeyIndustry, NpgsqlDbType.Boolean);
                w.Write(b.Address, NpgsqlDbType.Varchar);
                WriteNullable(w, b.LegalRepresentative);
                WriteNullable(w, b.ContactPerson);
                WriteNullable(w, b.ContactPhone);
                w.Write(Ewkb.Point(b.Location, point), NpgsqlDbType.Bytea);
                w.Write(b.Status.ToString(), NpgsqlDbType.Varchar);
                w.Write(b.OpenedOn, NpgsqlDbType.Date);
                if (b.StatusSince is { } since) w.Write(since, NpgsqlDbType.Date); else w.WriteNull();
                if (b.GridId is { } grid) w.Write(grid, NpgsqlDbType.Uuid); else w.WriteNull();
                w.Write(b.ScopePathValue, NpgsqlDbType.Varchar);
                w.Write(b.Version, NpgsqlDbType.Integer);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY business_ratings (business_id, score, class, food_level, rated_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (b, _) in created)
            {
                w.StartRow();
                w.Write(b.Id, NpgsqlDbType.Uuid);
                w.Write(b.Rating.Score, NpgsqlDbType.Double);
                w.Write(b.Rating.Class.ToString(), NpgsqlDbType.Varchar);
                w.Write(b.Rating.FoodLevel.ToString(), NpgsqlDbType.Varchar);
                w.Write(at, NpgsqlDbType.TimestampTz);
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
                    w.StartRow();
                    w.Write(b.Id, NpgsqlDbType.Uuid);
                    w.Write(l.Kind.ToString(), NpgsqlDbType.Varchar);
                    w.Write(l.Number, NpgsqlDbType.Varchar);
                    WriteNullable(w, l.Scope);
                    if (l.IssuedOn is { } i) w.Write(i, NpgsqlDbType.Date); else w.WriteNull();
                    if (l.ExpiresOn is { } e) w.Write(e, NpgsqlDbType.Date); else w.WriteNull();
                }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY business_versions (id, business_id, number, valid_from, actor, change, snapshot, status, grid_id, name, scope_path_value) " +
            "FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (b, _) in created)
            {
                var version = Guid.CreateVersion7();
                w.StartRow();
                w.Write(version, NpgsqlDbType.Uuid);
                w.Write(b.Id, NpgsqlDbType.Uuid);
                w.Write(1, NpgsqlDbType.Integer);
                w.Write(at, NpgsqlDbType.TimestampTz);
                w.Write(actor, NpgsqlDbType.Varchar);
                w.Write("created", NpgsqlDbType.Varchar);
                json.Clear();
                jsonWriter.Reset();
                VersionRecorder.Serialise(b.Snapshot(), jsonWriter);
                jsonWriter.Flush();
                w.Write(json.WrittenMemory, NpgsqlDbType.Bytea);
                // The batch's audit entry carries a digest of the versions it wrote (decision 005).
                db.RecordBulkVersion(version, b.Id, 1, json.WrittenSpan);
                w.Write(b.Status.ToString(), NpgsqlDbType.Varchar);
                if (b.GridId is { } grid) w.Write(grid, NpgsqlDbType.Uuid); else w.WriteNull();
                w.Write(b.Name, NpgsqlDbType.Varchar);
                w.Write(b.ScopePathValue, NpgsqlDbType.Varchar);
            }
            await w.CompleteAsync(ct);
        }
        await RiskRatingCopy.WriteAsync(conn, created.Select(c => InitialRating(db, c.Business, c.Rating, now, note)), ct);
    }

    private static void WriteNullable(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null) w.WriteNull(); else w.Write(value, NpgsqlDbType.Varchar);
    }
}
