using Microsoft.EntityFrameworkCore;
using Wangge.Core.Audit;
using Wangge.Data;

namespace Wangge.Audit;

public sealed record AuditVerification(long Entries, AuditBreak? Break);

/// <summary>Re-reads the whole chain from the database, streamed in sequence order, and checks every link.</summary>
public sealed class AuditVerifier(WanggeDbContext db)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        var walker = new AuditChainWalker();
        var count = 0L;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (walker.Next(e) is { } broken) return new AuditVerification(count, broken);
        }
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(ct);
        if (head.Sequence != walker.LastSequence || head.Hash != walker.LastHash)
            return new AuditVerification(count, new AuditBreak(walker.LastSequence + 1,
                $"the chain ends at entry {walker.LastSequence} but its head records entry {head.Sequence}: entries were removed from the end"));
        return new AuditVerification(count, null);
    }
}
