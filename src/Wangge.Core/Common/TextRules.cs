using System.Buffers;

namespace Wangge.Core.Common;

/// <summary>
/// What text a record may hold, the same for every field, every database and every way in (API, page, import, CLI).
/// Refused: control characters other than tab and line breaks (a NUL cannot be stored by PostgreSQL at all, and the
/// others print as nothing), and the bidirectional embedding, override and isolate controls U+202A–U+202E and
/// U+2066–U+2069, which make a name read differently from what it holds ("Trojan Source", CVE-2021-42574).
/// A name of only spaces and zero-width characters counts as no name.
/// </summary>
public static class TextRules
{
    private static readonly SearchValues<char> Refused = SearchValues.Create(
        [.. Range('\u0000', '\u0008'), '\u000b', '\u000c', .. Range('\u000e', '\u001f'), .. Range('\u007f', '\u009f'),
         .. Range('\u202a', '\u202e'), .. Range('\u2066', '\u2069')]);

    /// <summary>Characters that take no room on screen: zero-width space, joiners, word joiner, byte-order mark, soft hyphen.</summary>
    private static readonly SearchValues<char> Invisible = SearchValues.Create(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']);

    /// <summary>Where the first refused character is, or -1.</summary>
    public static int IndexOfRefused(ReadOnlySpan<char> text) => text.IndexOfAny(Refused);

    /// <summary>Why <paramref name="text"/> cannot be stored, or null when it can.</summary>
    public static string? Problem(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAny(Refused);
        if (i < 0) return null;
        var c = text[i];
        var what = c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' ? "a text-direction control" : "a control character";
        return $"holds {what} (U+{(int)c:X4}) at position {i + 1}; only visible text, tabs and line breaks are accepted";
    }

    /// <summary>True when the text shows nothing: empty, or only whitespace and zero-width characters.</summary>
    public static bool IsBlank(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!char.IsWhiteSpace(c) && !Invisible.Contains(c)) return false;
        return true;
    }

    /// <summary>Refuses text that <see cref="Problem"/> finds fault with, naming <paramref name="field"/>.</summary>
    public static void Check(string? text, string field)
    {
        if (text is not null && Problem(text) is { } why)
            throw RuleViolation.Invalid(field, "text_refused_character", $"'{field}' {why}.");
    }

    /// <summary>A required one-line value: trimmed, visible, at most <paramref name="max"/> characters.</summary>
    public static string Required(string? text, string field, int max, string code = "required")
    {
        Check(text, field);
        if (text is null || IsBlank(text)) throw RuleViolation.Invalid(field, code, $"'{field}' is required.");
        var t = text.Trim();
        if (t.Length > max) throw RuleViolation.Invalid(field, "too_long", $"'{field}' is longer than {max} characters.");
        return t;
    }

    /// <summary>An optional value: null when blank, else as <see cref="Required"/>.</summary>
    public static string? Optional(string? text, string field, int max) =>
        text is null || (IsBlank(text) && Problem(text) is null) ? null : Required(text, field, max);

    private static IEnumerable<char> Range(char from, char to)
    {
        for (var c = from; c <= to; c++) yield return c;
    }
}
