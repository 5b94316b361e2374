namespace Wangge.Core.Businesses.Import;

public enum RowResultKind
{
    /// <summary>The row is valid; <see cref="RowResult.Facts"/> holds it.</summary>
    Facts,
    /// <summary>The row is refused; <see cref="RowResult.Problems"/> lists everything wrong with it.</summary>
    Problems,
    /// <summary>Every cell is empty: the row is not a ledger entry and is not counted.</summary>
    Blank,
}

/// <summary>What <see cref="LedgerRowParser.Parse"/> made of one row: its facts, all its problems, or nothing.</summary>
public sealed class RowResult
{
    private RowResult(RowResultKind kind, int line, BusinessFacts? facts, IReadOnlyList<RowProblem> problems, LedgerCode? code)
    {
        Kind = kind;
        Line = line;
        Facts = facts;
        Problems = problems;
        Code = code;
    }

    public RowResultKind Kind { get; }
    public int Line { get; }

    /// <summary>The parsed row when <see cref="Kind"/> is <see cref="RowResultKind.Facts"/>; otherwise null.</summary>
    public BusinessFacts? Facts { get; }

    /// <summary>Every problem of a refused row, in column order; empty otherwise.</summary>
    public IReadOnlyList<RowProblem> Problems { get; }

    /// <summary>The row's code whenever that cell was valid, even if other cells were not (to name the row in reports).</summary>
    public LedgerCode? Code { get; }

    public bool IsBlank => Kind == RowResultKind.Blank;
    public bool IsValid => Kind == RowResultKind.Facts;

    public static RowResult Blank(int line) => new(RowResultKind.Blank, line, null, [], null);

    public static RowResult Valid(int line, BusinessFacts facts) => new(RowResultKind.Facts, line, facts, [], facts.Code);

    public static RowResult Refused(int line, IReadOnlyList<RowProblem> problems, LedgerCode? code)
    {
        if (problems.Count == 0) throw new ArgumentException("A refused row has at least one problem.", nameof(problems));
        return new RowResult(RowResultKind.Problems, line, null, problems, code);
    }
}
