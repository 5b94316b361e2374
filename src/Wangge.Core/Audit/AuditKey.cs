using System.Security.Cryptography;
using System.Text;
using Wangge.Core.Common;

namespace Wangge.Core.Audit;

/// <summary>
/// The secret that keys the audit chain and signs its anchors. It is kept outside the database (decision 005), so
/// someone who can only write the database cannot compute a valid entry or anchor. Two keys are derived from the one
/// secret, so an entry's HMAC can never be replayed as an anchor's signature or the other way round.
/// </summary>
public sealed class AuditKey
{
    /// <summary>An HMAC-SHA256 key shorter than its hash weakens it (RFC 2104 §3).</summary>
    public const int MinimumBytes = 32;

    private readonly byte[] _chain;
    private readonly byte[] _anchor;

    private AuditKey(byte[] secret)
    {
        _chain = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Encoding.ASCII.GetBytes("wangge audit chain v1"));
        _anchor = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Encoding.ASCII.GetBytes("wangge audit anchor v1"));
        Id = Convert.ToHexStringLower(SHA256.HashData(_anchor))[..12];
    }

    /// <summary>A short public name of the key, so a report can say which key wrote an anchor without showing it.</summary>
    public string Id { get; }

    public static AuditKey FromBytes(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < MinimumBytes)
            throw RuleViolation.Invalid("Wangge:Audit:Key", "audit_key_too_short", $"The audit key must have at least {MinimumBytes} bytes (base64 of {MinimumBytes} random bytes).");
        return new AuditKey(secret.ToArray());
    }

    /// <summary>The key as written in configuration or a key file: base64 text.</summary>
    public static AuditKey Parse(string text)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(text.Trim()); }
        catch (FormatException)
        {
            throw RuleViolation.Invalid("Wangge:Audit:Key", "audit_key_not_base64", "The audit key must be base64 text (for example the output of `openssl rand -base64 32`).");
        }
        return FromBytes(bytes);
    }

    /// <summary>A fresh random secret as base64 text, the form <see cref="Parse"/> reads.</summary>
    public static string GenerateText() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes));

    internal string MacEntry(string canonical) => Convert.ToHexStringLower(HMACSHA256.HashData(_chain, Encoding.UTF8.GetBytes(canonical)));

    internal string SignAnchor(string canonical) => Convert.ToHexStringLower(HMACSHA256.HashData(_anchor, Encoding.UTF8.GetBytes(canonical)));
}
