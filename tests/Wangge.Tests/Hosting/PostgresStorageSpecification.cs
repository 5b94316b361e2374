using Microsoft.EntityFrameworkCore;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Hosting;

/// <summary>
/// What the one initial PostgreSQL migration sets beyond the model: room on each page of the tables a re-rating
/// rewrites, so those updates stay on their page (HOT) and leave the indexes alone.
/// </summary>
[Collection("postgres")]
public sealed class PostgresStorageTests(PostgresApp app) : ApiSpecification(app), IClassFixture<PostgresApp>
{
    [Theory]
    [InlineData("businesses", 80)]
    [InlineData("business_ratings", 70)]
    public async Task ReratedTables_LeaveFreeSpaceOnEachPage(string table, int fillfactor)
    {
        var options = await App.InDatabaseAsync(db => db.Database
            .SqlQueryRaw<string>("SELECT array_to_string(reloptions, ',') AS \"Value\" FROM pg_class WHERE relname = {0}", table).SingleAsync(Ct));
        Assert.Contains($"fillfactor={fillfactor}", options);
    }
}
