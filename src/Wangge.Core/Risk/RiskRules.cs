using Wangge.Core.Businesses;
using Wangge.Core.Common;

namespace Wangge.Core.Risk;

/// <summary>
/// Every weight and threshold of the risk score (section "Wangge:Risk" of the settings; docs/risk.md explains the
/// model). Domain §5: the basis is the last three years of spot checks and enforcement results, recent ones weigh
/// more; the class decides treatment (<see cref="TreatmentPolicy"/>). The class thresholds follow the points bands
/// of the national food risk-grading measures (食品生产经营风险分级管理办法: up to 30 A, up to 45 B, up to 60 C,
/// above 60 D), except that a score reaching a threshold is in the higher class. Dictionaries bound from settings keep the defaults of keys they do not name; a list in
/// <see cref="RequiredLicences"/> bound from settings adds kinds to the default list.
/// </summary>
public sealed class RiskRules
{
    public const string Section = "Wangge:Risk";

    /// <summary>
    /// Inherent points of each sector. Defaults: FoodProduction 30; Catering, DrinkingWater, SpecialEquipmentUse 25;
    /// Cosmetics 20; FoodSale, IndustrialProductsUnderLicence 15; LeatherGoods, MeasuringInstruments 8;
    /// AudioVideo, Garments, Retail 5. A sector not listed adds nothing.
    /// </summary>
    public Dictionary<Sector, double> SectorPoints { get; set; } = new()
    {
        [Sector.FoodProduction] = 30,
        [Sector.Catering] = 25,
        [Sector.DrinkingWater] = 25,
        [Sector.SpecialEquipmentUse] = 25,
        [Sector.Cosmetics] = 20,
        [Sector.FoodSale] = 15,
        [Sector.IndustrialProductsUnderLicence] = 15,
        [Sector.LeatherGoods] = 8,
        [Sector.MeasuringInstruments] = 8,
        [Sector.AudioVideo] = 5,
        [Sector.Garments] = 5,
        [Sector.Retail] = 5,
    };

    /// <summary>
    /// The score takes the highest sector's points in full and this fraction of each further sector's points
    /// (a restaurant that also sells packaged food is mostly a restaurant). Default 0.25; in [0, 1].
    /// </summary>
    public double AdditionalSectorFraction { get; set; } = 0.25;

    /// <summary>Points by size (more customers reached by one failure). Defaults: Micro 0, Small 2, Medium 4, Large 6.</summary>
    public Dictionary<BusinessScale, double> ScalePoints { get; set; } = new()
    {
        [BusinessScale.Micro] = 0,
        [BusinessScale.Small] = 2,
        [BusinessScale.Medium] = 4,
        [BusinessScale.Large] = 6,
    };

    /// <summary>Points for a business in one of the jurisdiction's key industries. Default 5.</summary>
    public double KeyIndustryPoints { get; set; } = 5;

    /// <summary>
    /// Points per failed official spot check (unqualified sample) in the last year. Default 15 — one class band
    /// wide, so that each further recent failure moves the class up.
    /// </summary>
    public double FailedSpotCheckPoints { get; set; } = 15;

    /// <summary>Points per failed inspection in the last year. Default 6.</summary>
    public double FailedInspectionPoints { get; set; } = 6;

    /// <summary>Points per established violation in the last year. Default 8.</summary>
    public double ViolationPoints { get; set; } = 8;

    /// <summary>Points per administrative penalty in the last year (on top of the violation it punished). Default 12.</summary>
    public double PenaltyPoints { get; set; } = 12;

    /// <summary>Points per substantiated complaint or report in the last year. Default 3.</summary>
    public double ComplaintPoints { get; set; } = 3;

    /// <summary>Points per rectification order not met by its deadline in the last year. Default 8.</summary>
    public double RectificationMissedPoints { get; set; } = 8;

    /// <summary>
    /// Weight of an event on or after the day one year before the rating date (and not after it). Default 1.0.
    /// </summary>
    public double WithinOneYearWeight { get; set; } = 1.0;

    /// <summary>Weight of an event from one to two years before the rating date (the 2-year day included). Default 0.6.</summary>
    public double WithinTwoYearsWeight { get; set; } = 0.6;

