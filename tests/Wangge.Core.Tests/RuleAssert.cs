using Wangge.Core.Common;

namespace Wangge.Core.Tests;

/// <summary>
/// Asserts a refusal the way clients see it: forms point at <see cref="RuleViolation.Field"/> and
/// translations key on <see cref="RuleViolation.Code"/>, so both are part of the contract.
/// </summary>
internal static class RuleAssert
{
    public static RuleViolation Refused(Action act, string code, string? field)
    {
        var ex = Assert.Throws<RuleViolation>(act);
        Assert.Equal(code, ex.Code);
        Assert.Equal(field, ex.Field);
        Assert.Equal(ViolationKind.Invalid, ex.Kind);
        return ex;
    }
}
