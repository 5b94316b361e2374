using Microsoft.EntityFrameworkCore;
using Wangge.Core.Audit;
using Wangge.Data;
using Wangge.Data.Audit;

namespace Wangge.Audit;

/// <summary>What verification found: every problem in the order found (the first is <see cref="Break"/>), and notes.</summary>
public sealed record AuditVerification(long Entries, IReadOnlyList<AuditBreak> Problems, IReadOnlyList<string> Notes)
{
    public AuditBreak? Break => Problems.Count == 0 ? null : Problems[0];
}

/// <summary>
/// Re-reads the whole chain from the database, streamed in sequence order, and checks every HMAC and link; then the
/// chain against every anchor in the anchor file and against its head row; then every audited table against the log
/// (decision 005).
/// </summary>
public sealed class AuditVerifier(WanggeDbContext db, AuditAnchorLog anchors)
{
    public const string NotReconciled = "the tables were not reconciled with the log: the log itself is damaged";

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        var problems = new List<AuditBreak>();
        var notes = new List<string>();
        var anchored = new Dictionary<long, AuditAnchor>();
        foreach (var (line, anchor) in await anchors.ReadAsync(ct))
        {
            if (anchor is null || !anchor.IsSignedBy(db.AuditKey))
                problems.Add(new AuditBreak(anchor?.Sequence ?? 0, AuditMessages.Format(AuditMessages.AnchorForged, line, anchors.Path)));
            else anchored.TryAdd(anchor.Sequence, anchor);
        }
        if (anchored.Count == 0) notes.Add(AuditMessages.Format(AuditMessages.NoAnchor, anchors.Path));

        var walker = new AuditChainWalker(db.AuditKey);
        var reconciler = new AuditReconciler(db);
        var count = 0L;
        AuditBreak? broken = null;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            broken = walker.Next(e);
            if (broken is not null) { problems.Add(broken); break; }
            if (anchored.TryGetValue(e.Sequence, out var anchor) && anchor.Hash != e.Hash)
                problems.Add(new AuditBreak(e.Sequence, AuditMessages.Format(AuditMessages.AnchorDiffers, e.Sequence, anchor.When)));
            reconciler.Observe(e);
        }

        var furthest = anchored.Values.MaxBy(a => a.Sequence);
        if (broken is null && furthest is not null && walker.LastSequence < furthest.Sequence)
            problems.Add(new AuditBreak(walker.LastSequence + 1, walker.LastSequence == 0
                ? AuditMessages.Format(AuditMessages.Wiped, furthest.When, furthest.Sequence.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
                : AuditMessages.Format(AuditMessages.RemovedFromEnd, walker.LastSequence + 1, furthest.Sequence, furthest.When)));

        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(ct);
        if (broken is null && head.Sequence > walker.LastSequence)
            problems.Add(new AuditBreak(walker.LastSequence + 1, AuditMessages.Format(AuditMessages.HeadAhead, walker.LastSequence, head.Sequence)));
        else if (broken is null && (head.Sequence < walker.LastSequence || head.Hash != walker.LastHash))
            problems.Add(new AuditBreak(head.Sequence, AuditMessages.Format(AuditMessages.HeadBehind, head.Sequence, walker.LastSequence)));

        // Reconciling with a log that is broken, cut or wiped would blame every row for the log's damage.
        if (problems.Count == 0) problems.AddRange(await reconciler.ReconcileAsync(ct));
        else notes.Add(NotReconciled);
        return new AuditVerification(count, problems, notes);
    }
}
