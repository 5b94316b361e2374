using Wangge.Core.Audit;
using Wangge.Core.Common;
using static Wangge.Core.Tests.Audit.AuditChainBuilder;

namespace Wangge.Core.Tests.Audit;

/// <summary>The chain is keyed: whoever can write the database but does not hold the key cannot make entries that verify.</summary>
public sealed class AuditKeyTests
{
    [Fact]
    public void Verify_EntryChangedAndEveryLaterHashRecomputedWithoutTheKey_BreaksAtThatEntry()
    {
        // The attack an unkeyed SHA-256 chain could not see: rewrite entry 2 and recompute every hash after it.
        var chain = Chain(4);
        Overwrite(chain[1], "After", "{\"name\":\"forged\"}");
        var previous = chain[0].Hash;
        foreach (var e in chain.Skip(1))
        {
            Overwrite(e, "PreviousHash", previous);
            Overwrite(e, "Hash", AuditChain.ComputeHash(e, OtherKey));
            previous = e.Hash;
        }

        var broken = AuditChain.Verify(chain, Key);

        Assert.Equal(AuditMessages.Format(AuditMessages.MacMismatch, 2), broken?.Reason);
    }

    [Fact]
    public void Verify_ForgedEntryAppended_BreaksAtTheForgery()
    {
        var chain = Chain(3);
        chain.Add(new AuditEntry(4, Start, "mallory", null, "User", "x", "added", null, "{}", chain[^1].Hash, OtherKey));

        Assert.Equal(AuditMessages.Format(AuditMessages.MacMismatch, 4), AuditChain.Verify(chain, Key)?.Reason);
    }

    [Fact]
    public void Verify_ChainOfAnotherKey_BreaksAtTheFirstEntry()
    {
        Assert.Equal(1, AuditChain.Verify(Chain(3), OtherKey)?.Sequence);
    }

    [Fact]
    public void Hash_SameEntryUnderTwoKeys_Differs()
    {
        var entry = Chain(1)[0];

        Assert.NotEqual(AuditChain.ComputeHash(entry, Key), AuditChain.ComputeHash(entry, OtherKey));
    }

    [Fact]
    public void Parse_GeneratedText_ReadsBackTheSameKey()
    {
        var text = AuditKey.GenerateText();

        Assert.Equal(AuditKey.Parse(text).Id, AuditKey.Parse(text + "\n").Id);
        Assert.NotEqual(AuditKey.Parse(text).Id, AuditKey.Parse(AuditKey.GenerateText()).Id);
    }

    [Theory]
    [InlineData("c2hvcnQ=", "audit_key_too_short", Label = "a key shorter than the hash weakens the HMAC")]
    [InlineData("not base64 at all!", "audit_key_not_base64", Label = "the key is base64 text")]
    public void Parse_BadKey_IsRefusedNamingTheSetting(string text, string code)
    {
        var refused = Assert.Throws<RuleViolation>(() => AuditKey.Parse(text));

        Assert.Equal(code, refused.Code);
        Assert.Equal("Wangge:Audit:Key", refused.Field);
    }
}
