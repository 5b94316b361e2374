using Wangge.Core.Businesses;

namespace Wangge.Core.Tests.Businesses;

/// <summary>
/// Unified social credit code, GB 32100-2015. The published codes below belong to well-known companies;
/// their check characters were recomputed independently of <see cref="CreditCode"/> before being pinned
/// here, so a wrong weight table or alphabet in the code under test cannot make them agree by accident.
/// </summary>
public sealed class CreditCodeTests
{
    private const string Huawei = "914403001922038216";

    [Theory]
    [InlineData("914403001922038216", Label = "Huawei Technologies Co., Ltd. (Shenzhen)")]
    [InlineData("91440300708461136T", Label = "Shenzhen Tencent Computer Systems Co., Ltd., letter check character")]
    [InlineData("91110000802100433B", Label = "Beijing Baidu Netcom Science and Technology Co., Ltd.")]
    [InlineData("91310110666007217T", Label = "Shanghai Yangpu code used by Hutool's CreditCodeUtilTest")]
    public void Parse_PublishedValidCode_IsAcceptedUnchanged(string published)
    {
        var code = CreditCode.Parse(published);

        Assert.Equal(published, code.Value);
        Assert.True(CreditCode.TryParse(published, out _));
    }

    [Fact]
    public void Parse_WrongCheckCharacter_IsRefusedOnTheCreditCodeField()
    {
        var ex = RuleAssert.Refused(() => CreditCode.Parse("914403001922038217"), "credit_code_check", "creditCode");

        // The message tells a clerk which character was expected, so a typo can be spotted on the licence.
        Assert.Contains("'6'", ex.Message);
    }

    [Fact]
    public void Parse_AnyCheckCharacterButTheRightOne_IsRefused()
    {
        // One transcription error in the last place must never pass, whichever character it becomes.
        foreach (var wrong in CreditCode.Alphabet.Where(c => c != Huawei[^1]))
            RuleAssert.Refused(() => CreditCode.Parse(Huawei[..^1] + wrong), "credit_code_check", "creditCode");
    }

    [Fact]
    public void Parse_CallerNamesTheField_RefusalPointsAtThatField()
    {
        RuleAssert.Refused(() => CreditCode.Parse("914403001922038217", "code"), "credit_code_check", "code");
    }

    [Theory]
    [InlineData("9144030071526726xg", "9144030071526726XG", Label = "lowercase letters are upper-cased")]
    [InlineData("  91440300708461136T\t", "91440300708461136T", Label = "surrounding ASCII whitespace is trimmed")]
    [InlineData("\u3000914403001922038216\u3000", "914403001922038216", Label = "ideographic spaces pasted from Chinese text are trimmed")]
    [InlineData("９１４４０３００１９２２０３８２１６", "914403001922038216", Label = "full-width digits fold to ASCII")]
    [InlineData("９１４４０３００７０８４６１１３６Ｔ", "91440300708461136T", Label = "full-width capital letter folds to ASCII")]
    [InlineData("９１４４０３００７１５２６７２６ｘｇ", "9144030071526726XG", Label = "full-width lowercase letters fold and upper-case")]
    public void Parse_UnambiguousVariantSpelling_IsNormalisedToAscii(string typed, string expected)
    {
        Assert.Equal(expected, CreditCode.Parse(typed).Value);
    }

    [Theory]
    [InlineData('I', Label = "I is excluded: confusable with 1")]
    [InlineData('O', Label = "O is excluded: confusable with 0")]
    [InlineData('Z', Label = "Z is excluded: confusable with 2")]
    [InlineData('S', Label = "S is excluded: confusable with 5")]
    [InlineData('V', Label = "V is excluded: confusable with U")]
    [InlineData('i', Label = "lowercase i is excluded after upper-casing")]
    [InlineData('-', Label = "punctuation is outside the alphabet")]
    public void Parse_CharacterOutsideTheAlphabet_IsRefused(char forbidden)
    {
        // Replace a character of the organisation-code part; length stays 18 so only the alphabet rule can fire.
        var text = Huawei[..10] + forbidden + Huawei[11..];

        RuleAssert.Refused(() => CreditCode.Parse(text), "credit_code_character", "creditCode");
    }

    [Theory]
    [InlineData("91440300192203821", Label = "17 characters: check character missing")]
    [InlineData("9144030019220382166", Label = "19 characters: one too many")]
    [InlineData("9144 0300 1922 0382 16", Label = "inner spaces are not removed")]
    [InlineData("", Label = "empty")]
    [InlineData("   ", Label = "whitespace only")]
    [InlineData(null, Label = "missing")]
    public void Parse_WrongLength_IsRefused(string? text)
    {
        RuleAssert.Refused(() => CreditCode.Parse(text), "credit_code_length", "creditCode");
        Assert.False(CreditCode.TryParse(text, out var code));
        Assert.Null(code.Value);
    }

    [Theory]
    [InlineData("91440300708461136", 'T', Label = "Tencent Computer Systems: letter result")]
    [InlineData("91440300192203821", '6', Label = "Huawei: digit result")]
    [InlineData("00000000000000000", '0', Label = "weighted sum divisible by 31 wraps to 0, not to 31")]
    public void CheckCharacter_KnownFirst17_ReturnsTheStandardCheck(string first17, char expected)
    {
        Assert.Equal(expected, CreditCode.CheckCharacter(first17));
    }

    [Theory]
    [InlineData("9144030019220382", Label = "16 characters")]
    [InlineData("9144030019220382I", Label = "I is not in the alphabet")]
    [InlineData("9144030019220382a", Label = "lowercase is not normalised here: Parse does that")]
    public void CheckCharacter_InputItCannotWeigh_Throws(string first17)
    {
        Assert.Throws<ArgumentException>(() => CreditCode.CheckCharacter(first17));
    }

    [Theory]
    [InlineData("19220382", '1', Label = "Huawei's organisation code 19220382-1")]
    [InlineData("71526726", 'X', Label = "Tencent Technology (Shenzhen)'s 71526726-X: remainder 10 is written X")]
    [InlineData("MA1BUFLT", '4', Label = "letters weigh A=10…Z=35 (code of 91230184MA1BUFLT44)")]
    [InlineData("00000000", '0', Label = "remainder 0 gives 11, which is written 0")]
    public void OrganisationCheck_KnownOrganisationCode_ReturnsGb11714Check(string first8, char expected)
    {
        Assert.Equal(expected, CreditCode.OrganisationCheck(first8));
    }

    [Theory]
    [InlineData("914403001922038216", Label = "Huawei: digit organisation check")]
    [InlineData("91440300708461136T", Label = "Tencent Computer Systems: digit organisation check")]
    [InlineData("9144030071526726XG", Label = "Tencent Technology (Shenzhen): organisation check X")]
    [InlineData("91110000802100433B", Label = "Baidu Netcom: digit organisation check")]
    public void OrganisationCheck_PublishedCreditCode_MatchesThe17thCharacter(string published)
    {
        // GB 32100 embeds the old 9-character organisation code (positions 9–17) with its own GB 11714 check.
        Assert.Equal(published[16], CreditCode.OrganisationCheck(published.AsSpan(8, 8)));
    }
}
