namespace Wangge.Tests.Infrastructure;

/// <summary>The app's clock, stopped at an instant a test chooses, so that a date rule can be judged either side of midnight.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Set(string utc) => Now = DateTimeOffset.Parse(utc, global::System.Globalization.CultureInfo.InvariantCulture);
}
