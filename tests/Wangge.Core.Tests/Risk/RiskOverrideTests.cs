using Wangge.Core.Risk;

namespace Wangge.Core.Tests.Risk;

/// <summary>A manager may set another class for a stated reason and at most a year; afterwards the computed class is back.</summary>
public sealed class RiskOverrideTests
{
    private static readonly DateOnly Today = new(2026, 6, 30);
    private const string Reason = "整改到位，经复查后降级观察";

    private static readonly RiskAssessment ComputedC = new(50, RiskClass.C, FoodRiskLevel.Medium, []);

    private static RiskOverride Make(string? reason = Reason, int days = 90, RiskClass cls = RiskClass.B) =>
        RiskOverride.Create(cls, reason, Today.AddDays(days), "station", Today);

    [Fact]
    public void Create_ValidInput_KeepsTheTrimmedReason()
    {
        var o = Make("  " + Reason + " \n");

        Assert.Equal(new RiskOverride(RiskClass.B, Reason, Today.AddDays(90), "station"), o);
    }

    [Theory]
    [InlineData(null, Label = "no reason")]
    [InlineData("", Label = "empty")]
    [InlineData("   整改到位   ", Label = "short once trimmed")]
    [InlineData("123456789", Label = "nine characters")]
    public void Create_ReasonUnderTenCharacters_IsRefusedOnTheReasonField(string? reason)
    {
        RuleAssert.Refused(() => Make(reason), "override_reason_too_short", "reason");
    }

    [Fact]
    public void Create_ReasonOfTenToFiveHundredCharacters_IsAccepted()
    {
        Assert.Equal(10, Make(" 1234567890 ").Reason.Length);
        Assert.Equal(RiskOverride.MaxReasonLength, Make(new string('查', 500)).Reason.Length);
    }

    [Fact]
    public void Create_ReasonOverFiveHundredCharacters_IsRefusedOnTheReasonField()
    {
        RuleAssert.Refused(() => Make(new string('查', 501)), "override_reason_too_long", "reason");
    }

    [Theory]
    [InlineData(0, Label = "ending today")]
    [InlineData(-1, Label = "ended yesterday")]
    public void Create_UntilNotAfterToday_IsRefusedOnTheUntilField(int days)
    {
        RuleAssert.Refused(() => Make(days: days), "override_until_not_future", "until");
    }

    [Fact]
    public void Create_UntilMoreThan366DaysAhead_IsRefusedOnTheUntilField()
    {
        RuleAssert.Refused(() => Make(days: 367), "override_until_too_far", "until");
    }

    [Theory]
    [InlineData(1, Label = "tomorrow")]
    [InlineData(366, Label = "366 days ahead")]
    public void Create_UntilFromTomorrowTo366DaysAhead_IsAccepted(int days)
    {
        Assert.Equal(Today.AddDays(days), Make(days: days).Until);
    }

    [Fact]
    public void IsActiveOn_TheLastDayIncluded_TheDayAfterNot()
    {
        var o = Make(days: 30);

        Assert.True(o.IsActiveOn(Today));
        Assert.True(o.IsActiveOn(Today.AddDays(30)));
        Assert.False(o.IsActiveOn(Today.AddDays(31)));
    }

    [Theory]
    [InlineData(RiskClass.A, Label = "lowered")]
    [InlineData(RiskClass.D, Label = "raised")]
    public void Effective_ActiveOverride_WinsOverTheComputedClass(RiskClass cls)
    {
        Assert.Equal(cls, RiskOverride.Effective(ComputedC, Make(cls: cls), Today.AddDays(10)));
    }

    [Fact]
    public void Effective_ExpiredOverride_GivesTheComputedClassBack()
    {
        var o = Make(days: 30, cls: RiskClass.A);

        Assert.Equal(RiskClass.A, RiskOverride.Effective(ComputedC, o, Today.AddDays(30)));
        Assert.Equal(RiskClass.C, RiskOverride.Effective(ComputedC, o, Today.AddDays(31)));
    }

    [Fact]
    public void Effective_NoOverride_IsTheComputedClass()
    {
        Assert.Equal(RiskClass.C, RiskOverride.Effective(ComputedC, null, Today));
        Assert.Equal(RiskClass.C, RiskOverride.Effective(RiskClass.C, null, Today));
    }
}
