using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Wangge.Core.Risk;

namespace Wangge.Bench.Ledger;

/// <summary>
/// The PostgreSQL side: the benchmark's own database (dropped and recreated every run), the comparator (a plain
/// text COPY of the same file into a bare table) and the supervision history the re-rating reads.
/// </summary>
internal sealed class Postgres(string connectionString, string database = Postgres.Database)
{
    public const string Database = "wangge_bench_ledger";
    public const string ProfileDatabase = "wangge_bench_ledger_profile";

    public string Name => database;

    /// <summary>The connection string of the benchmark's database.</summary>
    public string Bench { get; } = new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    public string Describe() => new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ConnectionString;

    /// <summary>Null when the server answers; otherwise why not.</summary>
    public async Task<string?> ProbeAsync()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return e.Message;
        }
    }

    public async Task RecreateAsync()
    {
        await using var admin = new NpgsqlConnection(connectionString);
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        await ExecuteAsync(admin, $"CREATE DATABASE {database}");
        NpgsqlConnection.ClearAllPools();
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(connectionString);
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    /// <summary>Server version and the settings that decide bulk-load speed.</summary>
    public async Task<string> SettingsAsync()
    {
        await using var c = await OpenAsync();
        var parts = new List<string> { (string)(await ScalarAsync(c, "SHOW server_version"))! };
        foreach (var name in new[] { "shared_buffers", "max_wal_size", "synchronous_commit", "fsync", "wal_level", "checkpoint_timeout" })
            parts.Add($"{name}={await ScalarAsync(c, $"SHOW {name}")}");
        return string.Join(", ", parts);
    }

    /// <summary>The comparator: the same file, header skipped, streamed by COPY into a table of 14 text columns.</summary>
    public async Task<(TimeSpan Elapsed, long Rows, string Written)> CopyBareAsync(string path)
    {
        await using var c = await OpenAsync();
        await ExecuteAsync(c, "DROP TABLE IF EXISTS bare");
        await ExecuteAsync(c, "CREATE TABLE bare (" + string.Join(", ", Enumerable.Range(1, LedgerCsv.Headers.Length).Select(i => $"c{i} text")) + ")");
        await ExecuteAsync(c, "CHECKPOINT");
        var wal = await WalAsync();
        GC.Collect();
        var watch = Stopwatch.StartNew();
        await using (var writer = await c.BeginTextImportAsync("COPY bare FROM STDIN (FORMAT csv, HEADER true)"))
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
                await writer.WriteAsync(buffer.AsMemory(0, read));
        }
        var elapsed = watch.Elapsed;
        var written = await WalSinceAsync(wal);
        var rows = (long)(await ScalarAsync(c, "SELECT count(*) FROM bare"))!;
        var size = (long)(await ScalarAsync(c, "SELECT pg_total_relation_size('bare')"))!;
        await ExecuteAsync(c, "DROP TABLE bare");
        return (elapsed, rows, $"{written}; table {Report.Mb(size)}");
    }

    /// <summary>The cluster's WAL position and checkpoint count, to see what a step wrote (cluster-wide: other databases' work counts too).</summary>
    public async Task<(string Lsn, long? Checkpoints)> WalAsync()
    {
        await using var c = await OpenAsync();
        var lsn = (await ScalarAsync(c, "SELECT pg_current_wal_lsn()::text"))!.ToString()!;
        long? checkpoints = null;
        try { checkpoints = (long)(await ScalarAsync(c, "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter"))!; }
        catch (PostgresException) { } // PostgreSQL 17 moved the counters to pg_stat_checkpointer.
        return (lsn, checkpoints);
    }

    public async Task<string> WalSinceAsync((string Lsn, long? Checkpoints) since)
    {
        var now = await WalAsync();
        await using var c = await OpenAsync();
        var bytes = Convert.ToInt64(await ScalarAsync(c, $"SELECT pg_wal_lsn_diff('{now.Lsn}'::pg_lsn, '{since.Lsn}'::pg_lsn)"),
            System.Globalization.CultureInfo.InvariantCulture);
        return $"{Report.Mb(bytes)} of WAL" + (now.Checkpoints - since.Checkpoints is { } n ? $", {n} checkpoint{(n == 1 ? "" : "s")}" : "");
    }

    public async Task CheckpointAsync()
    {
        await using var c = await OpenAsync();
        await ExecuteAsync(c, "CHECKPOINT");
    }

    public async Task VacuumAnalyzeAsync()
    {
        await using var c = await OpenAsync();
        await ExecuteAsync(c, "VACUUM (ANALYZE)");
    }

    public async Task<Dictionary<string, long>> CountsAsync(params string[] tables)
    {
        await using var c = await OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
            counts[table] = (long)(await ScalarAsync(c, $"SELECT count(*) FROM {table}"))!;
        return counts;
    }

    public async Task<string> SizeAsync()
    {
        await using var c = await OpenAsync();
        var parts = new List<string> { $"database {Report.Mb((long)(await ScalarAsync(c, "SELECT pg_database_size(current_database())"))!)}" };
        foreach (var table in new[] { "businesses", "business_versions", "risk_ratings", "business_licences" })
            parts.Add($"{table} {Report.Mb((long)(await ScalarAsync(c, $"SELECT pg_total_relation_size('{table}')"))!)}");
        return string.Join(", ", parts) + " (with indexes)";
    }

    public async Task<Guid[]> BusinessIdsAsync()
    {
        await using var c = await OpenAsync();
        var ids = new List<Guid>(1_000_000);
        await using var cmd = new NpgsqlCommand("SELECT id FROM businesses", c);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return [.. ids];
    }

    /// <summary>Risk classes across the ledger, for showing what a re-rating moved.</summary>
    public async Task<string> ClassesAsync()
    {
        await using var c = await OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT class, count(*) FROM business_ratings GROUP BY class ORDER BY class", c);
        await using var reader = await cmd.ExecuteReaderAsync();
        var parts = new List<string>();
        while (await reader.ReadAsync()) parts.Add($"{reader.GetString(0)} {Report.N(reader.GetInt64(1))}");
        return string.Join(", ", parts);
    }

    /// <summary>The supervision record, by binary COPY into supervision_events (columns: the snake_case of the entity's).</summary>
    public async Task<TimeSpan> InsertHistoryAsync(IEnumerable<History.Event> events, DateTimeOffset recordedAt)
    {
        await using var c = await OpenAsync();
        var watch = Stopwatch.StartNew();
        await using (var w = await c.BeginBinaryImportAsync(
            "COPY supervision_events (id, business_id, kind, occurred_on, failed, reference, note, source, recorded_at, recorded_by) FROM STDIN (FORMAT BINARY)"))
        {
            var at = recordedAt.ToUniversalTime();
            foreach (var e in events)
            {
                await w.StartRowAsync();
                await w.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await w.WriteAsync(e.BusinessId, NpgsqlDbType.Uuid);
                await w.WriteAsync(e.Kind.ToString(), NpgsqlDbType.Varchar);
                await w.WriteAsync(e.OccurredOn, NpgsqlDbType.Date);
                await w.WriteAsync(e.Failed, NpgsqlDbType.Boolean);
                await w.WriteAsync(e.Reference, NpgsqlDbType.Varchar);
                await w.WriteNullAsync();
                await w.WriteAsync(History.Source, NpgsqlDbType.Varchar);
                await w.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await w.WriteAsync("bench", NpgsqlDbType.Varchar);
            }
            await w.CompleteAsync();
        }
        return watch.Elapsed;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var c = new NpgsqlConnection(Bench);
        await c.OpenAsync();
        return c;
    }

    private static async Task ExecuteAsync(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
        return await cmd.ExecuteScalarAsync();
    }
}
