using Wangge.Core.Common;

namespace Wangge.Core.Tests.Common;

/// <summary>
/// The materialised path is the whole of row-level scoping: "may this caller see that record?" is
/// <see cref="ScopePath.Covers"/>, so every way it could answer wrongly is a data leak or a hidden record.
/// </summary>
public sealed class ScopePathTests
{
    private static readonly ScopePath District = ScopePath.Root("440111");
    private static readonly ScopePath Zone1 = District.Child("Z1");
    private static readonly ScopePath Street = Zone1.Child("440111007");

    [Fact]
    public void Root_Code_IsSlashDelimitedSingleCode()
    {
        Assert.Equal("/440111/", District.Value);
        Assert.Equal(["440111"], District.Codes);
        Assert.Equal(1, District.Depth);
        Assert.False(District.IsNone);
    }

    [Fact]
    public void Child_OfChild_AppendsCodesInOrder()
    {
        Assert.Equal("/440111/Z1/440111007/", Street.Value);
        Assert.Equal(["440111", "Z1", "440111007"], Street.Codes);
        Assert.Equal(3, Street.Depth);
        Assert.Equal(Street.Value, Street.ToString());
    }

    [Theory]
    [InlineData("", Label = "empty code would create //")]
    [InlineData("  ", Label = "blank code")]
    [InlineData("Z1/Z2", Label = "a slash would smuggle in a second level")]
    public void Root_And_Child_InvalidCode_AreRefused(string code)
    {
        RuleAssert.Refused(() => ScopePath.Root(code), "scope_code_invalid", "code");
        RuleAssert.Refused(() => District.Child(code), "scope_code_invalid", "code");
    }

    [Theory]
    [InlineData("/440111/Z1/", "/440111/Z1/", true, Label = "a node covers itself")]
    [InlineData("/440111/", "/440111/Z1/", true, Label = "a node covers its child")]
    [InlineData("/440111/", "/440111/Z1/440111007/44011100701/", true, Label = "a node covers any descendant")]
    [InlineData("/440111/Z1/", "/440111/", false, Label = "a child does not cover its parent")]
    [InlineData("/440111/Z1/", "/440111/Z2/", false, Label = "a sibling is not covered")]
    [InlineData("/440111/Z1/", "/440111/Z10/", false, Label = "a sibling whose code extends ours is not covered")]
    [InlineData("/440111/Z1/", "/440111/Z10/44011100701/", false, Label = "nor is anything below that sibling")]
    [InlineData("/4401/", "/440111/", false, Label = "a district whose code extends ours is not covered")]
    [InlineData("/440111/", "/440112/", false, Label = "another district is not covered")]
    public void Covers_PairOfPaths_FollowsTheTree(string node, string record, bool expected)
    {
        Assert.Equal(expected, ScopePath.Parse(node).Covers(ScopePath.Parse(record)));
    }

    [Fact]
    public void Covers_NoneAsTheNode_CoversNothing()
    {
        // A department liaison has no grid node; an empty prefix would otherwise match every path.
        Assert.True(ScopePath.None.IsNone);
        Assert.False(ScopePath.None.Covers(District));
        Assert.False(ScopePath.None.Covers(Street));
        Assert.False(ScopePath.None.Covers(ScopePath.None));
    }

    [Fact]
    public void Covers_NoneAsTheRecord_IsCoveredByNoNode()
    {
        Assert.False(District.Covers(ScopePath.None));
    }

    [Fact]
    public void Parse_BuiltPath_RoundTripsToAnEqualValue()
    {
        var parsed = ScopePath.Parse(Street.Value);

        Assert.Equal(Street, parsed);
        Assert.Equal(3, parsed.Depth);
    }

    [Fact]
    public void Parse_Empty_IsNone()
    {
        Assert.Equal(ScopePath.None, ScopePath.Parse(""));
    }

    [Theory]
    [InlineData("440111/", Label = "must start with a slash")]
    [InlineData("/440111", Label = "must end with a slash")]
    [InlineData("440111", Label = "a bare code is not a path")]
    [InlineData("//", Label = "empty segment")]
    [InlineData("/440111//Z1/", Label = "empty segment in the middle")]
    public void Parse_MalformedShape_IsRefusedOnThePathField(string text)
    {
        RuleAssert.Refused(() => ScopePath.Parse(text), "scope_path_invalid", "path");
    }

    [Fact]
    public void Parse_BlankSegment_IsRefused()
    {
        RuleAssert.Refused(() => ScopePath.Parse("/440111/ /"), "scope_code_invalid", "code");
    }

    [Fact]
    public void Parse_SlashOnly_IsRefused()
    {
        // Root() can never produce "/", so the only way in is a hand-edited or corrupted row; that must not
        // become a scope wider than any district's.
        Assert.Throws<RuleViolation>(() => ScopePath.Parse("/"));
    }
}
