using Wangge.Core.Common;
using Wangge.Core.People;

namespace Wangge.Core.Tests.People;

public sealed class UserTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly ScopePath Street = ScopePath.Root("440111").Child("440111007");

    private static User Inspector(string userName = "zhangsan", string displayName = "张三") =>
        new(Guid.NewGuid(), userName, displayName, Role.Inspector, Street, null);

    private static void FailTimes(User user, int times, DateTimeOffset at)
    {
        for (var i = 0; i < times; i++) user.RecordFailedLogin(at);
    }

    [Fact]
    public void RecordFailedLogin_OneShortOfThreshold_DoesNotLock()
    {
        var user = Inspector();

        FailTimes(user, User.LockoutThreshold - 1, Now);

        Assert.False(user.IsLockedOut(Now));
        Assert.Equal(User.LockoutThreshold - 1, user.FailedLogins);
    }

    [Fact]
    public void RecordFailedLogin_ReachingThreshold_LocksForTheDurationFromTheLastFailure()
    {
        var user = Inspector();
        FailTimes(user, User.LockoutThreshold - 1, Now);
        var last = Now.AddMinutes(3);

        user.RecordFailedLogin(last);

        Assert.Equal(last + User.LockoutDuration, user.LockedUntil);
        Assert.True(user.IsLockedOut(last));
        Assert.True(user.IsLockedOut(last + User.LockoutDuration - TimeSpan.FromSeconds(1)));
        Assert.False(user.IsLockedOut(last + User.LockoutDuration));
    }

    [Fact]
    public void Lockout_Constants_AreFiveFailuresForFifteenMinutes()
    {
        Assert.Equal(5, User.LockoutThreshold);
        Assert.Equal(TimeSpan.FromMinutes(15), User.LockoutDuration);
    }

    [Fact]
    public void RecordFailedLogin_AfterALockExpires_NeedsAFullNewRunToLockAgain()
    {
        // The counter restarts at the lock, so one more mistake after the wait is not an instant re-lock.
        var user = Inspector();
        FailTimes(user, User.LockoutThreshold, Now);
        var later = Now + User.LockoutDuration + TimeSpan.FromMinutes(1);

        FailTimes(user, User.LockoutThreshold - 1, later);

        Assert.False(user.IsLockedOut(later));
    }

    [Fact]
    public void RecordSuccessfulLogin_AfterFailures_ResetsTheCount()
    {
        var user = Inspector();
        FailTimes(user, User.LockoutThreshold - 1, Now);

        user.RecordSuccessfulLogin();
        FailTimes(user, User.LockoutThreshold - 1, Now);

        Assert.Equal(User.LockoutThreshold - 1, user.FailedLogins);
        Assert.False(user.IsLockedOut(Now));
    }

    [Fact]
    public void RecordSuccessfulLogin_WhileLocked_ClearsTheLock()
    {
        // Used by an administrator's password reset, which unlocks the account.
        var user = Inspector();
        FailTimes(user, User.LockoutThreshold, Now);

        user.RecordSuccessfulLogin();

        Assert.Null(user.LockedUntil);
        Assert.False(user.IsLockedOut(Now));
    }

    [Fact]
    public void NewUser_NeverFailed_IsNotLockedOut()
    {
        var user = Inspector();

        Assert.Equal(0, user.FailedLogins);
        Assert.False(user.IsLockedOut(Now));
    }

    [Theory]
    [InlineData("zhangsan", "zhangsan", Label = "lowercase letters")]
    [InlineData("Zhang.San", "zhang.san", Label = "stored lowercase so logins are case-insensitive")]
    [InlineData("li-si_2", "li-si_2", Label = "digits, hyphen and underscore")]
    [InlineData("  wangwu ", "wangwu", Label = "surrounding whitespace trimmed")]
    [InlineData("a", "a", Label = "one character is enough")]
    public void Constructor_ValidUserName_IsNormalised(string typed, string stored)
    {
        Assert.Equal(stored, Inspector(typed).UserName);
    }

    [Fact]
    public void Constructor_UserNameOfMaximumLength_IsAccepted()
    {
        Assert.Equal(User.MaxUserNameLength, Inspector(new string('a', User.MaxUserNameLength)).UserName.Length);
    }

    [Theory]
    [InlineData("", Label = "empty")]
    [InlineData("   ", Label = "blank")]
    [InlineData("zhang san", Label = "inner space")]
    [InlineData("张三", Label = "non-ASCII letters: names must be typeable on any keyboard")]
    [InlineData("ｚｈａｎｇ", Label = "full-width letters are not ASCII")]
    [InlineData("bob@example.org", Label = "@ is not allowed")]
    [InlineData("a/b", Label = "slash is not allowed")]
    public void Constructor_InvalidUserName_IsRefused(string userName)
    {
        RuleAssert.Refused(() => Inspector(userName), "username_invalid", "username");
    }

    [Fact]
    public void Constructor_UserNameOneOverMaximum_IsRefused()
    {
        RuleAssert.Refused(() => Inspector(new string('a', User.MaxUserNameLength + 1)), "username_invalid", "username");
    }

    [Fact]
    public void Constructor_BlankDisplayName_FallsBackToTheTypedUserName()
    {
        var user = Inspector("  ZhangSan ", "  ");

        Assert.Equal("ZhangSan", user.DisplayName);
        Assert.Equal("zhangsan", user.UserName);
    }

    [Fact]
    public void Constructor_LiaisonWithDepartment_HasNoGridNode()
    {
        var departmentId = Guid.NewGuid();

        var user = new User(Guid.NewGuid(), "liaison", "联络员", Role.DepartmentLiaison, ScopePath.None, departmentId);

        Assert.Equal(departmentId, user.DepartmentId);
        Assert.True(user.Scope.IsNone);
    }

    [Fact]
    public void Constructor_LiaisonWithoutDepartment_IsRefusedOnTheDepartmentField()
    {
        RuleAssert.Refused(() => new User(Guid.NewGuid(), "liaison", "", Role.DepartmentLiaison, Street, null),
            "user_place_required", "department");
    }

    [Theory]
    [InlineData(Role.BureauLeader, Label = "bureau leader")]
    [InlineData(Role.StationChief, Label = "station chief")]
    [InlineData(Role.GridLeader, Label = "grid leader")]
    [InlineData(Role.Inspector, Label = "inspector")]
    [InlineData(Role.Coordinator, Label = "coordinator")]
    public void Constructor_NonLiaisonWithoutGridNode_IsRefusedOnTheGridField(Role role)
    {
        // A department does not stand in for a node: without a node the user's scope would be empty.
        RuleAssert.Refused(() => new User(Guid.NewGuid(), "someone", "", role, ScopePath.None, Guid.NewGuid()),
            "user_place_required", "grid");
    }

    [Fact]
    public void Constructor_AdministratorWithoutNode_SeesTheWholeTree()
    {
        // The first admin of a new installation is made before any grid exists.
        var admin = new User(Guid.NewGuid(), "admin", "", Role.SystemAdmin, ScopePath.None, null);

        var caller = Caller.ForUser(admin, null);
        Assert.True(caller.SeesAll);
        Assert.True(caller.Covers("/440111/440111Z1/"));
    }

    [Fact]
    public void Constructor_AdministratorPlacedOnANode_SeesOnlyThatSubtree()
    {
        var admin = new User(Guid.NewGuid(), "admin", "", Role.SystemAdmin, Street, null);

        var caller = Caller.ForUser(admin, null);
        Assert.False(caller.SeesAll);
        Assert.False(caller.Covers("/440111/440111Z9/"));
    }

    [Fact]
    public void Constructor_InspectorOnAStreet_IsScopedToThatStreet()
    {
        var user = Inspector();

        Assert.Equal(Street, user.Scope);
        Assert.Equal(Street.Value, user.ScopePathValue);
    }

    [Fact]
    public void Constructor_DisplayNameLongerThanItsColumn_IsRefused()
    {
        Assert.Throws<RuleViolation>(() => Inspector(displayName: new string('名', 101)));
    }
}
