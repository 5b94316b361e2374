namespace Wangge.Core.Risk;

/// <summary>
/// What one factor added to the score: <see cref="Count"/> is how many things it counted (sectors, events in the
/// last three years, licences, overdue years), <see cref="Points"/> what they added after weights and caps.
/// </summary>
public readonly record struct RiskContribution(string Factor, int Count, double Points);

/// <summary>
/// The explainable outcome of a rating: the contributions (nonzero ones only, in the order of <see cref="RiskFactors"/>)
/// add up to <see cref="Score"/> unless the sum passed <see cref="MaxScore"/>.
/// </summary>
public sealed record RiskAssessment(double Score, RiskClass Class, FoodRiskLevel FoodLevel, IReadOnlyList<RiskContribution> Contributions)
{
    /// <summary>The score never exceeds 100.</summary>
    public const double MaxScore = 100;
}

/// <summary>The stable codes of the score's factors, in the order contributions are listed (API and UI key on them).</summary>
public static class RiskFactors
{
    public const string Sector = "sector";
    public const string Scale = "scale";
    public const string KeyIndustry = "key_industry";
    public const string SpotCheckFailed = "spot_check_failed";
    public const string InspectionFailed = "inspection_failed";
    public const string Violation = "violation";
    public const string Penalty = "penalty";
    public const string Complaint = "complaint";
    public const string RectificationMissed = "rectification_missed";
    public const string LicenceExpired = "licence_expired";
    public const string LicenceMissing = "licence_missing";
    public const string InspectionOverdue = "inspection_overdue";

    /// <summary>Every factor, in listing order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Sector, Scale, KeyIndustry, SpotCheckFailed, InspectionFailed, Violation, Penalty, Complaint, RectificationMissed,
        LicenceExpired, LicenceMissing, InspectionOverdue,
    ];
}