    /// <summary>
    /// Weight of an event from two to three years before the rating date (the 3-year day included). Default 0.3.
    /// Older events and events after the rating date weigh 0.
    /// </summary>
    public double WithinThreeYearsWeight { get; set; } = 0.3;

    /// <summary>
    /// The most any one event or licence factor adds, however many events it counts. Default 40 (a third failed
    /// spot check in a year still counts, a tenth complaint no longer does).
    /// </summary>
    public double FactorCap { get; set; } = 40;

    /// <summary>Points per licence kind held only in expired form (a renewed licence of the same kind clears it). Default 10.</summary>
    public double ExpiredLicencePoints { get; set; } = 10;

    /// <summary>Points per required licence not held at all (see <see cref="RequiredLicences"/>). Default 15.</summary>
    public double MissingLicencePoints { get; set; } = 15;

    /// <summary>
    /// The licence a sector requires: any one of the listed kinds will do (an expired one counts as held, and as
    /// expired). Sectors sharing the same list count once. Defaults: FoodProduction → FoodProduction or
    /// SmallFoodRegistration; FoodSale and Catering → FoodBusiness or SmallFoodRegistration; SpecialEquipmentUse →
    /// SpecialEquipmentUse; IndustrialProductsUnderLicence → IndustrialProduct; Cosmetics → Cosmetics;
    /// DrinkingWater → Hygiene. Other sectors require none.
    /// </summary>
    public Dictionary<Sector, List<LicenceKind>> RequiredLicences { get; set; } = new()
    {
        [Sector.FoodProduction] = [LicenceKind.FoodProduction, LicenceKind.SmallFoodRegistration],
        [Sector.FoodSale] = [LicenceKind.FoodBusiness, LicenceKind.SmallFoodRegistration],
        [Sector.Catering] = [LicenceKind.FoodBusiness, LicenceKind.SmallFoodRegistration],
        [Sector.SpecialEquipmentUse] = [LicenceKind.SpecialEquipmentUse],
        [Sector.IndustrialProductsUnderLicence] = [LicenceKind.IndustrialProduct],
        [Sector.Cosmetics] = [LicenceKind.Cosmetics],
        [Sector.DrinkingWater] = [LicenceKind.Hygiene],
    };

    /// <summary>
    /// Full years after the last inspection (or, never inspected, after opening) that are the normal cycle and add
    /// nothing. Default 1: the first point comes when two full years have passed.
    /// </summary>
    public int InspectionGraceYears { get; set; } = 1;

    /// <summary>Points per full year without inspection beyond <see cref="InspectionGraceYears"/>. Default 3.</summary>
    public double InspectionOverduePointsPerYear { get; set; } = 3;

    /// <summary>The most an overdue inspection adds. Default 9 (three overdue years).</summary>
    public double InspectionOverdueCap { get; set; } = 9;

    /// <summary>A score below this is class A, from it class B. Default 30.</summary>
    public double ThresholdB { get; set; } = 30;

    /// <summary>A score from this is class C. Default 45.</summary>
    public double ThresholdC { get; set; } = 45;

    /// <summary>A score from this is class D. Default 60.</summary>
    public double ThresholdD { get; set; } = 60;

    /// <summary>A score from this is a medium food risk, below it low. Default 30 (with class B).</summary>
    public double FoodMediumThreshold { get; set; } = 30;

    /// <summary>A score from this is a high food risk. Default 60 (with class D).</summary>
    public double FoodHighThreshold { get; set; } = 60;

