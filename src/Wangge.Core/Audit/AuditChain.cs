using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Wangge.Core.Audit;

/// <summary>The rules of the tamper-evident audit chain.</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    /// <summary>
    /// HMAC-SHA256 under the audit key over every field but the hash itself, each length-prefixed so no two entries
    /// collide by concatenation. Without the key nobody can compute an entry that verifies (decision 005).
    /// </summary>
    public static string ComputeHash(AuditEntry e, AuditKey key)
    {
        var sb = new StringBuilder();
        void Add(string? s) => sb.Append(s is null ? "-1" : s.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(s).Append('|');
        Add(e.Sequence.ToString(CultureInfo.InvariantCulture));
        Add(e.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        Add(e.Actor);
        Add(e.Address);
        Add(e.EntityType);
        Add(e.EntityKey);
        Add(e.Action);
        Add(e.Before);
        Add(e.After);
        Add(e.PreviousHash);
        return key.MacEntry(sb.ToString());
    }

    /// <summary>Checks a whole chain given in sequence order; null when every link holds.</summary>
    public static AuditBreak? Verify(IEnumerable<AuditEntry> entriesInSequenceOrder, AuditKey key)
    {
        var walker = new AuditChainWalker(key);
        foreach (var e in entriesInSequenceOrder)
            if (walker.Next(e) is { } broken) return broken;
        return null;
    }
}

/// <summary>
/// Walks the chain one entry at a time, so a chain of millions can be streamed. Finds the first entry that
/// does not fit: a gap or reordering in the sequence, a broken link to the previous hash, or content that
/// no longer matches its hash.
/// </summary>
public sealed class AuditChainWalker(AuditKey key)
{
    public long LastSequence { get; private set; }
    public string LastHash { get; private set; } = AuditChain.GenesisHash;

    public AuditBreak? Next(AuditEntry e)
    {
        var expected = LastSequence + 1;
        if (e.Sequence != expected)
            return new AuditBreak(e.Sequence, AuditMessages.Format(AuditMessages.EntryMissing, expected, e.Sequence));
        if (e.PreviousHash != LastHash)
            return new AuditBreak(e.Sequence, AuditMessages.Format(AuditMessages.LinkBroken, e.Sequence));
        if (!FixedTimeEquals(AuditChain.ComputeHash(e, key), e.Hash))
            return new AuditBreak(e.Sequence, AuditMessages.Format(AuditMessages.MacMismatch, e.Sequence));
        LastSequence = e.Sequence;
        LastHash = e.Hash;
        return null;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}

/// <summary>Where and why the chain breaks.</summary>
public sealed record AuditBreak(long Sequence, string Reason);
