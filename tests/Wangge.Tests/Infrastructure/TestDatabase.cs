using Npgsql;
using Wangge.Data;

namespace Wangge.Tests.Infrastructure;

/// <summary>
/// A database that belongs to one fixture: a temporary SQLite file, or a fresh PostgreSQL database created
/// next to the one named by WANGGE_TEST_PG and dropped afterwards.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract WanggeDatabase Database { get; }
    public abstract string Name { get; }
    public abstract ValueTask DisposeAsync();

    public static TestDatabase Sqlite() => new SqliteTestDatabase();

    /// <summary>Null when PostgreSQL is not configured and not required.</summary>
    public static async Task<TestDatabase?> PostgresAsync()
    {
        var baseConnection = Prerequisites.PostgresConnection();
        if (baseConnection is null) return null;
        var db = new PostgresTestDatabase(baseConnection);
        await db.CreateAsync();
        return db;
    }

    private sealed class SqliteTestDatabase : TestDatabase
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"wangge-test-{Guid.NewGuid():N}.db");
        public override WanggeDatabase Database => WanggeDatabase.Parse(_path);
        public override string Name => "SQLite";

        public override ValueTask DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", Wangge.Data.Audit.AuditFiles.KeySuffix, Wangge.Data.Audit.AuditFiles.AnchorSuffix })
                File.Delete(_path + suffix);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresTestDatabase(string baseConnection) : TestDatabase
    {
        private readonly string _name = $"wangge_test_{Guid.NewGuid():N}";
        public override string Name => "PostgreSQL";

        public override WanggeDatabase Database =>
            WanggeDatabase.Parse(new NpgsqlConnectionStringBuilder(baseConnection) { Database = _name, Pooling = true }.ConnectionString);

        public async Task CreateAsync()
        {
            await using var conn = new NpgsqlConnection(baseConnection);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {_name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(baseConnection);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
            var audit = Wangge.Data.Audit.AuditFiles.Beside(Database);
            File.Delete(audit.KeyFile);
            File.Delete(audit.AnchorFile);
        }
    }
}

/// <summary>What optional prerequisites are present; WANGGE_REQUIRE_ALL=1 (set by .ci/run) turns a missing one into a failure.</summary>
public static class Prerequisites
{
    public static bool RequireAll => Environment.GetEnvironmentVariable("WANGGE_REQUIRE_ALL") == "1";

    public static string? PostgresConnection()
    {
        var pg = Environment.GetEnvironmentVariable("WANGGE_TEST_PG");
        if (string.IsNullOrWhiteSpace(pg) && RequireAll)
            throw new InvalidOperationException("WANGGE_REQUIRE_ALL=1 but WANGGE_TEST_PG is not set.");
        return string.IsNullOrWhiteSpace(pg) ? null : pg;
    }

    public const string PostgresSkipReason =
        "PostgreSQL tests skipped: WANGGE_TEST_PG is not set. Install PostgreSQL 15+ with PostGIS 3 (Debian: apt-get install postgresql postgresql-postgis) " +
        "and set WANGGE_TEST_PG to a connection string of a user that may create databases, e.g. " +
        "\"Host=127.0.0.1;Username=wangge;Password=wangge;Database=wangge\" (.ci/run does both).";
}
