using Wangge.Core.Audit;
using static Wangge.Core.Tests.Audit.AuditChainBuilder;

namespace Wangge.Core.Tests.Audit;

/// <summary>Anchors are signed checkpoints of the head kept outside the database, one line each.</summary>
public sealed class AuditAnchorTests
{
    private static readonly string Hash = string.Concat(Enumerable.Repeat("ab", 32));

    [Fact]
    public void Sign_KnownAnchorAndKey_MatchesThePinnedSignature()
    {
        // Computed outside .NET: HMAC-SHA256 under the HKDF-derived anchor key over "wangge-audit-anchor-v1|seq|hash|unix ms".
        var anchor = AuditAnchor.Sign(57, Hash, Start, Key);

        Assert.Equal("28047f40c8ee7db242e26903841a45965b4222e5fc2033181240e53aa9db5f81", anchor.Signature);
        Assert.Equal("ca64fb7d0520", anchor.KeyId);
    }

    [Fact]
    public void ToLine_ThenParse_KeepsAVerifiableAnchor()
    {
        var anchor = AuditAnchor.Sign(57, Hash, Start.AddTicks(1234), Key);

        var read = AuditAnchor.Parse(anchor.ToLine());

        Assert.NotNull(read);
        Assert.Equal(57, read.Sequence);
        Assert.Equal(Hash, read.Hash);
        Assert.Equal(Start, read.At);
        Assert.True(read.IsSignedBy(Key));
        Assert.DoesNotContain('\n', anchor.ToLine());
    }

    [Theory]
    [InlineData("\"seq\":57", "\"seq\":5700", Label = "the anchored sequence was raised")]
    [InlineData("\"hash\":\"abab", "\"hash\":\"cdab", Label = "the anchored hash was replaced")]
    [InlineData("2024-05-01T08:30", "2024-05-01T09:30", Label = "the anchor's time was moved")]
    public void IsSignedBy_EditedLine_IsFalse(string field, string forged)
    {
        var line = AuditAnchor.Sign(57, Hash, Start, Key).ToLine();
        Assert.Contains(field, line);

        var edited = AuditAnchor.Parse(line.Replace(field, forged, StringComparison.Ordinal));

        Assert.False(edited!.IsSignedBy(Key));
    }

    [Fact]
    public void IsSignedBy_AnotherKey_IsFalse()
    {
        Assert.False(AuditAnchor.Sign(57, Hash, Start, OtherKey).IsSignedBy(Key));
    }

    [Fact]
    public void IsSignedBy_EntryHmacOfTheSameKey_CannotPassAsAnAnchor()
    {
        // The chain and the anchors use keys derived apart, so no entry hash doubles as an anchor signature.
        var entry = Chain(1)[0];
        var posing = new AuditAnchor(1, entry.Hash, entry.At, Key.Id, entry.Hash);

        Assert.False(posing.IsSignedBy(Key));
    }

    [Theory]
    [InlineData("", Label = "an empty line")]
    [InlineData("{\"seq\":57,\"hash\":\"ab\"", Label = "a line torn by a crash while appending")]
    [InlineData("# comment", Label = "not JSON")]
    public void Parse_NotAnAnchor_IsNull(string line)
    {
        Assert.Null(AuditAnchor.Parse(line));
    }

    [Theory]
    [InlineData(0, 1000, 10, false, Label = "nothing new since the last anchor")]
    [InlineData(-17, 1000, 10, false, Label = "a head behind the last anchor (rewound) is not vouched for")]
    [InlineData(5, 3, 10, false, Label = "a few entries, not yet ten minutes")]
    [InlineData(5, 1000, 10, true, Label = "ten minutes passed and the head moved")]
    [InlineData(1000, 1, 1000, true, Label = "a thousand entries were appended")]
    public void IsDue_HeadAndTime_AnchorsOnlyWhenMovedAndDue(int newEntries, int minutesLater, int everyMinutes, bool due)
    {
        var last = AuditAnchor.Sign(57, Hash, Start, Key);

        Assert.Equal(due, AuditAnchor.IsDue(last, 57 + newEntries, Start.AddMinutes(minutesLater), TimeSpan.FromMinutes(everyMinutes), 1000));
    }
}
