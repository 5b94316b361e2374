using Wangge.Core.Common;

namespace Wangge.Core.Tests.Common;

/// <summary>"Today" is the date where the grids are: in Beijing the UTC date is yesterday until 08:00.</summary>
public sealed class JurisdictionClockTests
{
    private sealed class PinnedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static JurisdictionClock Beijing(string utc) =>
        new(new PinnedClock(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)), JurisdictionClock.FindZone(null));

    [Fact]
    public void Today_At2330UtcInBeijing_IsTheNextUtcDate() =>
        Assert.Equal(new DateOnly(2026, 12, 7), Beijing("2026-12-06T23:30:00Z").Today);

    [Fact]
    public void Today_OneMinuteEitherSideOfBeijingMidnight_Differs()
    {
        Assert.Equal(new DateOnly(2026, 12, 6), Beijing("2026-12-06T15:59:00Z").Today);
        Assert.Equal(new DateOnly(2026, 12, 7), Beijing("2026-12-06T16:01:00Z").Today);
    }

    [Fact]
    public void Now_IsTheSameInstantAtPlusEight()
    {
        var now = Beijing("2026-12-06T23:30:00Z").Now;
        Assert.Equal(TimeSpan.FromHours(8), now.Offset);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 23, 30, 0, TimeSpan.Zero), now);
        Assert.Equal(7, now.Hour);
    }

    [Fact]
    public void StartOf_ADay_IsLocalMidnight() =>
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 16, 0, 0, TimeSpan.Zero), Beijing("2026-12-07T00:00:00Z").StartOf(new DateOnly(2026, 12, 7)));

    [Fact]
    public void DayOf_AnInstant_IsTheLocalDate() =>
        Assert.Equal(new DateOnly(2026, 12, 7), Beijing("2026-12-07T00:00:00Z").DayOf(new DateTimeOffset(2026, 12, 6, 16, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("+08:00", 8 * 60)]
    [InlineData("-03:30", -(3 * 60 + 30))]
    public void FindZone_AFixedOffset_IsThatOffset(string id, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), JurisdictionClock.FindZone(id).BaseUtcOffset);

    [Fact]
    public void FindZone_AnUnknownName_IsRefusedNamingTheSetting()
    {
        var e = Assert.Throws<RuleViolation>(() => JurisdictionClock.FindZone("Mars/Olympus"));
        Assert.Equal("timeZone", e.Field);
        Assert.Contains("Mars/Olympus", e.Message);
    }

    [Theory]
    [InlineData(null, "2026-12-07 07:30 (UTC+8)")]
    [InlineData("+05:30", "2026-12-07 05:00 (UTC+5:30)")]
    [InlineData("-03:00", "2026-12-06 20:30 (UTC-3)")]
    public void Show_AnInstant_IsLocalWallClockTimeWithTheOffset(string? zone, string shown) =>
        Assert.Equal(shown, new JurisdictionClock(TimeProvider.System, JurisdictionClock.FindZone(zone))
            .Show(new DateTimeOffset(2026, 12, 6, 23, 30, 0, TimeSpan.Zero)));
}