    /// <summary>Refuses rules that cannot rank businesses sensibly; the field names the setting at fault.</summary>
    public void Validate()
    {
        if (SectorPoints is null) throw Invalid("sectorPoints", "is missing");
        foreach (var (sector, points) in SectorPoints)
        {
            if (!Enum.IsDefined(sector)) throw Invalid("sectorPoints", $"names an unknown sector '{sector}'");
            NotNegative(points, "sectorPoints");
        }
        if (!(AdditionalSectorFraction is >= 0 and <= 1)) throw Invalid("additionalSectorFraction", "must lie in [0, 1]");
        if (ScalePoints is null) throw Invalid("scalePoints", "is missing");
        foreach (var (scale, points) in ScalePoints)
        {
            if (!Enum.IsDefined(scale)) throw Invalid("scalePoints", $"names an unknown scale '{scale}'");
            NotNegative(points, "scalePoints");
        }
        NotNegative(KeyIndustryPoints, "keyIndustryPoints");
        NotNegative(FailedSpotCheckPoints, "failedSpotCheckPoints");
        NotNegative(FailedInspectionPoints, "failedInspectionPoints");
        NotNegative(ViolationPoints, "violationPoints");
        NotNegative(PenaltyPoints, "penaltyPoints");
        NotNegative(ComplaintPoints, "complaintPoints");
        NotNegative(RectificationMissedPoints, "rectificationMissedPoints");
        Weight(WithinOneYearWeight, "withinOneYearWeight");
        Weight(WithinTwoYearsWeight, "withinTwoYearsWeight");
        Weight(WithinThreeYearsWeight, "withinThreeYearsWeight");
        if (WithinTwoYearsWeight > WithinOneYearWeight)
            throw Invalid("withinTwoYearsWeight", "cannot exceed withinOneYearWeight: recent events weigh more");
        if (WithinThreeYearsWeight > WithinTwoYearsWeight)
            throw Invalid("withinThreeYearsWeight", "cannot exceed withinTwoYearsWeight: recent events weigh more");
        if (!(FactorCap > 0)) throw Invalid("factorCap", "must be above 0");
        NotNegative(ExpiredLicencePoints, "expiredLicencePoints");
        NotNegative(MissingLicencePoints, "missingLicencePoints");
        if (RequiredLicences is null) throw Invalid("requiredLicences", "is missing");
        foreach (var (sector, kinds) in RequiredLicences)
        {
            if (!Enum.IsDefined(sector)) throw Invalid("requiredLicences", $"names an unknown sector '{sector}'");
            if (kinds is null) throw Invalid("requiredLicences", $"has no list for {sector}");
            foreach (var kind in kinds)
                if (!Enum.IsDefined(kind)) throw Invalid("requiredLicences", $"names an unknown licence kind '{kind}'");
        }
        if (InspectionGraceYears < 0) throw Invalid("inspectionGraceYears", "cannot be negative");
        NotNegative(InspectionOverduePointsPerYear, "inspectionOverduePointsPerYear");
        NotNegative(InspectionOverdueCap, "inspectionOverdueCap");
        if (!(ThresholdB > 0)) throw Invalid("thresholdB", "must be above 0, or every business would be class B");
        if (!(ThresholdC > ThresholdB)) throw Invalid("thresholdC", "must be above thresholdB");
        if (!(ThresholdD > ThresholdC)) throw Invalid("thresholdD", "must be above thresholdC");
        if (!(ThresholdD <= RiskAssessment.MaxScore)) throw Invalid("thresholdD", $"must be at most {RiskAssessment.MaxScore}, the highest score");
        if (!(FoodMediumThreshold > 0)) throw Invalid("foodMediumThreshold", "must be above 0");
        if (!(FoodHighThreshold > FoodMediumThreshold)) throw Invalid("foodHighThreshold", "must be above foodMediumThreshold");
        if (!(FoodHighThreshold <= RiskAssessment.MaxScore)) throw Invalid("foodHighThreshold", $"must be at most {RiskAssessment.MaxScore}, the highest score");
    }

    private static void NotNegative(double value, string field)
    {
        // Written so that NaN fails too.
        if (!(value >= 0) || double.IsInfinity(value)) throw Invalid(field, "must be a number of points, 0 or more");
    }

    private static void Weight(double value, string field)
    {
        if (!(value is >= 0 and <= 1)) throw Invalid(field, "must lie in [0, 1]");
    }

    private static RuleViolation Invalid(string field, string problem) =>
        RuleViolation.Invalid("risk." + field, "risk_rules_invalid", $"{Section}:{char.ToUpperInvariant(field[0])}{field[1..]} {problem}.");
}
