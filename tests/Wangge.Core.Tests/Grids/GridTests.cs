using Wangge.Core.Common;
using Wangge.Core.Grids;

namespace Wangge.Core.Tests.Grids;

public sealed class GridTests
{
    [Fact]
    public void Constructor_District_IsTheRootOfTheScopeTree()
    {
        var district = TestTree.District();

        Assert.Null(district.ParentId);
        Assert.Equal("/440111/", district.ScopePathValue);
        Assert.Equal(ScopePath.Root("440111"), district.Scope);
        Assert.Null(district.ValidTo);
    }

    [Fact]
    public void Constructor_Child_ExtendsItsParentsScopePath()
    {
        var (district, zone, street, bottom) = Unpack(TestTree.Chain());

        Assert.Equal(district.Id, zone.ParentId);
        Assert.Equal(street.Id, bottom.ParentId);
        Assert.Equal("/440111/Z1/440111007/44011100701/", bottom.ScopePathValue);
        Assert.True(district.Scope.Covers(bottom.Scope));
        Assert.True(zone.Scope.Covers(street.Scope));
    }

    [Fact]
    public void Constructor_LowercaseCode_IsStoredNormalised()
    {
        var zone = TestTree.Make("z2", "南部片区", GridLevelKind.Zone, TestTree.District());

        Assert.Equal("Z2", zone.Code);
        Assert.EndsWith("/Z2/", zone.ScopePathValue);
    }

    [Fact]
    public void Constructor_NameWithSurroundingSpace_IsTrimmed()
    {
        Assert.Equal("白云区", TestTree.Make("440111", "  白云区 ", GridLevelKind.District, null).Name);
    }

    [Theory]
    [InlineData("", Label = "empty")]
    [InlineData("   ", Label = "blank")]
    public void Constructor_NoName_IsRefusedOnTheNameField(string name)
    {
        RuleAssert.Refused(() => TestTree.Make("440111", name, GridLevelKind.District, null), "grid_name_required", "name");
    }

    [Fact]
    public void Constructor_NameLongerThanItsColumn_IsRefusedOnTheNameField()
    {
        var ex = Assert.Throws<RuleViolation>(() => TestTree.Make("440111", new string('区', 101), GridLevelKind.District, null));
        Assert.Equal("name", ex.Field);
    }

    [Theory]
    [InlineData(GridLevelKind.Zone, Label = "a zone needs its district")]
    [InlineData(GridLevelKind.Street, Label = "a street needs a parent")]
    [InlineData(GridLevelKind.Grid, Label = "a bottom grid needs a parent")]
    public void Constructor_NonDistrictWithoutParent_IsRefusedOnTheParentField(GridLevelKind level)
    {
        RuleAssert.Refused(() => TestTree.Make("Z1", "孤儿", level, null), "grid_parent_required", "parentCode");
    }

    [Theory]
    [InlineData(GridLevelKind.Province, Label = "a province bureau's tree")]
    [InlineData(GridLevelKind.City, Label = "a city bureau above its counties ([004-1])")]
    [InlineData(GridLevelKind.District, Label = "a district bureau's tree")]
    public void Constructor_BureauAreaWithoutParent_IsATreesTop(GridLevelKind level)
    {
        Assert.Null(TestTree.Make("440000", "顶层", level, null).ParentId);
    }

    [Theory]
    [InlineData(GridLevelKind.District, GridLevelKind.District, Label = "a district cannot sit under a district")]
    [InlineData(GridLevelKind.Zone, GridLevelKind.Zone, Label = "same level is refused")]
    [InlineData(GridLevelKind.Street, GridLevelKind.Zone, Label = "a zone cannot sit under a street")]
    [InlineData(GridLevelKind.Grid, GridLevelKind.Street, Label = "a street cannot sit under a bottom grid")]
    [InlineData(GridLevelKind.Grid, GridLevelKind.Grid, Label = "bottom grids are not nested")]
    public void Constructor_ChildNotBelowParentLevel_IsRefusedOnTheLevelField(GridLevelKind parentLevel, GridLevelKind childLevel)
    {
        var parent = ParentAt(parentLevel);

        RuleAssert.Refused(() => TestTree.Make("X1", "子格", childLevel, parent), "grid_level_order", "level");
    }

    [Theory]
    [InlineData(GridLevelKind.District, GridLevelKind.Zone, Label = "one level down")]
    [InlineData(GridLevelKind.District, GridLevelKind.Street, Label = "a jurisdiction without zones skips a level")]
    [InlineData(GridLevelKind.Zone, GridLevelKind.Grid, Label = "a two-step hierarchy below the zone")]
    [InlineData(GridLevelKind.Street, GridLevelKind.Grid, Label = "bottom grid under a street")]
    public void Constructor_ChildBelowParentLevel_IsAccepted(GridLevelKind parentLevel, GridLevelKind childLevel)
    {
        // Jurisdictions configure 2–4 levels (domain §2), so any strictly lower level is a valid child.
        var parent = ParentAt(parentLevel);

        var child = TestTree.Make("X1", "子格", childLevel, parent);

        Assert.Equal(parent.Id, child.ParentId);
        Assert.Equal(childLevel, child.Level);
    }

    private static Grid ParentAt(GridLevelKind level) => TestTree.Chain().Single(g => g.Level == level);

    private static (Grid, Grid, Grid, Grid) Unpack(Grid[] chain) => (chain[0], chain[1], chain[2], chain[3]);
}
