using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Audit;
using Wangge.Hosting;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Audit;

/// <summary>The audit log is a hash chain that `wangge audit verify` checks, and concurrent writers never fork it.</summary>
public abstract class AuditSpecification(AppFixture app) : ApiSpecification(app)
{
    private Task<int> VerifyCommandAsync() =>
        WanggeCli.Build().Parse(["audit", "verify", "--db", App.Database.ConnectionString]).InvokeAsync(cancellationToken: Ct);

    private Task<AuditVerification> VerifyAsync() =>
        App.InDatabaseAsync(db => new AuditVerifier(db).VerifyAsync(Ct));

    [Fact]
    public async Task Verify_UntouchedLog_PassesWithExitZero()
    {
        Assert.Null((await VerifyAsync()).Break);
        Assert.Equal(0, await VerifyCommandAsync());
    }

    [Fact]
    public async Task ConcurrentWriters_OnSeparateConnections_KeepOneUnbrokenChain()
    {
        var before = await App.InDatabaseAsync(db => db.AuditEntries.CountAsync(Ct));
        await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            using var bureau = await App.SignedInAsync("bureau");
            var page = await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/businesses?pageSize=1&page={i % 8 + 1}", Ct);
            var id = page.GetProperty("items")[0].GetProperty("id").GetGuid();
            // Writers of the same business are refused while another saves first (409); each tries again over the new version.
            HttpResponseMessage response;
            do response = await bureau.PutCurrentAsync($"/api/v1/businesses/{id}", new { name = $"并发写入{i}" }, Ct);
            while (response.StatusCode == System.Net.HttpStatusCode.Conflict);
            response.EnsureSuccessStatusCode();
        }));
        var sequences = await App.InDatabaseAsync(db => db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(Ct));
        // Each writer's token and change, and a first rating of a business never rated before: at least two each.
        Assert.True(sequences.Count >= before + 24, $"{sequences.Count - before} entries for 12 writers");
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.Null((await VerifyAsync()).Break);
    }

    /// <summary>Breaks the chain with plain SQL, checks it is caught, then mends it for the other tests.</summary>
    [Fact]
    public async Task Verify_EntryAlteredRemovedOrReordered_FailsNamingThatEntry()
    {
        var original = await App.InDatabaseAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 3, Ct));

        await Sql($"UPDATE audit_entries SET actor = 'mallory' WHERE sequence = 3");
        Assert.Equal(3, (await VerifyAsync()).Break?.Sequence);
        Assert.Equal(1, await VerifyCommandAsync());
        await Sql($"UPDATE audit_entries SET actor = '{original.Actor}' WHERE sequence = 3");
        Assert.Null((await VerifyAsync()).Break);

        await Sql("DELETE FROM audit_entries WHERE sequence = 3");
        Assert.Equal(4, (await VerifyAsync()).Break?.Sequence);
        await App.InDatabaseAsync(db => { db.AuditEntries.Add(original); return db.SaveChangesAsync(Ct); });
        Assert.Null((await VerifyAsync()).Break);

        // Swapping two entries' contents is a reordering.
        await Sql("UPDATE audit_entries SET sequence = -1 WHERE sequence = 3");
        await Sql("UPDATE audit_entries SET sequence = 3 WHERE sequence = 4");
        await Sql("UPDATE audit_entries SET sequence = 4 WHERE sequence = -1");
        Assert.Equal(3, (await VerifyAsync()).Break?.Sequence);
        await Sql("UPDATE audit_entries SET sequence = -1 WHERE sequence = 3");
        await Sql("UPDATE audit_entries SET sequence = 3 WHERE sequence = 4");
        await Sql("UPDATE audit_entries SET sequence = 4 WHERE sequence = -1");
        Assert.Null((await VerifyAsync()).Break);
    }

    private Task Sql(string sql) => App.InDatabaseAsync(db => db.Database.ExecuteSqlRawAsync(sql, Ct));
}

[Collection("sqlite")]
public sealed class SqliteAuditTests(SqliteApp app) : AuditSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresAuditTests(PostgresApp app) : AuditSpecification(app), IClassFixture<PostgresApp>;
