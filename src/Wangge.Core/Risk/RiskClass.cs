namespace Wangge.Core.Risk;

/// <summary>
/// Regional-industry class (domain §5): A is the lowest risk, D the highest — "cultivate A, help B,
/// regulate C, guard against D".
/// </summary>
public enum RiskClass
{
    A,
    B,
    C,
    D,
}

/// <summary>The food scale of the same score (食品生产经营风险等级).</summary>
public enum FoodRiskLevel
{
    Low,
    Medium,
    High,
}

/// <summary>What happened at a business that the risk score counts (domain §5: spot checks and enforcement results).</summary>
public enum SupervisionEventKind
{
    /// <summary>A routine, periodic, campaign, complaint-triggered or follow-up inspection (检查).</summary>
    Inspection,
    /// <summary>An official sampling / spot check (监督抽检); failed = unqualified sample.</summary>
    SpotCheck,
    /// <summary>A violation established (违法违规行为).</summary>
    Violation,
    /// <summary>An administrative penalty decided (行政处罚).</summary>
    Penalty,
    /// <summary>A substantiated complaint or report (投诉举报).</summary>
    Complaint,
    /// <summary>A rectification order not met by its deadline (逾期未整改).</summary>
    RectificationMissed,
}

/// <summary>Why a rating was made.</summary>
public enum RatingTrigger
{
    Initial,
    Event,
    RecordChanged,
    RuleChange,
    Override,
    OverrideEnded,
}
