using Wangge.Core.Risk;

namespace Wangge.Bench.Ledger;

/// <summary>
/// A supervision record for the re-rating to read: events over the last three years, concentrated on a minority
/// of businesses as real inspection and complaint records are (a third of the businesses draw about half the events).
/// </summary>
internal static class History
{
    public const string Source = "bench";

    public readonly record struct Event(Guid BusinessId, SupervisionEventKind Kind, DateOnly OccurredOn, bool Failed, string Reference);

    private static readonly (SupervisionEventKind Kind, double Weight, double FailedShare)[] Mix =
    [
        (SupervisionEventKind.Inspection, 0.55, 0.12),
        (SupervisionEventKind.SpotCheck, 0.15, 0.08),
        (SupervisionEventKind.Complaint, 0.15, 1),
        (SupervisionEventKind.Violation, 0.08, 1),
        (SupervisionEventKind.Penalty, 0.04, 1),
        (SupervisionEventKind.RectificationMissed, 0.03, 1),
    ];

    public static List<Event> Generate(IReadOnlyList<Guid> businesses, int count, DateOnly today, int seed)
    {
        var random = new Random(seed);
        var events = new List<Event>(count);
        for (var n = 0; n < count; n++)
        {
            var business = businesses[(int)(businesses.Count * Math.Pow(random.NextDouble(), 2))];
            var u = random.NextDouble();
            var (kind, _, failedShare) = Mix[^1];
            foreach (var m in Mix)
            {
                if (u < m.Weight) { (kind, failedShare) = (m.Kind, m.FailedShare); break; }
                u -= m.Weight;
            }
            var day = today.AddDays(-1 - random.Next(0, 3 * 365));
            events.Add(new Event(business, kind, day, random.NextDouble() < failedShare, $"BENCH-{n + 1:D8}"));
        }
        return events;
    }

    public static string Describe(List<Event> events) =>
        string.Join(", ", events.GroupBy(e => e.Kind).OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} {Report.N(g.Count())}" + (g.Key is SupervisionEventKind.Inspection or SupervisionEventKind.SpotCheck
                ? $" ({Report.N(g.Count(e => e.Failed))} failed)" : "")))
        + $"; {Report.N(events.Select(e => e.BusinessId).Distinct().Count())} businesses have at least one";
}
