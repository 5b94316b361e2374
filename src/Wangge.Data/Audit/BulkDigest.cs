using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Wangge.Data.Audit;

/// <summary>
/// A digest of a set of business versions written in bulk, kept in the batch's one audit entry (decision 005): the
/// sum modulo 2^256 of each version's SHA-256 over (id, business, number, snapshot). A sum does not depend on order,
/// so verify can add up the versions without an entry of their own in any order and compare with the batches' sums.
/// </summary>
public sealed class BulkDigest
{
    public const string EntityType = "BusinessVersion";
    public const string Action = "bulk-written";

    // Modulo 2^256 is keeping the low 256 bits.
    private static readonly BigInteger Mask = (BigInteger.One << 256) - 1;
    private BigInteger _sum;

    public long Rows { get; private set; }

    /// <summary>The transaction the versions were written in: a digest outlives a rolled-back batch only to be dropped.</summary>
    public object? Transaction { get; init; }

    public string Sum => Convert.ToHexStringLower(_sum.ToByteArray(isUnsigned: true, isBigEndian: true));

    public void Add(Guid id, Guid businessId, int number, ReadOnlySpan<byte> snapshotUtf8)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(96 + snapshotUtf8.Length);
        Span<byte> digest = stackalloc byte[32];
        try
        {
            var length = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"v1|{id:N}|{businessId:N}|{number}|"), buffer);
            snapshotUtf8.CopyTo(buffer.AsSpan(length));
            SHA256.HashData(buffer.AsSpan(0, length + snapshotUtf8.Length), digest);
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
        _sum = (_sum + new BigInteger(digest, isUnsigned: true, isBigEndian: true)) & Mask;
        Rows++;
    }

    public void Add(Guid id, Guid businessId, int number, string snapshot) => Add(id, businessId, number, Encoding.UTF8.GetBytes(snapshot));

    /// <summary>Adds a batch's recorded sum, as read back from its entry.</summary>
    public void Add(long rows, string sum)
    {
        _sum = (_sum + new BigInteger(Convert.FromHexString(sum), isUnsigned: true, isBigEndian: true)) & Mask;
        Rows += rows;
    }

    public object Summary => new { rows = Rows, sum = Sum };

    public bool SameAs(BulkDigest other) => Rows == other.Rows && _sum == other._sum;
}
