using Wangge.Core.Businesses;
using Wangge.Core.Risk;
using static Wangge.Core.Tests.Risk.RiskProfileBuilder;

namespace Wangge.Core.Tests.Risk;

/// <summary>
/// Domain §5 and docs/risk.md, with the default rules: inherent points by sector, scale and key industry, the last
/// three years of results with recent years weighing more, licences, and the gap since the last inspection.
/// </summary>
public sealed class RiskScorerTests
{
    private static readonly RiskScorer Scorer = new(new RiskRules());

    private static RiskAssessment Assess(RiskProfileBuilder profile) => Scorer.Assess(profile.Build(), AsOf);

    private static RiskContribution? Factor(RiskAssessment a, string factor)
    {
        foreach (var c in a.Contributions)
            if (c.Factor == factor) return c;
        return null;
    }

    // The examples the defaults were chosen for.

    [Fact]
    public void Assess_MicroRetailShopWithCleanHistory_IsClassAAndLowFoodRisk()
    {
        var a = Assess(Retail());

        Assert.Equal(RiskClass.A, a.Class);
        Assert.Equal(FoodRiskLevel.Low, a.FoodLevel);
        Assert.Equal(5, a.Score);
        Assert.Equal([new RiskContribution(RiskFactors.Sector, 1, 5)], a.Contributions);
    }

    [Fact]
    public void Assess_MicroRetailShopNeverInspectedInYears_IsStillClassA()
    {
        var a = Assess(Retail().LastInspected(null).Opened(AsOf.AddYears(-12)));

        Assert.Equal(RiskClass.A, a.Class);
        Assert.Equal(14, a.Score); // 5 for the sector + the overdue cap of 9
    }

    [Fact]
    public void Assess_CateringWithCleanHistory_IsClassA()
    {
        var a = Assess(Catering());

        Assert.Equal(27, a.Score); // 25 catering + 2 small
        Assert.Equal(RiskClass.A, a.Class);
    }

    [Fact]
    public void Assess_CateringWithOneFailedSpotCheckInTheLastYear_IsClassB()
    {
        var a = Assess(Catering().FailedSpotCheck());

        Assert.Equal(42, a.Score); // 25 catering + 2 small + 15 spot check
        Assert.Equal(RiskClass.B, a.Class);
        Assert.Equal(FoodRiskLevel.Medium, a.FoodLevel);
    }

    [Theory]
    [InlineData(BusinessScale.Micro, false, Label = "micro")]
    [InlineData(BusinessScale.Small, false, Label = "small")]
    [InlineData(BusinessScale.Medium, false, Label = "medium")]
    [InlineData(BusinessScale.Large, false, Label = "large")]
    [InlineData(BusinessScale.Micro, true, Label = "micro, key industry")]
    [InlineData(BusinessScale.Large, true, Label = "large, key industry")]
    public void Assess_CateringWithTwoFailedSpotChecksInTheLastYear_IsAHigherClassThanWithOne(BusinessScale scale, bool keyIndustry)
    {
        // Acceptance criterion: a second recent failure must move the class, not only the score.
        RiskProfileBuilder Restaurant() => keyIndustry ? Catering().Scale(scale).KeyIndustry() : Catering().Scale(scale);

        var one = Assess(Restaurant().FailedSpotCheck(2));
        var two = Assess(Restaurant().FailedSpotCheck(2).FailedSpotCheck(5));

        Assert.Contains(one.Class, new[] { RiskClass.B, RiskClass.C });
        Assert.True(two.Class > one.Class, $"one failure: {one.Score} {one.Class}, two: {two.Score} {two.Class}");
    }

