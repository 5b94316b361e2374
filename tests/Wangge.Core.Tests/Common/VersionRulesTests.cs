using Wangge.Core.Common;

namespace Wangge.Core.Tests.Common;

/// <summary>A write names the version it was made from: none is refused, an older one is refused with the current one.</summary>
public sealed class VersionRulesTests
{
    private sealed record Aggregate(int Version) : IVersioned;

    [Fact]
    public void Check_SameVersion_Passes() => VersionRules.Check(new Aggregate(3), 3, "Business x");

    [Fact]
    public void Check_NoVersion_IsRefusedAsRequired()
    {
        var ex = Assert.Throws<RuleViolation>(() => VersionRules.Check(new Aggregate(3), null, "Business x"));
        Assert.Equal(("version_required", VersionRules.Field, ViolationKind.VersionRequired), (ex.Code, ex.Field, ex.Kind));
        Assert.Null(ex.CurrentVersion);
    }

    [Theory]
    [InlineData(2)] // someone saved after the writer read
    [InlineData(4)] // a version that never existed is no better
    public void Check_OtherVersion_IsAConflictCarryingTheCurrentVersion(int read)
    {
        var ex = Assert.Throws<RuleViolation>(() => VersionRules.Check(new Aggregate(3), read, "Business x"));
        Assert.Equal(("version_stale", VersionRules.Field, ViolationKind.Conflict, 3), (ex.Code, ex.Field, ex.Kind, ex.CurrentVersion));
        Assert.Contains("version 3", ex.Message);
    }

    [Fact]
    public void Stale_RecordGone_CarriesNoVersion() => Assert.Null(VersionRules.Stale("Business x", 2, null).CurrentVersion);
}
