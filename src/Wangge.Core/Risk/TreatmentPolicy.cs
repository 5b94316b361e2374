using Wangge.Core.Common;

namespace Wangge.Core.Risk;

/// <summary>How often a class is inspected, and what share of those visits takes samples.</summary>
public readonly record struct Treatment(double InspectionsPerYear, double SamplingRatio);

/// <summary>
/// Treatment by class (section "Wangge:Treatment"; domain §5: cultivate A, help B, regulate C, guard against D).
/// The defaults are modelled on the national food risk-grading measures (食品生产经营风险分级管理办法), which
/// raise the inspection frequency and sampling with each class: A once a year, B twice, C three times, D four
/// times or more. Each class binds separately, e.g. "Wangge:Treatment:C:SamplingRatio".
/// </summary>
public sealed class TreatmentPolicy
{
    public const string Section = "Wangge:Treatment";
    /// <summary>The days of the year that <see cref="IntervalDays"/> spreads the inspections over.</summary>
    public const int DaysPerYear = 365;
    /// <summary>At most weekly: 52 inspections a year.</summary>
    public const double MaxInspectionsPerYear = 52;

    /// <summary>Cultivate: 1 inspection a year, 5 % of them with sampling.</summary>
    public Treatment A { get; set; } = new(1, 0.05);

    /// <summary>Help: 2 inspections a year, 10 % with sampling.</summary>
    public Treatment B { get; set; } = new(2, 0.10);

    /// <summary>Regulate: 3 inspections a year, 20 % with sampling.</summary>
    public Treatment C { get; set; } = new(3, 0.20);

    /// <summary>Guard against: 4 inspections a year, 50 % with sampling.</summary>
    public Treatment D { get; set; } = new(4, 0.50);

    public Treatment For(RiskClass c) => c switch
    {
        RiskClass.A => A,
        RiskClass.B => B,
        RiskClass.C => C,
        RiskClass.D => D,
        _ => throw RuleViolation.Invalid("class", "risk_class_unknown", $"'{c}' is not a risk class."),
    };

    /// <summary>Days between inspections of the class: 365 / inspections per year, rounded half away from zero (A 365, B 183, C 122, D 91).</summary>
    public int IntervalDays(RiskClass c) => (int)Math.Round(DaysPerYear / For(c).InspectionsPerYear, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Refuses a policy that cannot be carried out or that treats a riskier class more lightly: inspections per year
    /// in (0, 52], sampling ratio in (0, 1], and neither ever lower for a riskier class.
    /// </summary>
    public void Validate()
    {
        Treatment? lower = null;
        foreach (var c in Enum.GetValues<RiskClass>())
        {
            var t = For(c);
            if (!(t.InspectionsPerYear is > 0 and <= MaxInspectionsPerYear))
                throw Invalid(c, "inspectionsPerYear", $"must lie in (0, {MaxInspectionsPerYear}]");
            if (!(t.SamplingRatio is > 0 and <= 1))
                throw Invalid(c, "samplingRatio", "must lie in (0, 1]");
            if (lower is { } l && t.InspectionsPerYear < l.InspectionsPerYear)
                throw Invalid(c, "inspectionsPerYear", "cannot be below that of a less risky class");
            if (lower is { } m && t.SamplingRatio < m.SamplingRatio)
                throw Invalid(c, "samplingRatio", "cannot be below that of a less risky class");
            lower = t;
        }
    }

    private static RuleViolation Invalid(RiskClass c, string field, string problem) =>
        RuleViolation.Invalid($"treatment.{c}.{field}", "treatment_invalid",
            $"{Section}:{c}:{char.ToUpperInvariant(field[0])}{field[1..]} {problem}.");
}
