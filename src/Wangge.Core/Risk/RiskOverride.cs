using System.Linq.Expressions;
using Wangge.Core.Common;

namespace Wangge.Core.Risk;

/// <summary>
/// A manager's decision to treat a business as another class than the computed one, for a stated reason and a
/// limited time: active up to and including <see cref="Until"/>, after which the computed class is back in force.
/// Build new overrides with <see cref="Create"/>; the constructor only restores stored ones.
/// </summary>
public sealed record RiskOverride(RiskClass Class, string Reason, DateOnly Until, string By)
{
    /// <summary>A reason says why, in at least 10 characters (after trimming).</summary>
    public const int MinReasonLength = 10;
    /// <summary>A reason has at most 500 characters.</summary>
    public const int MaxReasonLength = 500;
    /// <summary>An override ends at most 366 days after the day it is made, so that it is reviewed at least yearly.</summary>
    public const int MaxDaysAhead = 366;

    public static RiskOverride Create(RiskClass cls, string? reason, DateOnly until, string by, DateOnly today)
    {
        if (!Enum.IsDefined(cls)) throw RuleViolation.Invalid("class", "override_class_unknown", $"'{cls}' is not a risk class.");
        TextRules.Check(reason, "reason");
        var r = reason?.Trim() ?? "";
        if (r.Length < MinReasonLength)
            throw RuleViolation.Invalid("reason", "override_reason_too_short", $"An override needs a reason of at least {MinReasonLength} characters.");
        if (r.Length > MaxReasonLength)
            throw RuleViolation.Invalid("reason", "override_reason_too_long", $"An override's reason has at most {MaxReasonLength} characters.");
        if (until <= today)
            throw RuleViolation.Invalid("until", "override_until_not_future", "An override must end after today.");
        if (until > today.AddDays(MaxDaysAhead))
            throw RuleViolation.Invalid("until", "override_until_too_far", $"An override ends at most {MaxDaysAhead} days ahead.");
        return new RiskOverride(cls, r, until, by);
    }

    /// <summary>True up to and including <see cref="Until"/>.</summary>
    public bool IsActiveOn(DateOnly day) => day <= Until;

    /// <summary>The class that decides treatment on <paramref name="day"/>: an active override's, else the computed one.</summary>
    public static RiskClass Effective(RiskAssessment computed, RiskOverride? o, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(computed);
        return Effective(computed.Class, o, day);
    }

    /// <summary>The same for a computed class stored without its assessment.</summary>
    public static RiskClass Effective(RiskClass computed, RiskOverride? o, DateOnly day) => EffectiveRule(computed, o?.Class, o?.Until, day);

    /// <summary>The same from the stored columns of an override (class and last day, both absent when there is none).</summary>
    public static RiskClass Effective(RiskClass computed, RiskClass? overrideClass, DateOnly? until, DateOnly day) =>
        EffectiveRule(computed, overrideClass, until, day);

    /// <summary>
    /// The rule itself, written once: an override decides up to and including its last day. Queries inline it
    /// (<see cref="Businesses.Business.EffectiveClassIs"/>); everything in memory runs it compiled.
    /// </summary>
    public static Expression<Func<RiskClass, RiskClass?, DateOnly?, DateOnly, RiskClass>> Rule { get; } =
        (computed, overrideClass, until, day) => overrideClass != null && until >= day ? overrideClass.Value : computed;

    private static readonly Func<RiskClass, RiskClass?, DateOnly?, DateOnly, RiskClass> EffectiveRule = Rule.Compile();
}
