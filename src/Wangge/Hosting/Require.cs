using Wangge.Core.Common;

namespace Wangge;

/// <summary>Checks of request fields that no domain type owns yet; each failure names the field.</summary>
public static class Require
{
    [return: System.Diagnostics.CodeAnalysis.NotNull]
    public static string Present(string? value, string field, int maxLength = 200)
    {
        TextRules.Check(value, field);
        if (value is null || TextRules.IsBlank(value))
            throw RuleViolation.Invalid(field, "required", $"'{field}' is required.");
        if (value.Length > maxLength)
            throw RuleViolation.Invalid(field, "too_long", $"'{field}' is longer than {maxLength} characters.");
        return value;
    }
}
