using Wangge.Core.Grids;

namespace Wangge.Core.Tests.Grids;

public sealed class GridCodeTests
{
    [Theory]
    [InlineData("440111", Label = "county code (6 digits)")]
    [InlineData("44011100701", Label = "county + town + sequence")]
    [InlineData("Z1", Label = "shortest: 2 characters")]
    [InlineData("440111007001001ABCDEFGHI", Label = "longest: 24 characters")]
    public void Parse_LettersAndDigitsOfAllowedLength_IsAccepted(string text)
    {
        Assert.Equal(text, GridCode.Parse(text).Value);
        Assert.True(GridCode.TryParse(text, out _));
    }

    [Theory]
    [InlineData("z1", "Z1", Label = "lowercase is upper-cased")]
    [InlineData("  440111z2 ", "440111Z2", Label = "surrounding whitespace is trimmed")]
    public void Parse_VariantSpelling_IsNormalised(string text, string expected)
    {
        // Codes are compared as text in the database, so one grid must have exactly one spelling.
        Assert.Equal(expected, GridCode.Parse(text).Value);
    }

    [Theory]
    [InlineData("Z", Label = "1 character is too short")]
    [InlineData("440111007001001ABCDEFGHIJ", Label = "25 characters is too long")]
    [InlineData("Z-1", Label = "punctuation")]
    [InlineData("Z 1", Label = "inner space")]
    [InlineData("网格1", Label = "Chinese characters")]
    [InlineData("Ｚ１", Label = "full-width forms are not folded")]
    [InlineData("", Label = "empty")]
    [InlineData(null, Label = "missing")]
    public void Parse_OutsideAlphabetOrLength_IsRefused(string? text)
    {
        RuleAssert.Refused(() => GridCode.Parse(text), "grid_code_invalid", "code");
        Assert.False(GridCode.TryParse(text, out var code));
        Assert.Null(code.Value);
    }

    [Fact]
    public void Parse_CallerNamesTheField_RefusalPointsAtThatField()
    {
        RuleAssert.Refused(() => GridCode.Parse("?", "parentCode"), "grid_code_invalid", "parentCode");
    }

    [Fact]
    public void MaxLength_MatchesTheLongestAcceptedCode()
    {
        Assert.Equal(24, GridCode.MaxLength);
        Assert.True(GridCode.TryParse(new string('9', GridCode.MaxLength), out _));
        Assert.False(GridCode.TryParse(new string('9', GridCode.MaxLength + 1), out _));
    }
}