    [Fact]
    public void Assess_FoodProducerWithTwoFailedSpotChecksAPenaltyAndAnExpiredLicence_IsClassDAndHighFoodRisk()
    {
        var a = Assess(FoodProducer().WithoutLicences().Licence(LicenceKind.FoodProduction, AsOf.AddDays(-10))
            .FailedSpotCheck(1).FailedSpotCheck(7).Event(SupervisionEventKind.Penalty, AsOf.AddMonths(-6)));

        Assert.Equal(RiskClass.D, a.Class);
        Assert.Equal(FoodRiskLevel.High, a.FoodLevel);
        Assert.Equal(
        [
            new RiskContribution(RiskFactors.Sector, 1, 30),
            new RiskContribution(RiskFactors.Scale, 1, 2),
            new RiskContribution(RiskFactors.SpotCheckFailed, 2, 30),
            new RiskContribution(RiskFactors.Penalty, 1, 12),
            new RiskContribution(RiskFactors.LicenceExpired, 1, 10),
        ], a.Contributions);
        Assert.Equal(84, a.Score);
    }

    [Fact]
    public void Assess_WorkedExampleOfDocsRiskMd_Scores50AndClassC()
    {
        var a = Assess(Of(Sector.Catering, Sector.FoodSale).Scale(BusinessScale.Small).Licence(LicenceKind.FoodBusiness, AsOf.AddYears(2))
            .Event(SupervisionEventKind.SpotCheck, new DateOnly(2026, 2, 28))
            .Event(SupervisionEventKind.Complaint, new DateOnly(2025, 4, 30))
            .Event(SupervisionEventKind.Violation, new DateOnly(2024, 2, 29))
            .Event(SupervisionEventKind.SpotCheck, new DateOnly(2023, 2, 28)));

        Assert.Equal(
        [
            new RiskContribution(RiskFactors.Sector, 2, 28.8),
            new RiskContribution(RiskFactors.Scale, 1, 2),
            new RiskContribution(RiskFactors.SpotCheckFailed, 1, 15),
            new RiskContribution(RiskFactors.Violation, 1, 2.4),
            new RiskContribution(RiskFactors.Complaint, 1, 1.8),
        ], a.Contributions);
        Assert.Equal((50.0, RiskClass.C, FoodRiskLevel.Medium), (a.Score, a.Class, a.FoodLevel));
    }

    // Inherent points.

    [Fact]
    public void Assess_SeveralSectors_TakesTheHighestInFullAndAQuarterOfEachOther()
    {
        var a = Assess(Of(Sector.Catering, Sector.FoodSale, Sector.Retail).Licence(LicenceKind.FoodBusiness, null));

        // 25 + 0.25 × (15 + 5) = 30
        Assert.Equal(new RiskContribution(RiskFactors.Sector, 3, 30), Factor(a, RiskFactors.Sector));
    }

    [Fact]
    public void Assess_SectorPointsOfAFraction_AreRoundedToOneDecimal()
    {
        var a = Assess(Of(Sector.Catering, Sector.FoodSale).Licence(LicenceKind.FoodBusiness, null));

        Assert.Equal(28.8, a.Score); // 25 + 0.25 × 15 = 28.75
    }

    [Theory]
    [InlineData(BusinessScale.Micro, 0)]
    [InlineData(BusinessScale.Small, 2)]
    [InlineData(BusinessScale.Medium, 4)]
    [InlineData(BusinessScale.Large, 6)]
    public void Assess_Scale_AddsItsPoints(BusinessScale scale, double points)
    {
        var a = Assess(Retail().Scale(scale));

        Assert.Equal(points, Factor(a, RiskFactors.Scale)?.Points ?? 0);
        Assert.Equal(5 + points, a.Score);
    }

    [Fact]
    public void Assess_KeyIndustry_AddsFivePoints()
    {
        Assert.Equal(new RiskContribution(RiskFactors.KeyIndustry, 1, 5), Factor(Assess(Retail().KeyIndustry()), RiskFactors.KeyIndustry));
    }

    // The record of the last three years.

