using Wangge.Core.Grids;

namespace Wangge.Core.Tests.Grids;

public sealed class GridNamingTests
{
    [Theory]
    [InlineData("龙归街道", new[] { "龙归第1网格", "龙归第2网格" }, 3, "龙归第3网格")] // the demo's "<street>第N网格"
    [InlineData("京溪街道", new[] { "京溪01号网格", "京溪02号网格" }, 3, "京溪03号网格")] // zero-padded numbers keep their width
    [InlineData("西街道", new[] { "西北网格", "西南网格" }, 2, "西街道第2网格")] // names without a number: the unit-grid convention
    [InlineData("西街道", new[] { "龙归第1网格", "京溪第2网格" }, 1, "西街道第1网格")] // siblings that disagree: the convention
    [InlineData("西街道", new string[0], 1, "西街道第1网格")] // a street without grids yet
    public void PatternOf_Siblings_NamesNewGridsTheSameWay(string parent, string[] siblings, int n, string expected) =>
        Assert.Equal(expected, GridNaming.PatternOf(parent, siblings)(n));

    [Theory]
    [InlineData("龙归街道", new[] { "龙归第1网格" }, "龙归第2网格")]
    [InlineData("龙归街道", new[] { "龙归第1网格", "龙归第4网格" }, "龙归第5网格")] // after the highest, not the count: no name is reused
    [InlineData("京溪街道", new[] { "京溪01号网格", "京溪02号网格" }, "京溪03号网格")]
    [InlineData("西街道", new[] { "西北网格", "西南网格" }, "西街道第3网格")]
    [InlineData("西街道", new string[0], "西街道第1网格")]
    public void NextName_OneMoreGridDrawnByHand_FollowsTheSiblings(string parent, string[] siblings, string expected) =>
        Assert.Equal(expected, GridNaming.NextName(parent, siblings));

    [Theory]
    [InlineData("440111020", new[] { "44011102000101" }, "44011102000102")]
    [InlineData("440111020", new[] { "44011102000101", "44011102000309" }, "44011102000310")]
    [InlineData("440111020", new[] { "44011102099999" }, null)] // the next number would leave the street's code
    [InlineData("440111020", new[] { "44011102000101", "4401110200011" }, null)] // codes of two widths: no convention to follow
    [InlineData("440111020", new[] { "440111020Z1" }, null)]
    [InlineData("440111020", new string[0], null)]
    public void NextCode_FollowsTheSiblingsSequence_OrSuggestsNothing(string parent, string[] siblings, string? expected) =>
        Assert.Equal(expected, GridNaming.NextCode(parent, siblings));
}
