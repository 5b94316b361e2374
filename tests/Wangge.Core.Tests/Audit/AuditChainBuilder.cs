using Wangge.Core.Audit;

namespace Wangge.Core.Tests.Audit;

/// <summary>Builds intact chains and tampers with stored entries the way a database edit would.</summary>
internal static class AuditChainBuilder
{
    public static readonly DateTimeOffset Start = new(2024, 5, 1, 8, 30, 0, 123, TimeSpan.Zero);

    /// <summary>A fixed test key: 32 bytes 0x00…0x1f, so pinned digests can be recomputed outside .NET.</summary>
    public static readonly AuditKey Key = AuditKey.FromBytes(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    /// <summary>Another key, standing for whoever forges without the deployment's key.</summary>
    public static readonly AuditKey OtherKey = AuditKey.FromBytes(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    public static List<AuditEntry> Chain(int length)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.GenesisHash;
        for (var sequence = 1; sequence <= length; sequence++)
        {
            var entry = new AuditEntry(sequence, Start.AddMinutes(sequence), "zhangsan", "10.0.0.7", "Business",
                $"key-{sequence}", "modified", $"{{\"name\":\"old {sequence}\"}}", $"{{\"name\":\"new {sequence}\"}}", previous, Key);
            entries.Add(entry);
            previous = entry.Hash;
        }
        return entries;
    }

    /// <summary>
    /// Overwrites a stored property behind the entity's back. The setters are private because only the
    /// database may hydrate an entry; reflection stands in for someone editing the table directly.
    /// </summary>
    public static void Overwrite(AuditEntry entry, string property, object? value) =>
        typeof(AuditEntry).GetProperty(property)!.SetValue(entry, value);
}
