using Wangge.Core.Common;

namespace Wangge.Core.Risk;

/// <summary>
/// Something the supervision record of a business holds — an inspection, a spot check, a violation, a
/// penalty, a complaint, a missed rectification. Recording one re-rates the business at once. Inspections,
/// complaints and imports of other systems' histories all record through this one type.
/// </summary>
public sealed class SupervisionEvent
{
    public const int MaxReferenceLength = 120;
    public const int MaxNoteLength = 1000;

    private SupervisionEvent() { }

    public SupervisionEvent(Guid businessId, SupervisionEventKind kind, DateOnly occurredOn, bool failed, string? reference,
        string? note, string source, DateTimeOffset recordedAt, string recordedBy, DateOnly today)
    {
        if (occurredOn > today)
            throw RuleViolation.Invalid("occurredOn", "event_in_future", "An event cannot be recorded before it happens.");
        if (occurredOn < Businesses.Import.LedgerValues.EarliestDate)
            throw RuleViolation.Invalid("occurredOn", "event_too_early",
                $"An event cannot be dated before {Businesses.Import.LedgerValues.EarliestDate:yyyy-MM-dd}, earlier than any ledger date can be.");
        TextRules.Check(reference, "reference");
        TextRules.Check(note, "note");
        if (reference is { Length: > MaxReferenceLength })
            throw RuleViolation.Invalid("reference", "reference_too_long", $"A reference has at most {MaxReferenceLength} characters.");
        if (note is { Length: > MaxNoteLength })
            throw RuleViolation.Invalid("note", "note_too_long", $"A note has at most {MaxNoteLength} characters.");
        Id = Guid.CreateVersion7();
        BusinessId = businessId;
        Kind = kind;
        OccurredOn = occurredOn;
        // Only checks can pass; a violation, penalty, complaint or missed deadline is by nature a finding.
        Failed = kind is SupervisionEventKind.Inspection or SupervisionEventKind.SpotCheck ? failed : true;
        Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Source = source;
        RecordedAt = recordedAt;
        RecordedBy = recordedBy;
    }

    public Guid Id { get; private set; }
    public Guid BusinessId { get; private set; }
    public SupervisionEventKind Kind { get; private set; }
    public DateOnly OccurredOn { get; private set; }
    public bool Failed { get; private set; }
    /// <summary>The other system's or document's identifier; with the source it makes re-imports idempotent.</summary>
    public string? Reference { get; private set; }
    public string? Note { get; private set; }
    /// <summary>api, lives, inspection…</summary>
    public string Source { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    public SupervisionFact ToFact() => new(Kind, OccurredOn, Failed);
}
