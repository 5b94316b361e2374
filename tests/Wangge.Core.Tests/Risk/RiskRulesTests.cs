using Wangge.Core.Businesses;
using Wangge.Core.Risk;

namespace Wangge.Core.Tests.Risk;

/// <summary>The rules a jurisdiction may configure are refused, naming the setting, when they cannot rank businesses.</summary>
public sealed class RiskRulesTests
{
    private static readonly Dictionary<string, Action<RiskRules>> Breaks = new()
    {
        ["thresholdB zero"] = r => r.ThresholdB = 0,
        ["thresholdC equal to thresholdB"] = r => r.ThresholdC = r.ThresholdB,
        ["thresholdD below thresholdC"] = r => r.ThresholdD = r.ThresholdC - 1,
        ["thresholdD above the highest score"] = r => r.ThresholdD = 101,
        ["food high not above food medium"] = r => r.FoodHighThreshold = r.FoodMediumThreshold,
        ["negative spot check points"] = r => r.FailedSpotCheckPoints = -1,
        ["negative penalty points"] = r => r.PenaltyPoints = -0.5,
        ["NaN complaint points"] = r => r.ComplaintPoints = double.NaN,
        ["negative missing licence points"] = r => r.MissingLicencePoints = -15,
        ["negative sector points"] = r => r.SectorPoints[Sector.Garments] = -5,
        ["negative scale points"] = r => r.ScalePoints[BusinessScale.Large] = -1,
        ["fraction above one"] = r => r.AdditionalSectorFraction = 1.5,
        ["first-year weight above one"] = r => r.WithinOneYearWeight = 1.2,
        ["third-year weight negative"] = r => r.WithinThreeYearsWeight = -0.1,
        ["second year weighs more than the first"] = r => (r.WithinOneYearWeight, r.WithinTwoYearsWeight) = (0.5, 0.6),
        ["third year weighs more than the second"] = r => r.WithinThreeYearsWeight = 0.7,
        ["no factor cap"] = r => r.FactorCap = 0,
        ["negative grace years"] = r => r.InspectionGraceYears = -1,
        ["unknown licence kind required"] = r => r.RequiredLicences[Sector.Retail] = [(LicenceKind)99],
    };

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        new RiskRules().Validate();
    }

    [Theory]
    [InlineData("thresholdB zero", "risk.thresholdB")]
    [InlineData("thresholdC equal to thresholdB", "risk.thresholdC")]
    [InlineData("thresholdD below thresholdC", "risk.thresholdD")]
    [InlineData("thresholdD above the highest score", "risk.thresholdD")]
    [InlineData("food high not above food medium", "risk.foodHighThreshold")]
    [InlineData("negative spot check points", "risk.failedSpotCheckPoints")]
    [InlineData("negative penalty points", "risk.penaltyPoints")]
    [InlineData("NaN complaint points", "risk.complaintPoints")]
    [InlineData("negative missing licence points", "risk.missingLicencePoints")]
    [InlineData("negative sector points", "risk.sectorPoints")]
    [InlineData("negative scale points", "risk.scalePoints")]
    [InlineData("fraction above one", "risk.additionalSectorFraction")]
    [InlineData("first-year weight above one", "risk.withinOneYearWeight")]
    [InlineData("third-year weight negative", "risk.withinThreeYearsWeight")]
    [InlineData("second year weighs more than the first", "risk.withinTwoYearsWeight")]
    [InlineData("third year weighs more than the second", "risk.withinThreeYearsWeight")]
    [InlineData("no factor cap", "risk.factorCap")]
    [InlineData("negative grace years", "risk.inspectionGraceYears")]
    [InlineData("unknown licence kind required", "risk.requiredLicences")]
    public void Validate_BrokenRule_IsRefusedNamingTheSetting(string rule, string field)
    {
        var rules = new RiskRules();
        Breaks[rule](rules);

        RuleAssert.Refused(rules.Validate, "risk_rules_invalid", field);
    }

    [Fact]
    public void Validate_EqualRecencyWeights_AreAcceptedAsAFlatBasis()
    {
        new RiskRules { WithinOneYearWeight = 1, WithinTwoYearsWeight = 1, WithinThreeYearsWeight = 1 }.Validate();
    }

    [Theory]
    [InlineData(Sector.FoodProduction, new[] { LicenceKind.FoodProduction, LicenceKind.SmallFoodRegistration })]
    [InlineData(Sector.FoodSale, new[] { LicenceKind.FoodBusiness, LicenceKind.SmallFoodRegistration })]
    [InlineData(Sector.Catering, new[] { LicenceKind.FoodBusiness, LicenceKind.SmallFoodRegistration })]
    [InlineData(Sector.SpecialEquipmentUse, new[] { LicenceKind.SpecialEquipmentUse })]
    [InlineData(Sector.IndustrialProductsUnderLicence, new[] { LicenceKind.IndustrialProduct })]
    [InlineData(Sector.Cosmetics, new[] { LicenceKind.Cosmetics })]
    [InlineData(Sector.DrinkingWater, new[] { LicenceKind.Hygiene })]
    public void RequiredLicences_Defaults_NameTheLicenceEachSectorNeeds(Sector sector, LicenceKind[] kinds)
    {
        Assert.Equal(kinds, new RiskRules().RequiredLicences[sector]);
    }

    [Fact]
    public void SectorPoints_Defaults_RankFoodAndSafetySectorsAboveRetail()
    {
        var points = new RiskRules().SectorPoints;

        foreach (var high in new[] { Sector.FoodProduction, Sector.Catering, Sector.DrinkingWater, Sector.SpecialEquipmentUse, Sector.Cosmetics })
            foreach (var low in new[] { Sector.Retail, Sector.Garments, Sector.AudioVideo, Sector.LeatherGoods })
                Assert.True(points[high] > points[low], $"{high} should outrank {low}");
        Assert.Equal(Enum.GetValues<Sector>().Length, points.Count);
    }
}
