using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wangge.Core.Audit;
using Wangge.Core.Common;
using Wangge.Data.Audit;

namespace Wangge.Data;

/// <summary>Which database a connection string names, and how to reach it.</summary>
public sealed record WanggeDatabase(bool IsPostgres, string ConnectionString)
{
    /// <summary>
    /// A string with <c>Host=</c> is PostgreSQL; anything else is SQLite, either a full connection string
    /// or just a file path.
    /// </summary>
    public static WanggeDatabase Parse(string target)
    {
        if (string.IsNullOrWhiteSpace(target))
            throw RuleViolation.Invalid("db", "db_missing", "No database given.");
        if (target.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            return new WanggeDatabase(true, new NpgsqlConnectionStringBuilder(target).ConnectionString);
        var sqlite = target.Contains('=') ? new SqliteConnectionStringBuilder(target) : new SqliteConnectionStringBuilder { DataSource = target };
        // Foreign keys are off by default in SQLite; the model relies on them.
        sqlite.ForeignKeys = true;
        sqlite.DefaultTimeout = 30;
        return new WanggeDatabase(false, sqlite.ConnectionString);
    }

    /// <summary>A redacted form for logs and the console.</summary>
    public string Describe() => IsPostgres
        ? $"PostgreSQL {new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.Host}/{new NpgsqlConnectionStringBuilder(ConnectionString).Database}"
        : $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";

    public void Configure(DbContextOptionsBuilder options)
    {
        // A list in a query (codes of an import batch, ids of a page) goes as one array/JSON parameter, not as one
        // parameter per element: batches of thousands would pass SQLite's variable limit and bloat the plan cache.
        if (IsPostgres)
            options.UseNpgsql(ConnectionString, o => o.UseNetTopologySuite().UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        else
            options.UseSqlite(ConnectionString, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                // SQLite rebuilds a table with foreign keys off, outside the migration's transaction, and EF warns of it on
                // every first run; the rebuild is EF's own, and the warning told a new user nothing they could act on.
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));
    }
}

public static class WanggeDataServices
{
    /// <summary>
    /// Registers the provider's context as both itself and <see cref="WanggeDbContext"/>. Without a
    /// <paramref name="auditKey"/> the key file beside the data is used, created on first use (decision 005).
    /// </summary>
    public static IServiceCollection AddWanggeData(this IServiceCollection services, WanggeDatabase database, Func<AuditKey>? auditKey = null)
    {
        services.AddSingleton(database);
        services.AddSingleton(_ => auditKey?.Invoke() ?? AuditFiles.LoadOrCreateKey(AuditFiles.Beside(database).KeyFile, AuditFiles.Announce));
        services.AddSingleton(TimeProvider.System);
        if (database.IsPostgres)
        {
            services.AddDbContext<PostgresWanggeDbContext>(database.Configure);
            services.AddScoped<WanggeDbContext>(sp => sp.GetRequiredService<PostgresWanggeDbContext>());
        }
        else
        {
            services.AddDbContext<SqliteWanggeDbContext>(database.Configure);
            services.AddScoped<WanggeDbContext>(sp => sp.GetRequiredService<SqliteWanggeDbContext>());
        }
        return services;
    }
}
