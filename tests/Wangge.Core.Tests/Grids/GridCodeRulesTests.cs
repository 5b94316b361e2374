using Wangge.Core.Grids;

namespace Wangge.Core.Tests.Grids;

/// <summary>GB/T 2260 codes compared by their significant digits: province 2, city 4, county 6, town 9, village 12.</summary>
public sealed class GridCodeRulesTests
{
    [Theory]
    [InlineData(GridLevelKind.Province, 2, Label = "province: 44 of 440000")]
    [InlineData(GridLevelKind.City, 4, Label = "city: 4402 of 440200")]
    [InlineData(GridLevelKind.District, 6, Label = "county: all of 440203")]
    [InlineData(GridLevelKind.Street, 9, Label = "town or street")]
    [InlineData(GridLevelKind.Village, 12, Label = "village or community")]
    [InlineData(GridLevelKind.Grid, 14, Label = "unit grid: village + sequence")]
    public void SignificantDigits_EachAdministrativeLevel_IsGbT2260s(GridLevelKind level, int digits)
    {
        Assert.Equal(digits, GridCodeRules.SignificantDigits(level));
    }

    [Fact]
    public void SignificantDigits_Zone_HasNone()
    {
        Assert.Null(GridCodeRules.SignificantDigits(GridLevelKind.Zone));
    }

    [Theory]
    [InlineData("440203", GridLevelKind.District, "440200", GridLevelKind.City, Label = "a city parents its county")]
    [InlineData("440200", GridLevelKind.City, "440000", GridLevelKind.Province, Label = "a province parents its city")]
    [InlineData("440203001", GridLevelKind.Street, "440203", GridLevelKind.District, Label = "a county parents its town")]
    [InlineData("440203001002", GridLevelKind.Village, "440203001", GridLevelKind.Street, Label = "a town parents its village")]
    [InlineData("44020300100201", GridLevelKind.Grid, "440203001002", GridLevelKind.Village, Label = "a village parents its unit grid")]
    [InlineData("44020300100201", GridLevelKind.Grid, "440203", GridLevelKind.District, Label = "a county parents a unit grid directly (3 levels)")]
    [InlineData("440203", GridLevelKind.District, "440000", GridLevelKind.Province, Label = "a province parents a county directly")]
    public void Check_ChildRepeatsItsParentsSignificantDigits_IsAccepted(string code, GridLevelKind level, string parent, GridLevelKind parentLevel)
    {
        GridCodeRules.Check(GridCode.Parse(code), level, (parent, parentLevel), GridCodeScheme.Administrative);
    }

    [Fact]
    public void Check_ProvinceToVillageChain_EveryLinkIsAccepted()
    {
        (string Code, GridLevelKind Level)[] chain =
        [
            ("440000", GridLevelKind.Province), ("440200", GridLevelKind.City), ("440203", GridLevelKind.District),
            ("440203001", GridLevelKind.Street), ("440203001002", GridLevelKind.Village), ("44020300100201", GridLevelKind.Grid),
        ];
        GridCodeRules.Check(GridCode.Parse(chain[0].Code), chain[0].Level, null, GridCodeScheme.Administrative);
        foreach (var (parent, child) in chain.Zip(chain.Skip(1)))
            GridCodeRules.Check(GridCode.Parse(child.Code), child.Level, parent, GridCodeScheme.Administrative);
    }

    [Theory]
    [InlineData("440303", GridLevelKind.District, "440200", GridLevelKind.City, Label = "a county of another city (Shenzhen's under Shaoguan)")]
    [InlineData("450200", GridLevelKind.City, "440000", GridLevelKind.Province, Label = "a city of another province")]
    [InlineData("440204001", GridLevelKind.Street, "440203", GridLevelKind.District, Label = "a town of another county: all 6 county digits count")]
    public void Check_ChildOutsideItsParentsSignificantDigits_IsRefused(string code, GridLevelKind level, string parent, GridLevelKind parentLevel)
    {
        RuleAssert.Refused(() => GridCodeRules.Check(GridCode.Parse(code), level, (parent, parentLevel), GridCodeScheme.Administrative),
            "grid_code_parent", "code");
    }

    [Theory]
    [InlineData("440200", GridLevelKind.Province, Label = "a province's code ends in 0000")]
    [InlineData("44", GridLevelKind.Province, Label = "a province's code has 6 digits")]
    [InlineData("440203", GridLevelKind.City, Label = "a city's code ends in 00")]
    [InlineData("440000", GridLevelKind.City, Label = "a city's code is not its province's")]
    [InlineData("4402", GridLevelKind.City, Label = "a city's code has 6 digits")]
    [InlineData("44020", GridLevelKind.District, Label = "a county's code has 6 digits")]
    [InlineData("4402030010", GridLevelKind.Village, Label = "a village's code has 12 digits")]
    [InlineData("44020300100A", GridLevelKind.Village, Label = "a village's code is digits")]
    public void Check_CodeOfTheWrongShapeForItsLevel_IsRefused(string code, GridLevelKind level)
    {
        RuleAssert.Refused(() => GridCodeRules.Check(GridCode.Parse(code), level, null, GridCodeScheme.Administrative), "grid_code_scheme", "code");
    }

    [Fact]
    public void Check_FreeScheme_AcceptsAnyCodeUnderAnyParent()
    {
        GridCodeRules.Check(GridCode.Parse("NORTH1"), GridLevelKind.District, ("CITY", GridLevelKind.City), GridCodeScheme.Free);
    }
}