    [Theory]
    [InlineData(SupervisionEventKind.SpotCheck, RiskFactors.SpotCheckFailed, 15)]
    [InlineData(SupervisionEventKind.Inspection, RiskFactors.InspectionFailed, 6)]
    [InlineData(SupervisionEventKind.Violation, RiskFactors.Violation, 8)]
    [InlineData(SupervisionEventKind.Penalty, RiskFactors.Penalty, 12)]
    [InlineData(SupervisionEventKind.Complaint, RiskFactors.Complaint, 3)]
    [InlineData(SupervisionEventKind.RectificationMissed, RiskFactors.RectificationMissed, 8)]
    public void Assess_OneAdverseEventInTheLastYear_AddsItsFactorsPoints(SupervisionEventKind kind, string factor, double points)
    {
        var a = Assess(Retail().Event(kind, AsOf.AddMonths(-1)));

        Assert.Equal(new RiskContribution(factor, 1, points), Factor(a, factor));
        Assert.Equal(5 + points, a.Score);
    }

    [Theory]
    [InlineData(SupervisionEventKind.SpotCheck, Label = "a qualified sample")]
    [InlineData(SupervisionEventKind.Inspection, Label = "a passed inspection")]
    public void Assess_PassedInspectionOrSpotCheck_AddsNothing(SupervisionEventKind kind)
    {
        var a = Assess(Retail().Event(kind, AsOf.AddMonths(-1), failed: false));

        Assert.Equal([RiskFactors.Sector], a.Contributions.Select(c => c.Factor));
    }

    [Fact]
    public void Assess_ViolationNotMarkedFailed_StillCounts()
    {
        // A violation, penalty, complaint or missed rectification is adverse in itself.
        var a = Assess(Retail().Event(SupervisionEventKind.Violation, AsOf.AddMonths(-1), failed: false));

        Assert.Equal(8, Factor(a, RiskFactors.Violation)?.Points);
    }

    [Theory]
    [InlineData(0, 0, 15.0, Label = "on the rating date: full weight")]
    [InlineData(-1, 0, 15.0, Label = "exactly one year before: still the first year")]
    [InlineData(-1, -1, 9.0, Label = "a day over one year: weight 0.6")]
    [InlineData(-2, 0, 9.0, Label = "exactly two years before: still the second year")]
    [InlineData(-2, -1, 4.5, Label = "a day over two years: weight 0.3")]
    [InlineData(-3, 0, 4.5, Label = "exactly three years before: still counted")]
    [InlineData(-3, -1, 0.0, Label = "a day over three years: outside the basis")]
    [InlineData(0, 1, 0.0, Label = "after the rating date: not counted")]
    public void Assess_FailedSpotCheck_WeighsByYearsBeforeTheRatingDate(int years, int days, double points)
    {
        var a = Assess(Retail().Event(SupervisionEventKind.SpotCheck, AsOf.AddYears(years).AddDays(days)));

        Assert.Equal(points, Factor(a, RiskFactors.SpotCheckFailed)?.Points ?? 0);
        Assert.Equal(points == 0 ? 0 : 1, Factor(a, RiskFactors.SpotCheckFailed)?.Count ?? 0);
    }

    [Fact]
    public void Assess_EventsInDifferentYears_AddTheirWeightedPoints()
    {
        var a = Assess(Retail().Times(2, SupervisionEventKind.Violation, AsOf.AddMonths(-3))
            .Event(SupervisionEventKind.Violation, AsOf.AddMonths(-18)).Event(SupervisionEventKind.Violation, AsOf.AddMonths(-30)));

        Assert.Equal(new RiskContribution(RiskFactors.Violation, 4, 23.2), Factor(a, RiskFactors.Violation)); // 8 + 8 + 4.8 + 2.4
    }

    [Theory]
    [InlineData(SupervisionEventKind.SpotCheck, 5, RiskFactors.SpotCheckFailed, Label = "five failed spot checks would be 75")]
    [InlineData(SupervisionEventKind.Complaint, 20, RiskFactors.Complaint, Label = "twenty complaints would be 60")]
    public void Assess_ManyEventsOfOneKind_AreCappedAtFortyPointsButAllCounted(SupervisionEventKind kind, int n, string factor)
    {
        var a = Assess(Retail().Times(n, kind, AsOf.AddMonths(-1)));

        Assert.Equal(new RiskContribution(factor, n, 40), Factor(a, factor));
    }

