namespace Wangge.Core.Risk;

/// <summary>
/// A business's latest computed rating: what <see cref="RiskScorer"/> said and when. Kept apart from the ledger
/// facts because a rule change rewrites it for every business at once, and a manager's override never touches it.
/// </summary>
public sealed class CurrentRating
{
    private CurrentRating() { }

    public static CurrentRating Unrated() => new();

    /// <summary>Changed in place, so the stored row is updated rather than replaced.</summary>
    internal void Record(RiskAssessment assessment, DateTimeOffset at)
    {
        Score = assessment.Score;
        Class = assessment.Class;
        FoodLevel = assessment.FoodLevel;
        RatedAt = at;
    }

    public double Score { get; private set; }
    public RiskClass Class { get; private set; }
    public FoodRiskLevel FoodLevel { get; private set; }
    /// <summary>Null until the business is first rated.</summary>
    public DateTimeOffset? RatedAt { get; private set; }
}
