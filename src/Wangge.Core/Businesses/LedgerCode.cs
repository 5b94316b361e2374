using Wangge.Core.Common;

namespace Wangge.Core.Businesses;

public enum LedgerCodeKind
{
    /// <summary>统一社会信用代码, GB 32100-2015.</summary>
    CreditCode,
    /// <summary>The 15-digit registration number (注册号) of an entity registered before credit codes existed.</summary>
    RegistrationNumber,
}

/// <summary>
/// The key of a ledger entry: a unified social credit code, or for entities registered before 2015 and never
/// re-issued, their old 15-digit registration number, whose last digit is an ISO 7064 MOD 11,10 check.
/// </summary>
public readonly record struct LedgerCode(string Value, LedgerCodeKind Kind)
{
    public const int RegistrationNumberLength = 15;

    public static LedgerCode Parse(string? text, string field = "creditCode")
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == RegistrationNumberLength && IsDigits(FoldWidth(trimmed)))
            return new LedgerCode(ParseRegistrationNumber(FoldWidth(trimmed), field), LedgerCodeKind.RegistrationNumber);
        return new LedgerCode(CreditCode.Parse(text, field).Value, LedgerCodeKind.CreditCode);
    }

    public static bool TryParse(string? text, out LedgerCode code)
    {
        try { code = Parse(text); return true; }
        catch (RuleViolation) { code = default; return false; }
    }

    /// <summary>The check digit of the first 14 digits of a registration number (ISO 7064 MOD 11,10).</summary>
    public static char RegistrationCheckDigit(ReadOnlySpan<char> first14)
    {
        var p = 10;
        foreach (var c in first14)
        {
            var s = (p + (c - '0')) % 10;
            if (s == 0) s = 10;
            p = s * 2 % 11;
        }
        return (char)('0' + (11 - p) % 10);
    }

    private static string ParseRegistrationNumber(string digits, string field)
    {
        var expected = RegistrationCheckDigit(digits.AsSpan(0, RegistrationNumberLength - 1));
        if (digits[^1] != expected)
            throw new RuleViolation("registration_number_check", $"The check digit of registration number '{digits}' should be '{expected}'.", field)
            {
                Arguments = [digits, expected.ToString()],
            };
        return digits;
    }

    private static bool IsDigits(string s)
    {
        foreach (var c in s) if (c is < '0' or > '9') return false;
        return true;
    }

    private static string FoldWidth(string s) =>
        string.Create(s.Length, s, (span, src) =>
        {
            for (var i = 0; i < src.Length; i++) span[i] = src[i] is >= '\uFF10' and <= '\uFF19' ? (char)(src[i] - 0xFEE0) : src[i];
        });

    public override string ToString() => Value;
}