    [Fact]
    public void Assess_EverythingWrong_ScoreIsCappedAtOneHundred()
    {
        var builder = FoodProducer().Scale(BusinessScale.Large).KeyIndustry();
        foreach (var kind in Enum.GetValues<SupervisionEventKind>()) builder.Times(6, kind, AsOf.AddMonths(-1));

        var a = Assess(builder);

        Assert.Equal(RiskAssessment.MaxScore, a.Score);
        Assert.True(a.Contributions.Sum(c => c.Points) > RiskAssessment.MaxScore); // the explanation stays whole
        Assert.Equal(RiskClass.D, a.Class);
    }

    // Licences.

    [Theory]
    [InlineData(-1, 1, 10.0, Label = "expired yesterday: 10 points")]
    [InlineData(0, 0, 0.0, Label = "expiring on the rating date: still valid that day")]
    public void Assess_LicenceExpiry_AddsTenPointsOncePassed(int days, int count, double points)
    {
        var a = Assess(Retail().Licence(LicenceKind.Metrology, AsOf.AddDays(days)));

        Assert.Equal(count, Factor(a, RiskFactors.LicenceExpired)?.Count ?? 0);
        Assert.Equal(points, Factor(a, RiskFactors.LicenceExpired)?.Points ?? 0);
    }

    [Fact]
    public void Assess_ExpiredLicenceRenewed_AddsNothing()
    {
        var a = Assess(Catering().Licence(LicenceKind.FoodBusiness, AsOf.AddYears(-2)));

        Assert.Equal(27, a.Score);
        Assert.Null(Factor(a, RiskFactors.LicenceExpired));
    }

    [Theory]
    [InlineData(new[] { Sector.Catering }, new LicenceKind[0], 1, Label = "a restaurant without food business licence")]
    [InlineData(new[] { Sector.Catering }, new[] { LicenceKind.SmallFoodRegistration }, 0, Label = "a small eatery's registration will do")]
    [InlineData(new[] { Sector.Catering, Sector.FoodSale }, new LicenceKind[0], 1, Label = "catering and food sale share one licence")]
    [InlineData(new[] { Sector.FoodProduction, Sector.Catering }, new LicenceKind[0], 2, Label = "production and catering need two")]
    [InlineData(new[] { Sector.DrinkingWater }, new[] { LicenceKind.Hygiene }, 0, Label = "drinking water with its hygiene licence")]
    [InlineData(new[] { Sector.Retail, Sector.Garments }, new LicenceKind[0], 0, Label = "retail and garments need none")]
    public void Assess_RequiredLicenceNotHeld_AddsFifteenPerUnmetRequirement(Sector[] sectors, LicenceKind[] held, int missing)
    {
        var profile = Of(sectors);
        foreach (var kind in held) profile.Licence(kind, null);

        var a = Assess(profile);

        Assert.Equal(missing, Factor(a, RiskFactors.LicenceMissing)?.Count ?? 0);
        Assert.Equal(15.0 * missing, Factor(a, RiskFactors.LicenceMissing)?.Points ?? 0);
    }

    [Fact]
    public void Assess_RequiredLicenceExpired_CountsAsExpiredNotMissing()
    {
        var a = Assess(Catering().WithoutLicences().Licence(LicenceKind.FoodBusiness, AsOf.AddMonths(-1)));

        Assert.NotNull(Factor(a, RiskFactors.LicenceExpired));
        Assert.Null(Factor(a, RiskFactors.LicenceMissing));
    }

    // The gap since the last inspection.

