using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Businesses;
using Wangge.Core.Common;
using Wangge.Core.Risk;
using Wangge.Data;
using Wangge.Data.Common;

namespace Wangge.Businesses;

public sealed record SupervisionEventInput(SupervisionEventKind? Kind, DateOnly? OccurredOn, bool? Failed, string? Reference, string? Note);

public sealed record SupervisionEventView(Guid Id, SupervisionEventKind Kind, DateOnly OccurredOn, bool Failed, string? Reference,
    string? Note, string Source, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record RiskFactorView(string Factor, int Count, double Points);

public sealed record RiskRatingView(DateTimeOffset RatedAt, double Score, RiskClass Class, FoodRiskLevel FoodLevel, RiskClass EffectiveClass,
    RatingTrigger Trigger, IReadOnlyList<RiskFactorView> Factors, string? Note, string Actor);

public sealed record RiskOverrideView(RiskClass Class, string Reason, DateOnly Until, string By, bool Active);

/// <summary>The risk picture of one business: the computed score factor by factor, the class in force, and how it got there.</summary>
public sealed record RiskView(double Score, RiskClass Class, FoodRiskLevel FoodLevel, RiskClass EffectiveClass, RiskOverrideView? Override,
    IReadOnlyList<RiskFactorView> Factors, DateTimeOffset? RatedAt, double InspectionsPerYear, double SamplingRatio, DateOnly? NextInspectionDue);

public sealed record RiskOverrideInput(RiskClass? Class, string? Reason, DateOnly? Until);

/// <summary>
/// Rates businesses and records what moves their rating. Every path that learns of an inspection, spot
/// check, violation, penalty, complaint or missed rectification calls <see cref="RecordAsync"/>, which
/// re-rates at once and keeps a history entry whenever the class changes.
/// </summary>
public sealed class RiskService(WanggeDbContext db, RiskScorer scorer, TreatmentPolicy treatment, JurisdictionClock clock)
{
    /// <summary>The same rules working through another context (a second transaction of a bulk write).</summary>
    public RiskService For(WanggeDbContext other) => new(other, scorer, treatment, clock);


    private DateOnly Today => clock.Today;

    public async Task<SupervisionEventView> RecordAsync(Guid businessId, SupervisionEventInput input, string source, CancellationToken ct)
    {
        var business = await db.Businesses.FindForWriteAsync(businessId, $"Business {businessId}", ct);
        business.RefuseNewWork("kind");
        var kind = input.Kind ?? throw RuleViolation.Invalid("kind", "required", "'kind' is required.");
        if (!Enum.IsDefined(kind)) throw RuleViolation.Invalid("kind", "kind_unknown", $"'{kind}' is not an event kind.");
        if (kind is SupervisionEventKind.Inspection or SupervisionEventKind.SpotCheck && input.Failed is null)
            throw RuleViolation.Invalid("failed", "required", "An inspection or spot check says whether it failed.");
        var e = new SupervisionEvent(business.Id, kind, input.OccurredOn ?? Today, input.Failed ?? true, input.Reference, input.Note,
            source, clock.GetUtcNow(), db.Caller.Actor, Today);
        // References are unique per business: whether another business, perhaps outside the caller's area, uses the same
        // reference is neither revealed nor able to block this one.
        if (e.Reference is not null && await db.SupervisionEvents.AnyAsync(x => x.BusinessId == business.Id && x.Source == source && x.Reference == e.Reference, ct))
            throw RuleViolation.Conflict("reference", "event_already_recorded", $"This business already has an event with reference '{e.Reference}' from {source}.");
        db.SupervisionEvents.Add(e);
        if (kind is SupervisionEventKind.Inspection or SupervisionEventKind.SpotCheck) business.NoteInspection(e.OccurredOn);
        await RateAsync(business, RatingTrigger.Event, $"{kind} {e.OccurredOn:yyyy-MM-dd}", [e.ToFact()], ct);
        await db.SaveChangesAsync(ct);
        return View(e);
    }

    public async Task<IReadOnlyList<SupervisionEventView>> EventsAsync(Guid businessId, CancellationToken ct)
    {
        await db.Businesses.AsNoTracking().FindForReadAsync(businessId, $"Business {businessId}", ct);
        var events = await db.SupervisionEvents.AsNoTracking().Where(e => e.BusinessId == businessId)
            .OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.RecordedAt).ToListAsync(ct);
        return events.Select(View).ToList();
    }

    public async Task<RiskView> GetAsync(Guid businessId, CancellationToken ct)
    {
        var business = await db.Businesses.AsNoTracking().FindForReadAsync(businessId, $"Business {businessId}", ct);
        var assessment = scorer.Assess(await ProfileAsync(business, [], ct), Today);
        var effective = RiskOverride.Effective(assessment.Class, business.Override, Today);
        var t = treatment.For(effective);
        var due = (business.LastInspectedOn ?? business.OpenedOn).AddDays(treatment.IntervalDays(effective));
        var o = business.Override;
        return new RiskView(assessment.Score, assessment.Class, assessment.FoodLevel, effective,
            o is null ? null : new RiskOverrideView(o.Class, o.Reason, o.Until, o.By, o.IsActiveOn(Today)),
            assessment.Contributions.Select(c => new RiskFactorView(c.Factor, c.Count, c.Points)).ToList(), business.RatedAt,
            t.InspectionsPerYear, t.SamplingRatio, business.Status == BusinessStatus.Operating ? due : null);
    }

    public async Task<IReadOnlyList<RiskRatingView>> HistoryAsync(Guid businessId, CancellationToken ct)
    {
        await db.Businesses.AsNoTracking().FindForReadAsync(businessId, $"Business {businessId}", ct);
        var ratings = await db.RiskRatings.AsNoTracking().Where(r => r.BusinessId == businessId)
            .OrderByDescending(r => r.RatedAt).ThenByDescending(r => r.Id).ToListAsync(ct);
        return ratings.Select(r => new RiskRatingView(r.RatedAt, r.Score, r.Class, r.FoodLevel, r.EffectiveClass, r.Trigger,
            JsonSerializer.Deserialize(r.Factors, FactorJson.Default.ListRiskFactorView) ?? [], r.Note, r.Actor)).ToList();
    }

    public async Task<RiskView> OverrideAsync(Guid businessId, RiskOverrideInput input, CancellationToken ct)
    {
        var business = await db.Businesses.FindForWriteAsync(businessId, $"Business {businessId}", ct);
        var cls = input.Class ?? throw RuleViolation.Invalid("class", "required", "'class' is required.");
        var o = RiskOverride.Create(cls, input.Reason, input.Until ?? throw RuleViolation.Invalid("until", "required", "'until' is required."),
            db.Caller.Actor, Today);
        business.OverrideRisk(o);
        await RateAsync(business, RatingTrigger.Override, o.Reason, [], ct, force: true);
        await db.SaveChangesAsync(ct);
        return await GetAsync(businessId, ct);
    }

    public async Task<RiskView> ClearOverrideAsync(Guid businessId, CancellationToken ct)
    {
        var business = await db.Businesses.FindForWriteAsync(businessId, $"Business {businessId}", ct);
        if (business.Override is null) throw RuleViolation.Conflict("class", "no_override", "The business has no override to clear.");
        business.ClearOverride();
        await RateAsync(business, RatingTrigger.OverrideEnded, null, [], ct, force: true);
        await db.SaveChangesAsync(ct);
        return await GetAsync(businessId, ct);
    }

    /// <summary>
    /// Rates a tracked business and adds a history entry when its class or food level changes (or always,
    /// when forced). <paramref name="pending"/> are events added in this unit of work and not yet saved.
    /// </summary>
    public async Task RateAsync(Business business, RatingTrigger trigger, string? note, IReadOnlyList<SupervisionFact> pending,
        CancellationToken ct, bool force = false)
    {
        var today = Today;
        var before = (business.RatedAt is null ? (RiskClass?)null : business.RiskClass, business.FoodRisk, business.EffectiveClassOn(today));
        var assessment = scorer.Assess(await ProfileAsync(business, pending, ct), today);
        var first = business.RatedAt is null;
        business.Rate(assessment, clock.GetUtcNow());
        var after = ((RiskClass?)business.RiskClass, business.FoodRisk, business.EffectiveClassOn(today));
        if (!force && !first && before == after) return;
        db.RiskRatings.Add(new RiskRating(business.Id, clock.GetUtcNow(), assessment.Score, assessment.Class, assessment.FoodLevel,
            after.Item3, first && trigger != RatingTrigger.Override ? RatingTrigger.Initial : trigger,
            FactorsJson(assessment), note, db.Caller.Actor));
    }

    public static string FactorsJson(RiskAssessment a) =>
        JsonSerializer.Serialize(a.Contributions.Select(c => new RiskFactorView(c.Factor, c.Count, c.Points)).ToList(), FactorJson.Default.ListRiskFactorView);

    private async Task<RiskProfile> ProfileAsync(Business business, IReadOnlyList<SupervisionFact> pending, CancellationToken ct)
    {
        var since = Today.AddYears(-RiskScorer.HistoryYears);
        var facts = await db.SupervisionEvents.AsNoTracking()
            .Where(e => e.BusinessId == business.Id && e.OccurredOn >= since)
            .Select(e => new SupervisionFact(e.Kind, e.OccurredOn, e.Failed)).ToListAsync(ct);
        facts.AddRange(pending);
        return new RiskProfile(business.Sectors, business.Scale, business.KeyIndustry, facts,
            business.Licences.Select(l => new LicenceFact(l.Kind, l.ExpiresOn)).ToList(), business.LastInspectedOn, business.OpenedOn);
    }

    private static SupervisionEventView View(SupervisionEvent e) =>
        new(e.Id, e.Kind, e.OccurredOn, e.Failed, e.Reference, e.Note, e.Source, e.RecordedAt, e.RecordedBy);
}

// Source-generated: an import writes a factor list for every business it creates, a million in a province's ledger.
[JsonSerializable(typeof(List<RiskFactorView>))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class FactorJson : JsonSerializerContext;
