using System.Globalization;

namespace Wangge.Core.Businesses.Import;

/// <summary>
/// CSV injection: a spreadsheet runs a cell that begins with = + - @ (or a tab or carriage return before one) as a formula.
/// An exported text cell that begins so is written with a leading apostrophe, which spreadsheets show as text (OWASP,
/// "CSV Injection"); reading a ledger CSV takes that apostrophe off again, so export → import gives back the same value.
/// </summary>
public static class FormulaGuard
{
    private static bool Triggers(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The cell as it is written to a CSV file. A plain number such as -23.5 stays as it is: it computes nothing.</summary>
    public static string Guard(string text) =>
        text.Length > 0 && Triggers(text[0]) && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "'" + text : text;

    /// <summary>The value of a cell read from a CSV file: an apostrophe that <see cref="Guard"/> put there is dropped.</summary>
    public static string? Unguard(string? cell) => cell is ['\'', var next, ..] && Triggers(next) ? cell[1..] : cell;
}
