using Wangge.Core.Audit;
using static Wangge.Core.Tests.Audit.AuditChainBuilder;

namespace Wangge.Core.Tests.Audit;

public sealed class AuditEntryTests
{
    private static AuditEntry Entry(DateTimeOffset at, string? before = null, string actor = "admin", string? address = null,
        string previous = AuditChain.GenesisHash) =>
        new(1, at, actor, address, "Business", "k1", "added", before, "{}", previous, Key);

    [Fact]
    public void Hash_KnownEntryAndKey_MatchesThePinnedHmac()
    {
        // HMAC computed outside .NET from the documented layout (length-prefixed fields, Unix milliseconds) and the
        // HKDF-derived chain key of the fixed test key (decision 005).
        // Changing the layout would make every stored chain fail verification, so it must be a deliberate act.
        var entry = Entry(Start);

        Assert.Equal("9f8c11530ae22dc473a747266fff28b6f60199c94510d88943054b5e2ebb2765", entry.Hash);
        Assert.Equal(entry.Hash, AuditChain.ComputeHash(entry, Key));
    }

    [Fact]
    public void Constructor_SubMillisecondTime_IsTruncatedToUtcMilliseconds()
    {
        var at = new DateTimeOffset(2024, 5, 1, 16, 30, 0, 123, TimeSpan.FromHours(8)).AddTicks(4567);

        var entry = Entry(at);

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 8, 30, 0, 123, TimeSpan.Zero), entry.At);
        Assert.Equal(TimeSpan.Zero, entry.At.Offset);
    }

    [Fact]
    public void Hash_TimesDifferingBelowAMillisecond_AreEqual()
    {
        // The database keeps less precision than the clock; the hash must only cover what survives.
        Assert.Equal(Entry(Start).Hash, Entry(Start.AddTicks(9999)).Hash);
    }

    [Fact]
    public void Hash_SameInstantInAnotherOffset_IsEqual()
    {
        Assert.Equal(Entry(Start).Hash, Entry(Start.ToOffset(TimeSpan.FromHours(8))).Hash);
    }

    [Fact]
    public void Hash_AfterDatabaseRoundTripOfAt_StillVerifies()
    {
        // Simulates reading the row back: PostgreSQL returns the stored instant, possibly in the session offset.
        var chain = Chain(2);
        foreach (var entry in chain)
            Overwrite(entry, "At", AuditChain.Truncate(entry.At).ToOffset(TimeSpan.FromHours(8)));

        Assert.Equal(chain[0].Hash, AuditChain.ComputeHash(chain[0], Key));
        Assert.Null(AuditChain.Verify(chain, Key));
    }

    [Fact]
    public void Hash_TimesOneMillisecondApart_Differ()
    {
        Assert.NotEqual(Entry(Start).Hash, Entry(Start.AddMilliseconds(1)).Hash);
    }

    [Fact]
    public void Hash_NullAndEmptyField_Differ()
    {
        // "No previous value" (an insert) and "previous value was empty" are different facts.
        Assert.NotEqual(Entry(Start, before: null).Hash, Entry(Start, before: "").Hash);
    }

    [Fact]
    public void Hash_TextMovedAcrossAFieldBoundary_Differs()
    {
        // Without length prefixes "ab"+"c" and "a"+"bc" would hash alike.
        Assert.NotEqual(Entry(Start, actor: "ab", address: "c").Hash, Entry(Start, actor: "a", address: "bc").Hash);
    }

    [Fact]
    public void Hash_DifferentPreviousHash_Differs()
    {
        Assert.NotEqual(Entry(Start).Hash, Entry(Start, previous: new string('1', 64)).Hash);
    }

    [Fact]
    public void FirstEntry_OfABuiltChain_LinksToTheGenesisHash()
    {
        var chain = Chain(2);

        Assert.Equal(AuditChain.GenesisHash, chain[0].PreviousHash);
        Assert.Equal(chain[0].Hash, chain[1].PreviousHash);
        Assert.Matches("^0{64}$", AuditChain.GenesisHash);
    }

    [Fact]
    public void FirstEntry_NotLinkedToGenesis_BreaksTheChainAtOne()
    {
        var first = Entry(Start, previous: new string('1', 64));

        var broken = AuditChain.Verify([first], Key);

        Assert.Equal(1, broken?.Sequence);
        Assert.Contains("link", broken!.Reason);
    }

    [Fact]
    public void ChainHead_New_PointsAtGenesisBeforeAnyEntry()
    {
        var head = new AuditChainHead();

        Assert.Equal(AuditChainHead.SingletonId, head.Id);
        Assert.Equal(0, head.Sequence);
        Assert.Equal(AuditChain.GenesisHash, head.Hash);
    }
}
