using Microsoft.EntityFrameworkCore;
using Wangge.Data;

namespace Wangge.Hosting;

public static class DatabaseSetup
{
    /// <summary>Applies the provider's migrations; PostgreSQL creates the database and the postgis extension if absent.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WanggeDbContext>();
        await db.Database.MigrateAsync(ct);
        if (!db.IsPostgres)
            // WAL lets the web UI read while a writer works.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
