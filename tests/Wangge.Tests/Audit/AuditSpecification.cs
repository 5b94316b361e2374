using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Audit;
using Wangge.Core.Audit;
using Wangge.Data;
using Wangge.Data.Audit;
using Wangge.Hosting;
using Wangge.Tests.Infrastructure;
using static Wangge.Core.Audit.AuditMessages;

namespace Wangge.Tests.Audit;

/// <summary>
/// The audit log is a keyed chain anchored outside the database, which `wangge audit verify` checks and reconciles with
/// every audited table; concurrent writers never fork it. Each attack is made with plain SQL, as someone who can write
/// the database but holds neither the key nor the anchor file would make it, and the log is mended afterwards.
/// </summary>
public abstract partial class AuditSpecification(AppFixture app) : ApiSpecification(app)
{
    /// <summary>A verifier with the anchor file the app writes by default, beside the data.</summary>
    public static AuditVerifier Verifier(WanggeDbContext db) => new(db, Anchors(db));

    private static AuditAnchorLog Anchors(WanggeDbContext db) =>
        new(AuditFiles.Beside(new WanggeDatabase(db.IsPostgres, db.Database.GetConnectionString()!)).AnchorFile);

    private Task<int> VerifyCommandAsync() =>
        WanggeCli.Build().Parse(["audit", "verify", "--db", App.Database.ConnectionString]).InvokeAsync(cancellationToken: Ct);

    private Task<AuditVerification> VerifyAsync() => App.InDatabaseAsync(db => Verifier(db).VerifyAsync(Ct));

    private async Task<List<string>> ProblemsAsync() => (await VerifyAsync()).Problems.Select(p => p.Reason).ToList();

