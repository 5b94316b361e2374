namespace Wangge.Core.Risk;

/// <summary>One entry of a business's rating history: a class change and the factors behind it.</summary>
public sealed class RiskRating
{
    private RiskRating() { }

    public RiskRating(Guid businessId, DateTimeOffset ratedAt, double score, RiskClass computed, FoodRiskLevel foodLevel,
        RiskClass effective, RatingTrigger trigger, string factors, string? note, string actor)
    {
        Id = Guid.CreateVersion7();
        BusinessId = businessId;
        RatedAt = ratedAt;
        Score = score;
        Class = computed;
        FoodLevel = foodLevel;
        EffectiveClass = effective;
        Trigger = trigger;
        Factors = factors;
        Note = note;
        Actor = actor;
    }

    public Guid Id { get; private set; }
    public Guid BusinessId { get; private set; }
    public DateTimeOffset RatedAt { get; private set; }
    public double Score { get; private set; }
    public RiskClass Class { get; private set; }
    public FoodRiskLevel FoodLevel { get; private set; }
    /// <summary>The class in force after this rating, an override included.</summary>
    public RiskClass EffectiveClass { get; private set; }
    public RatingTrigger Trigger { get; private set; }
    /// <summary>The contributions as JSON: [{"factor":"spot_check_failed","count":2,"points":24}, …].</summary>
    public string Factors { get; private set; } = "";
    /// <summary>An override's reason, or what triggered the rating.</summary>
    public string? Note { get; private set; }
    public string Actor { get; private set; } = "";
}
