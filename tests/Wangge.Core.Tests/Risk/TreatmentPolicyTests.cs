using Wangge.Core.Risk;

namespace Wangge.Core.Tests.Risk;

/// <summary>Cultivate A, help B, regulate C, guard against D (domain §5): riskier classes are visited and sampled more.</summary>
public sealed class TreatmentPolicyTests
{
    private static readonly Dictionary<string, Action<TreatmentPolicy>> Breaks = new()
    {
        ["A never inspected"] = p => p.A = p.A with { InspectionsPerYear = 0 },
        ["D more than weekly"] = p => p.D = p.D with { InspectionsPerYear = 53 },
        ["B sampling nothing"] = p => p.B = p.B with { SamplingRatio = 0 },
        ["D sampling over everything"] = p => p.D = p.D with { SamplingRatio = 1.1 },
        ["C inspected less than B"] = p => p.C = p.C with { InspectionsPerYear = 1.5 },
        ["D sampled less than C"] = p => p.D = p.D with { SamplingRatio = 0.15 },
    };

    [Theory]
    [InlineData(RiskClass.A, 1, 0.05, 365)]
    [InlineData(RiskClass.B, 2, 0.10, 183)]
    [InlineData(RiskClass.C, 3, 0.20, 122)]
    [InlineData(RiskClass.D, 4, 0.50, 91)]
    public void Defaults_FollowTheFoodRiskGradingMeasures(RiskClass cls, double perYear, double ratio, int intervalDays)
    {
        var policy = new TreatmentPolicy();

        Assert.Equal(new Treatment(perYear, ratio), policy.For(cls));
        Assert.Equal(intervalDays, policy.IntervalDays(cls));
    }

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        new TreatmentPolicy().Validate();
    }

    [Theory]
    [InlineData("A never inspected", "treatment.A.inspectionsPerYear")]
    [InlineData("D more than weekly", "treatment.D.inspectionsPerYear")]
    [InlineData("B sampling nothing", "treatment.B.samplingRatio")]
    [InlineData("D sampling over everything", "treatment.D.samplingRatio")]
    [InlineData("C inspected less than B", "treatment.C.inspectionsPerYear")]
    [InlineData("D sampled less than C", "treatment.D.samplingRatio")]
    public void Validate_BrokenPolicy_IsRefusedNamingTheSetting(string rule, string field)
    {
        var policy = new TreatmentPolicy();
        Breaks[rule](policy);

        RuleAssert.Refused(policy.Validate, "treatment_invalid", field);
    }

    [Fact]
    public void Validate_SameTreatmentForNeighbouringClasses_IsAccepted()
    {
        var policy = new TreatmentPolicy { C = new Treatment(4, 0.5), D = new Treatment(52, 1) };

        policy.Validate();
        Assert.Equal(7, policy.IntervalDays(RiskClass.D));
    }
}