    /// <summary>Anchors the head now, through the CLI verb, and returns the first anchor of that entry in the file.</summary>
    private async Task<AuditAnchor> AnchorAsync()
    {
        Assert.Equal(0, await WanggeCli.Build().Parse(["audit", "anchor", "--db", App.Database.ConnectionString]).InvokeAsync(cancellationToken: Ct));
        var head = await App.InDatabaseAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync(Ct));
        var lines = await App.InDatabaseAsync(db => Anchors(db).ReadAsync(Ct));
        return lines.Select(l => l.Anchor).First(a => a?.Sequence == head.Sequence)!;
    }

    private Task Sql(string sql) => App.InDatabaseAsync(db => db.Database.ExecuteSqlRawAsync(sql, Ct));

    /// <summary>Copies the whole log and head; disposing puts them back as they were, for the tests after.</summary>
    private async Task<IAsyncDisposable> KeepLogAsync()
    {
        var entries = await App.InDatabaseAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(Ct));
        var head = await App.InDatabaseAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync(Ct));
        return new Restore(async () =>
        {
            await Sql("DELETE FROM audit_entries");
            await App.InDatabaseAsync(db => { db.AuditEntries.AddRange(entries); return db.SaveChangesAsync(Ct); });
            await Sql($"UPDATE audit_chain_heads SET sequence = {head.Sequence}, hash = '{head.Hash}'");
            Assert.Empty(await ProblemsAsync());
        });
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }

    [Fact]
    public async Task Verify_UntouchedLog_PassesWithExitZero()
    {
        Assert.Empty(await ProblemsAsync());
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
        Assert.Empty(await ProblemsAsync());
    }

    /// <summary>Breaks the chain with plain SQL, checks it is caught, then mends it for the other tests.</summary>
    [Fact]
    public async Task Verify_EntryAlteredRemovedOrReordered_FailsNamingThatEntry()
    {
        await using var _ = await KeepLogAsync();
        var original = await App.InDatabaseAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 3, Ct));

        await Sql($"UPDATE audit_entries SET actor = 'mallory' WHERE sequence = 3");
        Assert.Equal(Format(MacMismatch, 3), (await VerifyAsync()).Break?.Reason);
        Assert.Equal(1, await VerifyCommandAsync());
        await Sql($"UPDATE audit_entries SET actor = '{original.Actor}' WHERE sequence = 3");
        Assert.Empty(await ProblemsAsync());

        await Sql("DELETE FROM audit_entries WHERE sequence = 3");
        Assert.Equal(Format(EntryMissing, 3, 4), (await VerifyAsync()).Break?.Reason);
        await App.InDatabaseAsync(db => { db.AuditEntries.Add(original); return db.SaveChangesAsync(Ct); });
        Assert.Empty(await ProblemsAsync());

        // Swapping two entries' contents is a reordering.
        await Sql("UPDATE audit_entries SET sequence = -1 WHERE sequence = 3");
        await Sql("UPDATE audit_entries SET sequence = 3 WHERE sequence = 4");
        await Sql("UPDATE audit_entries SET sequence = 4 WHERE sequence = -1");
        Assert.Equal(3, (await VerifyAsync()).Break?.Sequence);
    }

    [Fact]
    public async Task AnchorService_WebProcessRunning_AnchorsTheHeadWithoutBeingAsked()
    {
        // The server anchors at start (the seeded head was never anchored) and then at its interval.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<AuditAnchor?> anchors;
        do
        {
            anchors = (await App.InDatabaseAsync(db => Anchors(db).ReadAsync(Ct))).Select(l => l.Anchor).ToList();
            if (anchors.Count == 0) await Task.Delay(200, Ct);
        }
        while (anchors.Count == 0 && DateTime.UtcNow < deadline);

        var key = await App.InDatabaseAsync(db => Task.FromResult(db.AuditKey));
        Assert.NotEmpty(anchors);
        Assert.All(anchors, a => Assert.True(a!.IsSignedBy(key)));
    }

    [Fact]
    public async Task Verify_AnchorFileLineEdited_SaysTheLineHasABadSignature()
    {
        var anchor = await AnchorAsync();
        var path = await App.InDatabaseAsync(db => Task.FromResult(Anchors(db).Path));
        var forged = anchor with { Sequence = anchor.Sequence + 1000 };
        await File.AppendAllTextAsync(path, forged.ToLine() + "\n", Ct);
        var line = (await File.ReadAllLinesAsync(path, Ct)).Length;
        try
        {
            Assert.Contains(Format(AnchorForged, line, path), await ProblemsAsync());
        }
        finally
        {
            await File.WriteAllLinesAsync(path, (await File.ReadAllLinesAsync(path, Ct)).Where(l => l != forged.ToLine()), Ct);
        }
        Assert.Empty(await ProblemsAsync());
    }

    [Fact]
    public async Task Verify_LastEntriesRemovedAndHeadRewound_NamesTheRemovedEntriesAndTheAnchor()
    {
        await using var _ = await KeepLogAsync();
        var anchor = await AnchorAsync();
        var keep = anchor.Sequence - 3;
        var kept = await App.InDatabaseAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == keep, Ct));

        await Sql($"DELETE FROM audit_entries WHERE sequence > {keep}");
        await Sql($"UPDATE audit_chain_heads SET sequence = {keep}, hash = '{kept.Hash}'");

        Assert.Contains(Format(RemovedFromEnd, keep + 1, anchor.Sequence, anchor.When), await ProblemsAsync());
        Assert.Equal(1, await VerifyCommandAsync());
    }

    [Fact]
    public async Task Verify_EntryChangedWithEveryLaterHashRecomputed_NamesThatEntryByItsHmac()
    {
        await using var _ = await KeepLogAsync();
        var entries = await App.InDatabaseAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(Ct));
        var victim = entries[^5].Sequence;
        // Whoever lacks the key can only guess one; a SHA-256 chain's forger would recompute every later hash this way.
        var guess = AuditKey.Parse(AuditKey.GenerateText());
        var previous = entries[^6].Hash;
        foreach (var e in entries.Where(e => e.Sequence >= victim))
        {
            var after = e.Sequence == victim ? "{\"Name\":\"forged\"}" : e.After;
            var forged = new AuditEntry(e.Sequence, e.At, e.Actor, e.Address, e.EntityType, e.EntityKey, e.Action, e.Before, after, previous, guess);
            await App.InDatabaseAsync(db => db.Database.ExecuteSqlAsync(
                $"UPDATE audit_entries SET after = {after}, previous_hash = {previous}, hash = {forged.Hash} WHERE sequence = {e.Sequence}", Ct));
            previous = forged.Hash;
        }
        await Sql($"UPDATE audit_chain_heads SET hash = '{previous}'");

        Assert.Equal(Format(MacMismatch, victim), (await VerifyAsync()).Break?.Reason);
        Assert.Equal(1, await VerifyCommandAsync());
    }

    [Fact]
    public async Task Verify_ForgedEntryAppended_NamesTheForgery()
    {
        await using var _ = await KeepLogAsync();
        var last = await App.InDatabaseAsync(db => db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync(Ct));
        var next = last.Sequence + 1;
        var forged = new AuditEntry(next, last.At, "mallory", null, "User", "mallory", "added", null, "admin", last.Hash, AuditKey.Parse(AuditKey.GenerateText()));

        await Sql("INSERT INTO audit_entries (sequence, at, actor, address, entity_type, entity_key, action, before, after, previous_hash, hash) " +
                  $"SELECT {next}, at, 'mallory', NULL, 'User', 'mallory', 'added', NULL, 'admin', '{last.Hash}', '{forged.Hash}' FROM audit_entries WHERE sequence = {last.Sequence}");
        await Sql($"UPDATE audit_chain_heads SET sequence = {next}, hash = '{forged.Hash}'");

        Assert.Equal(Format(MacMismatch, next), (await VerifyAsync()).Break?.Reason);
        // Nor does the anchoring service vouch for it.
        await Assert.ThrowsAsync<Core.Common.RuleViolation>(() => App.InDatabaseAsync(db => new AuditAnchorer(db, Anchors(db), TimeProvider.System).AnchorAsync(Ct)));
    }

    [Fact]
    public async Task Verify_WholeLogWiped_SaysTheAnchorRecordsTheEntries()
    {
        await using var _ = await KeepLogAsync();
        var anchor = await AnchorAsync();

        await Sql("DELETE FROM audit_entries");
        await Sql($"UPDATE audit_chain_heads SET sequence = 0, hash = '{AuditChain.GenesisHash}'");

        var result = await VerifyAsync();
        Assert.Equal(Format(Wiped, anchor.When, anchor.Sequence.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)), result.Break?.Reason);
        Assert.Contains(AuditVerifier.NotReconciled, result.Notes);
        Assert.Equal(1, await VerifyCommandAsync());
    }
}

[Collection("sqlite")]
public sealed class SqliteAuditTests(SqliteApp app) : AuditSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresAuditTests(PostgresApp app) : AuditSpecification(app), IClassFixture<PostgresApp>;
