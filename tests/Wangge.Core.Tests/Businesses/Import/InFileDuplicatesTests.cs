using Wangge.Core.Businesses;
using Wangge.Core.Businesses.Import;

namespace Wangge.Core.Tests.Businesses.Import;

public sealed class InFileDuplicatesTests
{
    [Fact]
    public void Check_FirstRowOfACode_Passes()
    {
        var duplicates = new InFileDuplicates();

        Assert.Null(duplicates.Check(2, Codes.Credit(1)));
        Assert.Null(duplicates.Check(3, Codes.Credit(2)));
        Assert.Equal(2, duplicates.Count);
    }

    [Fact]
    public void Check_LaterRowsOfACode_AreRefusedNamingTheFirstLine()
    {
        var duplicates = new InFileDuplicates();
        duplicates.Check(7, Codes.Credit(1));

        var second = duplicates.Check(12, Codes.Credit(1));
        var third = duplicates.Check(30, LedgerCode.Parse(Codes.Credit(1)));

        Assert.Equal(new RowProblem(12, "code", "duplicate_in_file", second!.Message, second.Arguments), second);
        Assert.Contains("line 7", second.Message);
        // The page says it in its own language from the code and the first line.
        Assert.Equal([Codes.Credit(1), "7"], second.Arguments);
        Assert.Equal(30, third!.Line);
        Assert.Contains("line 7", third.Message);
    }

    [Fact]
    public void Check_SameLineAgain_IsNotItsOwnDuplicate()
    {
        // A resumed import parses the lines up to its checkpoint again; a line seen twice is still the first.
        var duplicates = new InFileDuplicates();
        duplicates.Check(5, Codes.Credit(1));

        Assert.Null(duplicates.Check(5, Codes.Credit(1)));
    }

    [Fact]
    public void Check_CodesNormalisedByTheParser_MatchWhateverTheSpelling()
    {
        var parser = LedgerRowBuilder.Parser();
        var duplicates = new InFileDuplicates();
        var first = parser.Parse(2, new LedgerRowBuilder().Cells()).Facts!;
        var fullWidth = string.Concat(Codes.Credit(1).Select(c => (char)(c + 0xFEE0)));
        var second = parser.Parse(3, new LedgerRowBuilder().With(LedgerField.Code, fullWidth).Cells()).Facts!;

        Assert.Null(duplicates.Check(2, first.Code));
        Assert.NotNull(duplicates.Check(3, second.Code));
    }
}
