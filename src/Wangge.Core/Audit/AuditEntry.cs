namespace Wangge.Core.Audit;

/// <summary>
/// One recorded write. Entries form a keyed hash chain: each carries the HMAC of the one before, so changing,
/// removing or reordering a past entry breaks every link after it, and without the key no entry can be recomputed.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(long sequence, DateTimeOffset at, string actor, string? address, string entityType, string entityKey,
        string action, string? before, string? after, string previousHash, AuditKey key)
    {
        Sequence = sequence;
        // Stored times lose precision below the microsecond on PostgreSQL; hash what survives a round trip.
        At = AuditChain.Truncate(at);
        Actor = actor;
        Address = address;
        EntityType = entityType;
        EntityKey = entityKey;
        Action = action;
        Before = before;
        After = after;
        PreviousHash = previousHash;
        Hash = AuditChain.ComputeHash(this, key);
    }

    /// <summary>Position in the chain, 1-based and gap-free.</summary>
    public long Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public string? Address { get; private set; }
    public string EntityType { get; private set; } = "";
    public string EntityKey { get; private set; } = "";
    /// <summary>added, modified or deleted.</summary>
    public string Action { get; private set; } = "";
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";
}
