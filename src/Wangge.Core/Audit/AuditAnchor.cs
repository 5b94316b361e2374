using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Wangge.Core.Audit;

/// <summary>
/// A signed checkpoint of the chain, kept outside the database like a Certificate Transparency signed tree head:
/// the entry at <see cref="Sequence"/> had <see cref="Hash"/> at <see cref="At"/>. Verification later requires that
/// entry to still exist with that hash, which a rewound, wiped or re-forged log cannot show.
/// </summary>
public sealed record AuditAnchor(long Sequence, string Hash, DateTimeOffset At, string KeyId, string Signature)
{
    public static AuditAnchor Sign(long sequence, string hash, DateTimeOffset at, AuditKey key)
    {
        at = AuditChain.Truncate(at);
        return new AuditAnchor(sequence, hash, at, key.Id, key.SignAnchor(Canonical(sequence, hash, at)));
    }

    /// <summary>True when the line was signed by <paramref name="key"/> and not changed since.</summary>
    public bool IsSignedBy(AuditKey key) =>
        Signature.Length == 64 && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(key.SignAnchor(Canonical(Sequence, Hash, AuditChain.Truncate(At)))), Encoding.ASCII.GetBytes(Signature));

    /// <summary>
    /// True when the head moved past the last anchor by <paramref name="everyEntries"/> entries or <paramref name="every"/>
    /// after it. A head at or behind the last anchor is never anchored: that would vouch for a rewound log.
    /// </summary>
    public static bool IsDue(AuditAnchor? last, long headSequence, DateTimeOffset now, TimeSpan every, long everyEntries) =>
        headSequence > (last?.Sequence ?? 0) &&
        (last is null || headSequence - last.Sequence >= everyEntries || now - last.At >= every);

    /// <summary>
    /// How an anchor reads in a message: its time in UTC to the minute, marked so, because the anchor file and the
    /// server logs it is compared with are in UTC too (decision 006).
    /// </summary>
    public string When => At.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>One line of JSON, appended to the anchor file.</summary>
    public string ToLine() => JsonSerializer.Serialize(new Line(Sequence, Hash,
        At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), KeyId, Signature));

    /// <summary>Null when the line is not an anchor at all (a torn last line, a comment).</summary>
    public static AuditAnchor? Parse(string line)
    {
        try
        {
            var l = JsonSerializer.Deserialize<Line>(line);
            if (l is null || l.hash is null || l.sig is null || l.key is null) return null;
            return new AuditAnchor(l.seq, l.hash, DateTimeOffset.Parse(l.at ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), l.key, l.sig);
        }
        catch (Exception e) when (e is JsonException or FormatException) { return null; }
    }

    // A domain prefix, and fields in a fixed order, so no other text the key signs can pass for an anchor.
    private static string Canonical(long sequence, string hash, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"wangge-audit-anchor-v1|{sequence}|{hash}|{at.ToUnixTimeMilliseconds()}");

#pragma warning disable IDE1006 // the file's field names are short on purpose: one line per anchor
    private sealed record Line(long seq, string? hash, string? at, string? key, string? sig);
#pragma warning restore IDE1006
}
