using Microsoft.EntityFrameworkCore;
using Wangge.Core.Audit;
using Wangge.Core.Common;
using Wangge.Data;

namespace Wangge.Audit;

/// <summary>Writes a signed checkpoint of the chain's last entry to the anchor file (`wangge audit anchor`, the background service).</summary>
public sealed class AuditAnchorer(WanggeDbContext db, AuditAnchorLog log, TimeProvider clock)
{
    public const string EntryForged = "the last entry's HMAC does not match: it is not anchored; run `wangge audit verify`";

    /// <summary>Null when the log is empty. Refuses to anchor an entry the key did not write, so a forged tail is never vouched for.</summary>
    public async Task<AuditAnchor?> AnchorAsync(CancellationToken ct)
    {
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        if (last is null) return null;
        if (AuditChain.ComputeHash(last, db.AuditKey) != last.Hash)
            throw new RuleViolation("audit_entry_forged", $"Entry {last.Sequence}: {EntryForged}.", null, ViolationKind.Conflict);
        var anchor = AuditAnchor.Sign(last.Sequence, last.Hash, clock.GetUtcNow(), db.AuditKey);
        await log.AppendAsync(anchor, ct);
        return anchor;
    }
}

/// <summary>Anchors the head at the configured interval while the web process runs.</summary>
public sealed class AuditAnchorService(IServiceScopeFactory scopes, AuditOptions options, TimeProvider clock, ILogger<AuditAnchorService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Checked every minute, anchored only when due.
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<WanggeDbContext>();
                var log = scope.ServiceProvider.GetRequiredService<AuditAnchorLog>();
                var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(stoppingToken);
                if (AuditAnchor.IsDue(await log.LastAsync(db.AuditKey, stoppingToken), head.Sequence, clock.GetUtcNow(),
                        TimeSpan.FromMinutes(options.AnchorEveryMinutes), options.AnchorEveryEntries))
                    await scope.ServiceProvider.GetRequiredService<AuditAnchorer>().AnchorAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // A failed anchor must not stop the server; the next tick tries again and verify will say what is wrong.
                logger.LogError(e, "Anchoring the audit chain failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
