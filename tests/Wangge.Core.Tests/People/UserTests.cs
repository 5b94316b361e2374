using Wangge.Core.Common;
using Wangge.Core.People;

namespace Wangge.Core.Tests.People;

public sealed class UserTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly ScopePath Street = ScopePath.Root("440111").Child("440111007");

    private static User Inspector(string userName = "zhangsan", string displayName = "张三") =>
        new(Guid.NewGuid(), userName, displayName, Role.Inspector, Street, null);

    [Fact]
    public void NewUser_HasAStampAndIsEnabled()
    {
        var user = Inspector();

        Assert.Equal(User.SecurityStampLength, user.SecurityStamp.Length);
        Assert.False(user.IsDisabled);
        Assert.True(user.AcceptsSession(user.SecurityStamp));
    }

    [Fact]
    public void NewUsers_NeverShareAStamp()
    {
        Assert.NotEqual(Inspector().SecurityStamp, Inspector().SecurityStamp);
    }

    public static TheoryData<string, Action<User>> StampChanges => new()
    {
        { "a new password", u => u.SetPasswordHash("new-hash") },
        { "disabling", u => u.Disable() },
        { "a new role", u => u.Reassign(Role.GridLeader, u.Scope, null) },
        { "a new place", u => u.Reassign(u.Role, ScopePath.Root("440111").Child("440111008"), null) },
        { "a move to a department", u => u.Reassign(Role.DepartmentLiaison, ScopePath.None, Guid.NewGuid()) },
        { "ending all sessions", u => u.EndAllSessions() },
    };

    [Theory]
    [MemberData(nameof(StampChanges))]
    public void StampChange_EndsSessionsStartedBefore(string why, Action<User> change)
    {
        var user = Inspector();
        var before = user.SecurityStamp;

        change(user);

        Assert.False(user.AcceptsSession(before), why);
        Assert.NotEqual(before, user.SecurityStamp);
    }

    [Fact]
    public void Reassign_ToTheSameRoleAndPlace_KeepsSessions()
    {
        var user = Inspector();
        var before = user.SecurityStamp;

        user.Reassign(user.Role, user.Scope, user.DepartmentId);

        Assert.True(user.AcceptsSession(before));
    }

    [Fact]
    public void Reassign_LiaisonWithoutDepartment_IsRefusedAndChangesNothing()
    {
        var user = Inspector();
        var before = user.SecurityStamp;

        RuleAssert.Refused(() => user.Reassign(Role.DepartmentLiaison, ScopePath.None, null), "user_place_required", "department");

        Assert.Equal(Role.Inspector, user.Role);
        Assert.True(user.AcceptsSession(before));
    }

    [Fact]
    public void Disabled_RefusesEvenTheCurrentStamp_UntilEnabledAndSignedInAfresh()
    {
        var user = Inspector();
        var old = user.SecurityStamp;
        user.Disable();
        Assert.False(user.AcceptsSession(user.SecurityStamp));

        user.Enable();

        Assert.False(user.AcceptsSession(old));
        Assert.True(user.AcceptsSession(user.SecurityStamp));
    }

    [Theory]
    [InlineData(null, Label = "a session without a stamp")]
    [InlineData("", Label = "an empty stamp")]
    [InlineData("0123456789abcdef0123456789abcdef", Label = "a guessed stamp")]
    public void AcceptsSession_OtherStamp_IsRefused(string? stamp)
    {
        Assert.False(Inspector().AcceptsSession(stamp));
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
