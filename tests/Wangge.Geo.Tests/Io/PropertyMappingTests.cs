using Wangge.Geo.Io;

namespace Wangge.Geo.Tests.Io;

public class PropertyMappingTests
{
    private static BorderFeature With(params (string Key, string? Value)[] properties) =>
        new(0, properties.ToDictionary(p => p.Key, p => p.Value), null, null);

    [Fact]
    public void Default_FindsTheCommonNames()
    {
        var map = PropertyMapping.Parse(null);
        var f = With(("adcode", "440111"), ("名称", "白云区"), ("parentCode", "440100"));

        Assert.Equal("440111", map.CodeOf(f));
        Assert.Equal("白云区", map.NameOf(f));
        Assert.Equal("440100", map.ParentOf(f));
    }

    [Fact]
    public void Default_PrefersEarlierCandidates_AndSkipsBlankValues()
    {
        var f = With(("id", "7"), ("code", "  "), ("adcode", "440111"));

        Assert.Equal("440111", PropertyMapping.Default.CodeOf(f));
    }

    [Fact]
    public void Spec_NamesTheProperties_WithAlternativesAndDefaultsForTheRest()
    {
        var map = PropertyMapping.Parse("code=GRID_NO|id, parent=");
        var f = With(("GRID_NO", " 44011100100101 "), ("name", "三元里网格"), ("parent", "440111001"));

        Assert.Equal("44011100100101", map.CodeOf(f));
        Assert.Equal("三元里网格", map.NameOf(f));
        Assert.Null(map.ParentOf(f)); // "parent=" says the file has none
    }

    [Fact]
    public void Lookup_FallsBackToCaseInsensitive_AsDbfFilesUpperCaseNames()
    {
        var map = PropertyMapping.Parse("code=adcode");

        Assert.Equal("440111", map.CodeOf(With(("ADCODE", "440111"))));
    }

    [Fact]
    public void Lookup_MissingEverywhere_IsNull()
    {
        Assert.Null(PropertyMapping.Default.CodeOf(With(("other", "x"))));
    }

    [Theory]
    [InlineData("code", "code=adcode")]
    [InlineData("colour=fill", "targets are code, name and parent")]
    [InlineData("code=a,code=b", "twice")]
    public void MalformedSpec_IsRefusedSayingWhy(string spec, string expected)
    {
        var e = Assert.Throws<FormatException>(() => PropertyMapping.Parse(spec));

        Assert.Contains(expected, e.Message);
    }
}
