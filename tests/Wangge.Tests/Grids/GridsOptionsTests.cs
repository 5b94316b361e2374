using System.Text;
using Microsoft.Extensions.Configuration;
using Wangge.Core.Grids;
using Wangge.Grids;
using Wangge.Hosting;

namespace Wangge.Tests.Grids;

/// <summary>Wangge:Grids as a deployment writes it: a configured list of levels replaces the default, a bad one names the setting.</summary>
public sealed class GridsOptionsTests
{
    private static GridsOptions FromJson(string json) =>
        GridsOptions.Read(new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build());

    [Fact]
    public void Read_NoLevels_TheBuiltInFour()
    {
        Assert.Equal(GridsOptions.DefaultLevels, FromJson("{}").Levels);
    }

    [Theory]
    [InlineData("""["District","Zone","Street","Grid"]""", new[] { GridLevelKind.District, GridLevelKind.Zone, GridLevelKind.Street, GridLevelKind.Grid }, Label = "the default restated is the default, not eight levels")]
    [InlineData("""["City","District","Grid"]""", new[] { GridLevelKind.City, GridLevelKind.District, GridLevelKind.Grid }, Label = "a city bureau over counties over grids")]
    [InlineData("""["Province","City","District","Street","Village","Grid"]""", new[] { GridLevelKind.Province, GridLevelKind.City, GridLevelKind.District, GridLevelKind.Street, GridLevelKind.Village, GridLevelKind.Grid }, Label = "province to village")]
    [InlineData("\"city, district, grid\"", new[] { GridLevelKind.City, GridLevelKind.District, GridLevelKind.Grid }, Label = "one comma-separated value, any case")]
    public void Read_ConfiguredLevels_ReplaceTheDefault(string levels, GridLevelKind[] expected)
    {
        Assert.Equal(expected, FromJson("""{"Wangge":{"Grids":{"Levels":""" + levels + ""","ToleranceM2":2}}}""").Levels);
    }

    [Fact]
    public void Read_OtherSettingsBesideLevels_AreStillBound()
    {
        var options = FromJson("""{"Wangge":{"Grids":{"Levels":["City","District","Grid"],"ToleranceM2":2.5,"CodeScheme":"Free"}}}""");
        Assert.Equal((2.5, GridCodeScheme.Free), (options.ToleranceM2, options.CodeScheme));
    }

    [Theory]
    [InlineData("""["Town","Grid"]""", "Wangge:Grids:Levels:0", Label = "an unknown level is named by its key")]
    [InlineData("""["District","3"]""", "Wangge:Grids:Levels:1", Label = "a number is no level")]
    [InlineData("""["District","Grid","Zone"]""", "Wangge:Grids:Levels", Label = "out of order")]
    [InlineData("""["District","Zone"]""", "Wangge:Grids:Levels", Label = "the bottom is not Grid")]
    [InlineData("""["Zone","Grid"]""", "Wangge:Grids:Levels", Label = "the top is no bureau's area")]
    [InlineData("""["Grid"]""", "Wangge:Grids:Levels", Label = "one level")]
    public void Read_BadLevels_OneLineNamingTheSetting(string levels, string key)
    {
        var e = Assert.Throws<StartupException>(() => FromJson("""{"Wangge":{"Grids":{"Levels":""" + levels + "}}}"));
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Read_BadNumberBesideLevels_NamesTheSetting()
    {
        var e = Assert.Throws<StartupException>(() => FromJson("""{"Wangge":{"Grids":{"ToleranceM2":"much"}}}"""));
        Assert.Contains("Wangge:Grids:ToleranceM2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_StartupFailureWrappedByTheHost_IsItsOneLine()
    {
        var line = StartupErrors.Describe(new AggregateException(new StartupException("Wangge:Grids:Levels must end with Grid.")));
        Assert.Equal("error: Wangge:Grids:Levels must end with Grid.", line);
    }
}

/// <summary>The division list ships with the program; without it, names would silently match nothing.</summary>
public sealed class DivisionNamesTests
{
    [Fact]
    public void Load_MissingFile_StartupErrorNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}", "areas.csv");
        var e = Assert.Throws<StartupException>(() => DivisionNames.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ShippedFile_IsInTheBuildOutputAndMatchesACounty()
    {
        Assert.Equal("440203", DivisionNames.Load().Resolve(["武江区"])["武江区"]);
    }

    [Theory]
    [InlineData("440203", GridLevelKind.District, true, Label = "a current county")]
    [InlineData("440221", GridLevelKind.District, false, Label = "曲江县, a county until 2004")]
    [InlineData("440200", GridLevelKind.City, true, Label = "a current city")]
    [InlineData("449900", GridLevelKind.City, false, Label = "no such city")]
    [InlineData("440000", GridLevelKind.Province, true, Label = "a current province")]
    [InlineData("440203001", GridLevelKind.Street, true, Label = "towns have no list here")]
    public void IsCurrent_CodeAgainstTheDivisionList(string code, GridLevelKind level, bool current)
    {
        Assert.Equal(current, DivisionNames.Load().IsCurrent(code, level));
    }
}
