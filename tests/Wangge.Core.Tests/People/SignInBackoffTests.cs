using Wangge.Core.People;

namespace Wangge.Core.Tests.People;

public sealed class SignInBackoffTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static SignInBackoff Fail(int times, DateTimeOffset at, SignInBackoff? from = null)
    {
        var pair = from ?? SignInBackoff.None;
        for (var i = 0; i < times; i++) pair = pair.After(at);
        return pair;
    }

    [Fact]
    public void Constants_AreFiveFreeFailuresThenThirtySecondsDoublingToFifteenMinutes()
    {
        Assert.Equal(5, SignInBackoff.FreeFailures);
        Assert.Equal(TimeSpan.FromSeconds(30), SignInBackoff.FirstDelay);
        Assert.Equal(TimeSpan.FromMinutes(15), SignInBackoff.MaxDelay);
        Assert.Equal(TimeSpan.FromHours(1), SignInBackoff.ForgetAfter);
    }

    [Fact]
    public void NoFailures_NeverWaits()
    {
        Assert.False(SignInBackoff.None.MustWait(Now));
        Assert.Null(SignInBackoff.None.WaitUntil);
    }

    [Fact]
    public void OneShortOfTheFreeFailures_DoesNotWait()
    {
        var pair = Fail(SignInBackoff.FreeFailures - 1, Now);

        Assert.False(pair.MustWait(Now));
    }

    [Fact]
    public void ReachingTheFreeFailures_WaitsTheFirstDelayFromTheLastFailure()
    {
        var pair = Fail(SignInBackoff.FreeFailures, Now);

        Assert.Equal(Now + SignInBackoff.FirstDelay, pair.WaitUntil);
        Assert.True(pair.MustWait(Now + SignInBackoff.FirstDelay - TimeSpan.FromSeconds(1)));
        Assert.False(pair.MustWait(Now + SignInBackoff.FirstDelay));
    }

    [Theory]
    [InlineData(6, 60, Label = "one more failure doubles the wait")]
    [InlineData(7, 120, Label = "and again")]
    [InlineData(9, 480, Label = "eight minutes after nine failures")]
    [InlineData(10, 900, Label = "capped at fifteen minutes")]
    [InlineData(60, 900, Label = "a persistent attacker stays at the cap without overflow")]
    public void FurtherFailures_DoubleTheWaitUpToTheCap(int failures, int seconds)
    {
        var pair = Fail(failures, Now);

        Assert.Equal(Now + TimeSpan.FromSeconds(seconds), pair.WaitUntil);
    }

    [Fact]
    public void TryWhileWaiting_CountsAndWaitsLonger()
    {
        var waiting = Fail(SignInBackoff.FreeFailures, Now);
        var during = Now + TimeSpan.FromSeconds(10);

        var after = waiting.After(during);

        Assert.Equal(during + 2 * SignInBackoff.FirstDelay, after.WaitUntil);
    }

    [Fact]
    public void QuietForTheForgetTime_StartsAgainFromOneFailure()
    {
        var pair = Fail(SignInBackoff.FreeFailures + 3, Now);
        var later = Now + SignInBackoff.ForgetAfter;

        Assert.True(pair.IsForgotten(later));
        Assert.False(pair.MustWait(later));
        Assert.Equal(1, pair.After(later).Failures);
    }
}
