using Wangge.Core.Audit;
using static Wangge.Core.Tests.Audit.AuditChainBuilder;

namespace Wangge.Core.Tests.Audit;

/// <summary>
/// The chain is the evidence that records are traceable from start to end ([001]); these tests are the
/// tampering an auditor must be able to detect, and where the report must point.
/// </summary>
public sealed class AuditChainTests
{
    [Fact]
    public void Verify_IntactChain_ReturnsNoBreak()
    {
        Assert.Null(AuditChain.Verify(Chain(5), Key));
    }

    [Fact]
    public void Verify_EmptyChain_ReturnsNoBreak()
    {
        Assert.Null(AuditChain.Verify([], Key));
    }

    [Theory]
    [InlineData("Actor", Label = "who did it was rewritten")]
    [InlineData("Address", Label = "where from was rewritten")]
    [InlineData("At", Label = "when was rewritten")]
    [InlineData("EntityType", Label = "what kind of record was rewritten")]
    [InlineData("EntityKey", Label = "which record was rewritten")]
    [InlineData("Action", Label = "the action was rewritten")]
    [InlineData("Before", Label = "the old value was erased")]
    [InlineData("After", Label = "the new value was rewritten")]
    [InlineData("Hash", Label = "the stored hash itself was rewritten")]
    public void Verify_OneFieldOfOneEntryChanged_BreaksAtThatEntry(string property)
    {
        var chain = Chain(4);
        var victim = chain[2];
        object? forged = property switch
        {
            "At" => victim.At.AddSeconds(-30),
            "Before" => null,
            "Hash" => new string('f', 64),
            _ => "forged",
        };
        Overwrite(victim, property, forged);

        var broken = AuditChain.Verify(chain, Key);

        Assert.NotNull(broken);
        Assert.Equal(3, broken.Sequence);
        Assert.Contains("changed", broken.Reason);
    }

    [Fact]
    public void Verify_PreviousHashOfOneEntryChanged_BreaksAtThatEntryAsALink()
    {
        var chain = Chain(4);
        Overwrite(chain[1], "PreviousHash", new string('a', 64));

        var broken = AuditChain.Verify(chain, Key);

        Assert.Equal(2, broken?.Sequence);
        Assert.Contains("link", broken!.Reason);
    }

    [Fact]
    public void Verify_ChangedEntryWithRecomputedHash_BreaksAtTheNextEntry()
    {
        // A forger who also fixes the entry's own hash cannot fix the copy held by the entry after it.
        var chain = Chain(4);
        Overwrite(chain[1], "After", "{\"name\":\"forged\"}");
        Overwrite(chain[1], "Hash", AuditChain.ComputeHash(chain[1], Key));

        var broken = AuditChain.Verify(chain, Key);

        Assert.Equal(3, broken?.Sequence);
        Assert.Contains("link", broken!.Reason);
    }

    [Fact]
    public void Verify_EntryRemoved_NamesTheExpectedAndTheFoundSequence()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);

        var broken = AuditChain.Verify(chain, Key);

        Assert.Equal(3, broken?.Sequence);
        Assert.Contains("expected entry 2 but found 3", broken!.Reason);
    }

    [Fact]
    public void Verify_TwoEntriesSwapped_NamesTheExpectedAndTheFoundSequence()
    {
        var chain = Chain(5);
        (chain[2], chain[3]) = (chain[3], chain[2]);

        var broken = AuditChain.Verify(chain, Key);

        Assert.Equal(4, broken?.Sequence);
        Assert.Contains("expected entry 3 but found 4", broken!.Reason);
    }

    [Fact]
    public void Verify_SequenceNumberRewritten_IsReportedAsAGap()
    {
        var chain = Chain(3);
        Overwrite(chain[1], "Sequence", 7L);

        var broken = AuditChain.Verify(chain, Key);

        Assert.Equal(7, broken?.Sequence);
        Assert.Contains("expected entry 2 but found 7", broken!.Reason);
    }

    [Fact]
    public void Verify_ChainNotStartingAtOne_BreaksAtItsFirstEntry()
    {
        // Cutting entries from the front must not leave a shorter chain that still verifies.
        var chain = Chain(4).Skip(1);

        var broken = AuditChain.Verify(chain, Key);

        Assert.Equal(2, broken?.Sequence);
        Assert.Contains("expected entry 1 but found 2", broken!.Reason);
    }

    [Fact]
    public void Verify_SeveralBreaks_ReportsOnlyTheFirst()
    {
        var chain = Chain(5);
        Overwrite(chain[1], "Actor", "first forgery");
        Overwrite(chain[3], "Actor", "second forgery");

        Assert.Equal(2, AuditChain.Verify(chain, Key)?.Sequence);
    }

    [Fact]
    public void Walker_Fresh_StartsFromTheGenesisHash()
    {
        var walker = new AuditChainWalker(Key);

        Assert.Equal(0, walker.LastSequence);
        Assert.Equal(AuditChain.GenesisHash, walker.LastHash);
    }

    [Fact]
    public void Walker_StreamedIntactChain_EndsAtTheLastEntry()
    {
        var chain = Chain(3);
        var walker = new AuditChainWalker(Key);

        Assert.All(chain, e => Assert.Null(walker.Next(e)));
        Assert.Equal(3, walker.LastSequence);
        Assert.Equal(chain[^1].Hash, walker.LastHash);
    }

    [Fact]
    public void Walker_AfterABreak_KeepsTheLastGoodPosition()
    {
        // The head row is compared with the walker's position, so a break must not advance it.
        var chain = Chain(3);
        Overwrite(chain[1], "Actor", "forged");
        var walker = new AuditChainWalker(Key);

        Assert.Null(walker.Next(chain[0]));
        Assert.NotNull(walker.Next(chain[1]));
        Assert.Equal(1, walker.LastSequence);
        Assert.Equal(chain[0].Hash, walker.LastHash);
    }
}
