using NetTopologySuite.Geometries;
using Wangge.Core.Businesses;
using Wangge.Core.Common;
using Wangge.Core.Grids;

namespace Wangge.Core.Tests.Businesses;

public sealed class BusinessTests
{
    private static readonly Point Location = new(113.27, 23.25);

    private static Business Make(string name = "广州市白云区某食品厂", string address = "广州市白云区太和镇某路1号") =>
        new(Guid.NewGuid(), CreditCode.Parse("91440300708461136T"), name, BusinessKind.Enterprise, Sector.FoodProduction,
            BusinessScale.Small, address, Location, new DateOnly(2015, 6, 1));

    [Fact]
    public void Constructor_ValidInput_IsOperatingAndUnplaced()
    {
        var business = Make("  某食品厂 ", " 太和镇某路1号 ");

        Assert.Equal("91440300708461136T", business.CreditCode);
        Assert.Equal("某食品厂", business.Name);
        Assert.Equal("太和镇某路1号", business.Address);
        Assert.Equal(BusinessStatus.Operating, business.Status);
        Assert.Null(business.GridId);
    }

    [Theory]
    [InlineData("", Label = "empty")]
    [InlineData("   ", Label = "blank")]
    public void Constructor_NoName_IsRefusedOnTheNameField(string name)
    {
        RuleAssert.Refused(() => Make(name: name), "business_name_required", "name");
    }

    [Fact]
    public void Constructor_NameOfMaximumLength_IsAccepted()
    {
        Assert.Equal(Business.MaxNameLength, Make(name: new string('厂', Business.MaxNameLength)).Name.Length);
    }

    [Fact]
    public void Constructor_NameOneOverMaximum_IsRefusedOnTheNameField()
    {
        RuleAssert.Refused(() => Make(name: new string('厂', Business.MaxNameLength + 1)), "business_name_too_long", "name");
    }

    [Fact]
    public void Constructor_NoAddress_IsRefusedOnTheAddressField()
    {
        RuleAssert.Refused(() => Make(address: " "), "business_address_required", "address");
    }

    [Fact]
    public void Constructor_AddressOneOverMaximum_IsRefusedOnTheAddressField()
    {
        RuleAssert.Refused(() => Make(address: new string('路', Business.MaxAddressLength + 1)), "business_address_too_long", "address");
    }

    [Fact]
    public void Rename_TooLong_IsRefusedAndKeepsTheOldName()
    {
        var business = Make(name: "旧名");

        RuleAssert.Refused(() => business.Rename(new string('厂', Business.MaxNameLength + 1)), "business_name_too_long", "name");
        Assert.Equal("旧名", business.Name);
    }

    [Fact]
    public void MoveTo_BlankAddress_IsRefusedAndKeepsTheOldPlace()
    {
        var business = Make(address: "旧址");

        RuleAssert.Refused(() => business.MoveTo("", new Point(0, 0)), "business_address_required", "address");
        Assert.Equal("旧址", business.Address);
        Assert.Equal(Location, business.Location);
    }

    [Fact]
    public void PlaceIn_BottomGrid_TakesTheGridAndItsScopePath()
    {
        var bottom = TestTree.Chain()[3];
        var business = Make();

        business.PlaceIn(bottom);

        Assert.Equal(bottom.Id, business.GridId);
        Assert.Equal(bottom.ScopePathValue, business.ScopePathValue);
    }

    [Theory]
    [InlineData(GridLevelKind.District, Label = "the district is not a bottom grid")]
    [InlineData(GridLevelKind.Zone, Label = "a zone is not a bottom grid")]
    [InlineData(GridLevelKind.Street, Label = "a street is not a bottom grid")]
    public void PlaceIn_UpperLevelGrid_IsRefusedAndKeepsThePlacement(GridLevelKind level)
    {
        // Every business belongs to exactly one bottom grid (domain §4); an upper node would hide it from grid ledgers.
        var chain = TestTree.Chain();
        var business = Make();
        business.PlaceIn(chain[3]);

        RuleAssert.Refused(() => business.PlaceIn(chain.Single(g => g.Level == level)), "business_needs_bottom_grid", "gridCode");
        Assert.Equal(chain[3].Id, business.GridId);
        Assert.Equal(chain[3].ScopePathValue, business.ScopePathValue);
    }

    [Fact]
    public void Unplace_PlacedBusiness_FallsBackToTheJurisdictionRoot()
    {
        var chain = TestTree.Chain();
        var business = Make();
        business.PlaceIn(chain[3]);

        business.Unplace(chain[0].Scope);

        Assert.Null(business.GridId);
        Assert.Equal("/440111/", business.ScopePathValue);
        Assert.True(chain[0].Scope.Covers(ScopePath.Parse(business.ScopePathValue)));
        Assert.False(chain[1].Scope.Covers(ScopePath.Parse(business.ScopePathValue)));
    }

    private static readonly LicenceFacts FoodLicence = new(LicenceKind.FoodBusiness, "JY1", null, null, new DateOnly(2030, 1, 1));
    private static readonly LicenceFacts Registration = new(LicenceKind.SmallFoodRegistration, "DJ2", null, null, new DateOnly(2029, 6, 30));

    private static BusinessFacts Facts(params LicenceFacts[] licences) =>
        new(LedgerCode.Parse("91440300708461136T"), "广州市白云区某食品店", BusinessKind.Enterprise, Sector.FoodSale,
            SectorSet.Of(Sector.FoodSale), BusinessScale.Small, false, "广州市白云区太和镇某路1号", Location.X, Location.Y,
            null, null, null, BusinessStatus.Operating, new DateOnly(2015, 6, 1), null, licences);

    [Fact]
    public void From_LicencesInAnyOrder_AreHeldInLedgerOrder()
    {
        var business = Business.From(Guid.NewGuid(), Facts(Registration, FoodLicence), Location);

        Assert.Equal(["JY1", "DJ2"], business.Licences.Select(l => l.Number));
    }

    [Fact]
    public void Apply_SameLicencesInAnotherOrder_IsNoChange()
    {
        var business = Business.From(Guid.NewGuid(), Facts(FoodLicence, Registration), Location);

        Assert.False(business.Apply(Facts(Registration, FoodLicence), Location));
    }

    [Fact]
    public void Apply_LicenceWithAnotherExpiry_IsAChange()
    {
        var business = Business.From(Guid.NewGuid(), Facts(FoodLicence, Registration), Location);

        Assert.True(business.Apply(Facts(FoodLicence, Registration with { ExpiresOn = new DateOnly(2031, 6, 30) }), Location));
        Assert.Equal(new DateOnly(2031, 6, 30), business.Licences.Single(l => l.Number == "DJ2").ExpiresOn);
    }

    [Fact]
    public void Apply_LicenceDropped_IsAChange()
    {
        var business = Business.From(Guid.NewGuid(), Facts(FoodLicence, Registration), Location);

        Assert.True(business.Apply(Facts(FoodLicence), Location));
        Assert.Equal(["JY1"], business.Licences.Select(l => l.Number));
    }
}