    [Theory]
    [InlineData(-2, 1, 0, 0.0, Label = "one full year and a bit: the normal cycle")]
    [InlineData(-2, 0, 1, 3.0, Label = "two full years: one overdue year")]
    [InlineData(-3, 0, 2, 6.0, Label = "three full years")]
    [InlineData(-4, 0, 3, 9.0, Label = "four full years: at the cap")]
    [InlineData(-10, 0, 9, 9.0, Label = "ten full years: still the cap")]
    public void Assess_YearsSinceLastInspection_AddThreePointsPerYearBeyondTheFirst(int years, int days, int count, double points)
    {
        var a = Assess(Retail().LastInspected(AsOf.AddYears(years).AddDays(days)));

        Assert.Equal(count, Factor(a, RiskFactors.InspectionOverdue)?.Count ?? 0);
        Assert.Equal(points, Factor(a, RiskFactors.InspectionOverdue)?.Points ?? 0);
    }

    [Fact]
    public void Assess_NeverInspected_CountsFromOpening()
    {
        Assert.Equal(new RiskContribution(RiskFactors.InspectionOverdue, 2, 6),
            Factor(Assess(Retail().LastInspected(null).Opened(AsOf.AddYears(-3))), RiskFactors.InspectionOverdue));
        Assert.Null(Factor(Assess(Retail().LastInspected(null).Opened(AsOf.AddMonths(-1))), RiskFactors.InspectionOverdue));
    }

    [Fact]
    public void Assess_InspectionInTheHistoryLaterThanLastInspectedOn_EndsTheGap()
    {
        var a = Assess(Retail().LastInspected(AsOf.AddYears(-5)).Event(SupervisionEventKind.Inspection, AsOf.AddMonths(-1), failed: false));

        Assert.Null(Factor(a, RiskFactors.InspectionOverdue));
    }

    // Classes and configuration.

    [Theory]
    [InlineData(29.9, RiskClass.A, FoodRiskLevel.Low)]
    [InlineData(30, RiskClass.B, FoodRiskLevel.Medium)]
    [InlineData(44.9, RiskClass.B, FoodRiskLevel.Medium)]
    [InlineData(45, RiskClass.C, FoodRiskLevel.Medium)]
    [InlineData(59.9, RiskClass.C, FoodRiskLevel.Medium)]
    [InlineData(60, RiskClass.D, FoodRiskLevel.High)]
    public void Assess_Score_FallsIntoTheClassWhoseThresholdItReaches(double score, RiskClass cls, FoodRiskLevel food)
    {
        var rules = new RiskRules();
        rules.SectorPoints[Sector.Retail] = score;

        var a = new RiskScorer(rules).Assess(Retail().Build(), AsOf);

        Assert.Equal((score, cls, food), (a.Score, a.Class, a.FoodLevel));
    }

    [Fact]
    public void Assess_ConfiguredRecencyWeights_AreUsedAndZeroPointsAreNotListed()
    {
        var rules = new RiskRules { WithinTwoYearsWeight = 0.5, WithinThreeYearsWeight = 0 };
        var scorer = new RiskScorer(rules);

        var a = scorer.Assess(Retail().Event(SupervisionEventKind.Penalty, AsOf.AddMonths(-18))
            .Event(SupervisionEventKind.Violation, AsOf.AddMonths(-30)).Build(), AsOf);

        Assert.Equal([RiskFactors.Sector, RiskFactors.Penalty], a.Contributions.Select(c => c.Factor));
        Assert.Equal(6, Factor(a, RiskFactors.Penalty)?.Points);
    }

    [Fact]
    public void Assess_RulesChangedAfterTheScorerWasBuilt_AreNotSeen()
    {
        var rules = new RiskRules();
        var scorer = new RiskScorer(rules);
        rules.FailedSpotCheckPoints = 99;

        Assert.Equal(20, scorer.Assess(Retail().FailedSpotCheck().Build(), AsOf).Score);
    }

    [Fact]
    public void Constructor_InvalidRules_IsRefused()
    {
        RuleAssert.Refused(() => new RiskScorer(new RiskRules { ThresholdC = 20 }), "risk_rules_invalid", "risk.thresholdC");
    }
}
