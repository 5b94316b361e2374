using System.Buffers.Binary;
using System.Diagnostics;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace Wangge.Bench.Placement;

/// <summary>
/// The same placement done by PostGIS: grids and points loaded into a scratch database with GiST indexes, then
/// both usual query shapes timed. The database is the benchmark's own and is dropped and recreated every run.
/// </summary>
internal sealed class PostGisComparator(string connectionString)
{
    public const string Database = "wangge_bench";

    public const string PlainSql =
        "SELECT count(*) FROM (SELECT pt.id, poly.code FROM pts pt JOIN polys poly ON ST_Contains(poly.geom, pt.geom)) x";

    public const string LateralSql =
        "SELECT count(*) FROM polys CROSS JOIN LATERAL (SELECT pts.id FROM pts WHERE ST_Contains(polys.geom, pts.geom) OFFSET 0) x";

    // Untimed: every (point, grid) pair whose closure holds the point, flagged when the point is interior.
    private const string PairsSql =
        "SELECT x.id, polys.id, x.inside FROM polys CROSS JOIN LATERAL (SELECT pts.id, ST_Contains(polys.geom, pts.geom) AS inside " +
        "FROM pts WHERE ST_Intersects(polys.geom, pts.geom) OFFSET 0) x";

    private const int Srid = 4326;

    /// <summary>The connection string with the password left out, for printing.</summary>
    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Password = null };
        return builder.ConnectionString;
    }

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

    public async Task<TimeSpan> LoadAsync(Tiling tiling, (double Lon, double Lat)[] points)
    {
        var watch = Stopwatch.StartNew();
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
            await ExecuteAsync(admin, $"CREATE DATABASE {Database}");
        }

        await using var connection = await OpenBenchAsync();
        await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS postgis");
        await ExecuteAsync(connection,
            $"CREATE TABLE polys (id integer PRIMARY KEY, code text NOT NULL, geom geometry(MultiPolygon, {Srid}) NOT NULL)");
        await ExecuteAsync(connection, $"CREATE TABLE pts (id integer PRIMARY KEY, geom geometry(Point, {Srid}) NOT NULL)");

        // Binary COPY hands each value to the column type's receive function, which for geometry reads (E)WKB.
        var wkb = new WKBWriter(ByteOrder.LittleEndian, handleSRID: true);
        await using (var writer = await connection.BeginBinaryImportAsync("COPY polys (id, code, geom) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < tiling.Count; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(i, NpgsqlDbType.Integer);
                await writer.WriteAsync(tiling.Codes[i], NpgsqlDbType.Text);
                await writer.WriteAsync(wkb.Write(tiling.Borders[i]), NpgsqlDbType.Bytea);
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync("COPY pts (id, geom) FROM STDIN (FORMAT BINARY)"))
        {
            var point = new byte[25];
            for (var i = 0; i < points.Length; i++)
            {
                EncodePoint(point, points[i].Lon, points[i].Lat);
                await writer.StartRowAsync();
                await writer.WriteAsync(i, NpgsqlDbType.Integer);
                await writer.WriteAsync(point, NpgsqlDbType.Bytea);
            }
            await writer.CompleteAsync();
        }
        await ExecuteAsync(connection, "CREATE INDEX polys_geom ON polys USING gist (geom)");
        await ExecuteAsync(connection, "CREATE INDEX pts_geom ON pts USING gist (geom)");
        await ExecuteAsync(connection, "VACUUM ANALYZE polys");
        await ExecuteAsync(connection, "VACUUM ANALYZE pts");
        return watch.Elapsed;
    }

    /// <summary>Best of <paramref name="runs"/> after one untimed warm-up run, with the count it returned.</summary>
    public async Task<(TimeSpan Best, long Count)> TimeAsync(string sql, int runs)
    {
        await using var connection = await OpenBenchAsync();
        var count = await CountAsync(connection, sql);
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var again = await CountAsync(connection, sql);
            best = watch.Elapsed < best ? watch.Elapsed : best;
            if (again != count)
                throw new InvalidOperationException($"PostGIS returned {again} then {count} for the same query.");
        }
        return (best, count);
    }

    public async Task<string[]> ExplainAsync(string sql)
    {
        await using var connection = await OpenBenchAsync();
        await using var command = new NpgsqlCommand($"EXPLAIN (COSTS OFF) {sql}", connection);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(0));
        return lines.ToArray();
    }

    /// <summary>Per point: the grids whose interior holds it and those whose closure does (ST_Intersects).</summary>
    public async Task<(List<int>?[] Interior, List<int>?[] Closure, long Pairs)> PairsAsync(int pointCount)
    {
        var interior = new List<int>?[pointCount];
        var closure = new List<int>?[pointCount];
        long pairs = 0;
        await using var connection = await OpenBenchAsync();
        await using var command = new NpgsqlCommand(PairsSql, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var point = reader.GetInt32(0);
            var grid = reader.GetInt32(1);
            (closure[point] ??= []).Add(grid);
            if (reader.GetBoolean(2))
                (interior[point] ??= []).Add(grid);
            pairs++;
        }
        return (interior, closure, pairs);
    }

    private async Task<NpgsqlConnection> OpenBenchAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = Database };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>EWKB of a point with its SRID: NTS would allocate a geometry per point just to write 25 bytes.</summary>
    private static void EncodePoint(byte[] buffer, double lon, double lat)
    {
        const uint pointWithSrid = 0x2000_0001;
        buffer[0] = 1; // little-endian
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(1), pointWithSrid);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(5), Srid);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(9), lon);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(17), lat);
    }
}
