using Wangge.Core.Common;

namespace Wangge.Core.People;

/// <summary>A person's duty on one grid over a period; history is kept by closing, never deleting.</summary>
public sealed class GridAssignment : IScoped
{
    private GridAssignment() { }

    public GridAssignment(Guid id, Guid personId, Guid gridId, ScopePath gridScope, AssignmentRole role, DateOnly from)
    {
        Id = id;
        PersonId = personId;
        GridId = gridId;
        ScopePathValue = gridScope.Value;
        Role = role;
        From = from;
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid GridId { get; private set; }
    public string ScopePathValue { get; private set; } = "";
    public AssignmentRole Role { get; private set; }
    public DateOnly From { get; private set; }
    /// <summary>Exclusive end; null while the assignment is current.</summary>
    public DateOnly? To { get; private set; }

    /// <summary>The earliest day a roster can name: the founding date no ledger record precedes.</summary>
    public static readonly DateOnly EarliestDay = Businesses.Import.LedgerValues.EarliestDate;
    /// <summary>How far ahead a roster is planned: a term can be entered up to a year before it starts or ends.</summary>
    public const int MaxDaysAhead = 366;

    /// <summary>Refuses a start or end no roster can hold: before <see cref="EarliestDay"/> or more than <see cref="MaxDaysAhead"/> days ahead.</summary>
    public static DateOnly CheckedDay(DateOnly day, string field, DateOnly today)
    {
        if (day < EarliestDay || day > today.AddDays(MaxDaysAhead))
            throw RuleViolation.Invalid(field, "assignment_date_out_of_range",
                $"'{field}' lies between {EarliestDay:yyyy-MM-dd} and {MaxDaysAhead} days from today ({today.AddDays(MaxDaysAhead):yyyy-MM-dd}).");
        return day;
    }

    /// <summary>
    /// Ends a current assignment. Ending is the one change an assignment takes, so it cannot be made twice: a second
    /// end (two editors at once, or a stale page) is refused rather than moving the first one's date.
    /// </summary>
    public void End(DateOnly on)
    {
        if (To is { } ended)
            throw RuleViolation.Conflict("to", "assignment_already_ended", $"The assignment already ended on {ended:yyyy-MM-dd}.");
        if (on < From) throw RuleViolation.Invalid("to", "assignment_end_before_start", "An assignment cannot end before it starts.");
        To = on;
    }
}
