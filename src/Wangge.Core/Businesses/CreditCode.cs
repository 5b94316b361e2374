using System.Text;
using Wangge.Core.Common;

namespace Wangge.Core.Businesses;

/// <summary>
/// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character alphabet
/// (no I, O, Z, S, V), the last one a check character over the first 17 with weights 3^i mod 31.
/// </summary>
public readonly record struct CreditCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    public const int Length = 18;
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private CreditCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>Parses a code, accepting lowercase and full-width forms (unambiguous), refusing anything else.</summary>
    public static CreditCode Parse(string? text, string field = "creditCode")
    {
        var normal = Normalise(text);
        if (normal.Length != Length)
            throw RuleViolation.Invalid(field, "credit_code_length", $"A credit code has {Length} characters; '{text}' has {normal.Length}.");
        foreach (var c in normal)
            if (!Alphabet.Contains(c))
                throw RuleViolation.Invalid(field, "credit_code_character", $"'{c}' is not allowed in a credit code (GB 32100-2015).");
        var expected = CheckCharacter(normal.AsSpan(0, Length - 1));
        if (normal[^1] != expected)
            throw new RuleViolation("credit_code_check", $"The check character of '{normal}' should be '{expected}'.", field) { Arguments = [normal, expected.ToString()] };
        return new CreditCode(normal);
    }

    public static bool TryParse(string? text, out CreditCode code)
    {
        try { code = Parse(text); return true; }
        catch (RuleViolation) { code = default; return false; }
    }

    /// <summary>The check character for the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1) throw new ArgumentException("Seventeen characters are needed.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var v = Alphabet.IndexOf(first17[i]);
            if (v < 0) throw new ArgumentException($"'{first17[i]}' is not in the alphabet.", nameof(first17));
            sum += v * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>The check character of the 9-character organisation code inside (GB 11714).</summary>
    public static char OrganisationCheck(ReadOnlySpan<char> first8)
    {
        int[] w = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 8; i++)
            sum += (char.IsDigit(first8[i]) ? first8[i] - '0' : first8[i] - 'A' + 10) * w[i];
        var c = 11 - sum % 11;
        return c switch { 10 => 'X', 11 => '0', _ => (char)('0' + c) };
    }

    private static string Normalise(string? text)
    {
        if (text is null) return "";
        var sb = new StringBuilder(text.Length);
        foreach (var raw in text.Trim())
        {
            // Full-width forms (U+FF01–U+FF5E) map one-to-one to ASCII, so folding them is unambiguous.
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }

    public override string ToString() => Value;
}
