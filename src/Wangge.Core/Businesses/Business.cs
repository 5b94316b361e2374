using System.Linq.Expressions;
using NetTopologySuite.Geometries;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Core.Risk;

namespace Wangge.Core.Businesses;

/// <summary>A market entity (市场主体) in the ledger, placed in exactly one bottom grid.</summary>
public sealed class Business : IScoped, IVersioned
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 300;
    public const int MaxPersonLength = 50;
    public const int MaxPhoneLength = 40;

    private readonly List<Licence> _licences = [];

    private Business() { }

    public Business(Guid id, CreditCode creditCode, string name, BusinessKind kind, Sector sector, BusinessScale scale,
        string address, Point location, DateOnly openedOn)
    {
        Id = id;
        CreditCode = creditCode.Value;
        CodeKind = LedgerCodeKind.CreditCode;
        Rename(name);
        Kind = kind;
        Sector = sector;
        SectorMask = SectorSet.Bit(sector);
        Scale = scale;
        Address = CheckedText(address, "address", MaxAddressLength);
        Location = location;
        OpenedOn = openedOn;
        Status = BusinessStatus.Operating;
    }

    /// <summary>A new ledger entry from facts already validated field by field (import, API).</summary>
    public static Business From(Guid id, BusinessFacts facts, Point location)
    {
        var b = new Business { Id = id, CreditCode = facts.Code.Value, CodeKind = facts.Code.Kind };
        b.Set(facts, location);
        return b;
    }

    public Guid Id { get; private set; }
    /// <summary>The ledger key: a credit code, or an old registration number (see <see cref="CodeKind"/>).</summary>
    public string CreditCode { get; private set; } = "";
    public LedgerCodeKind CodeKind { get; private set; }
    public string Name { get; private set; } = "";
    public BusinessKind Kind { get; private set; }
    /// <summary>The main line of work (主营), which also heads <see cref="Sectors"/>.</summary>
    public Sector Sector { get; private set; }
    public int SectorMask { get; private set; }
    public SectorSet Sectors => new(SectorMask);
    public BusinessScale Scale { get; private set; }
    public bool KeyIndustry { get; set; }
    public string Address { get; private set; } = "";
    public string? LegalRepresentative { get; set; }
    public string? ContactPerson { get; private set; }
    public string? ContactPhone { get; private set; }
    public Point Location { get; private set; } = Point.Empty;
    public BusinessStatus Status { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    /// <summary>Since when the current status holds (suspension or closure date); null for operating since opening.</summary>
    public DateOnly? StatusSince { get; private set; }
    /// <summary>
    /// The licences in ledger order (<see cref="Licence.LedgerOrder"/>). They are a set: a database returns an owned
    /// collection in no particular order, and a file may list them in any order, neither of which is a change.
    /// </summary>
    /// <summary>The state of its worst licence on <paramref name="day"/> (valid when it holds none): what the ledger shows and counts.</summary>
    public LicenceState LicenceStateOn(DateOnly day) => _licences.Count == 0 ? LicenceState.Valid : _licences.Max(l => l.StateOn(day));

    public IReadOnlyList<Licence> Licences => _licences.Count < 2 ? _licences : [.. _licences.Order(Licence.LedgerOrder)];
    public Guid? GridId { get; private set; }
    /// <summary>The bottom grid's scope path; an unplaced business sits at the district's root.</summary>
    public string ScopePathValue { get; private set; } = "";
    /// <summary>
    /// The number of the latest version of this record; the data layer appends a version whenever it grows. Changes of
    /// ledger facts (licences included) advance it; risk decisions and inspections, which keep their own history, do not.
    /// </summary>
    public int Version { get; set; }

    /// <summary>The latest computed rating (before any override).</summary>
    public CurrentRating Rating { get; private set; } = CurrentRating.Unrated();
    public double RiskScore => Rating.Score;
    public RiskClass RiskClass => Rating.Class;
    public FoodRiskLevel FoodRisk => Rating.FoodLevel;
    public DateTimeOffset? RatedAt => Rating.RatedAt;
    public DateOnly? LastInspectedOn { get; private set; }
    public RiskClass? OverrideClass { get; private set; }
    public string? OverrideReason { get; private set; }
    public DateOnly? OverrideUntil { get; private set; }
    public string? OverrideBy { get; private set; }

    public RiskOverride? Override => OverrideClass is { } c && OverrideReason is { } r && OverrideUntil is { } u
        ? new RiskOverride(c, r, u, OverrideBy ?? "") : null;

    /// <summary>The class that decides treatment today: a manager's unexpired override, else the computed one.</summary>
    public RiskClass EffectiveClassOn(DateOnly day) => RiskOverride.Effective(RiskClass, OverrideClass, OverrideUntil, day);

    /// <summary><see cref="EffectiveClassOn"/> equal to <paramref name="cls"/>, as a query the database runs (the same rule, inlined).</summary>
    public static Expression<Func<Business, bool>> EffectiveClassIs(RiskClass cls, DateOnly day)
    {
        var b = Expression.Parameter(typeof(Business), "b");
        var effective = ExpressionRules.Inline(RiskOverride.Rule,
            Expression.Property(Expression.Property(b, nameof(Rating)), nameof(CurrentRating.Class)),
            Expression.Property(b, nameof(OverrideClass)), Expression.Property(b, nameof(OverrideUntil)), ExpressionRules.Value(day));
        return Expression.Lambda<Func<Business, bool>>(Expression.Equal(effective, ExpressionRules.Value(cls)), b);
    }

    /// <summary>
    /// <see cref="LicenceStateOn"/> equal to <paramref name="state"/>, as a query the database runs: a business's state is
    /// its worst licence's, so it is expired when any licence is, expiring soon when none is but one is due, else valid.
    /// </summary>
    public static Expression<Func<Business, bool>> LicenceStateIs(LicenceState state, DateOnly day)
    {
        var b = Expression.Parameter(typeof(Business), "b");
        Expression Any(Expression<Func<Licence, DateOnly, bool>> rule)
        {
            var l = Expression.Parameter(typeof(Licence), "l");
            var test = Expression.Lambda<Func<Licence, bool>>(ExpressionRules.Inline(rule, l, ExpressionRules.Value(day)), l);
            return Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(Licence)], Expression.Property(b, nameof(Licences)), test);
        }
        Expression body = state switch
        {
            LicenceState.Expired => Any(Licence.ExpiredRule),
            LicenceState.ExpiringSoon => Expression.AndAlso(Expression.Not(Any(Licence.ExpiredRule)), Any(Licence.DueRule)),
            LicenceState.Valid => Expression.Not(Any(Licence.DueRule)),
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a licence state"),
        };
        return Expression.Lambda<Func<Business, bool>>(body, b);
    }

    public void Rename(string name) => Name = CheckedText(name, "name", MaxNameLength);

    public void MoveTo(string address, Point location)
    {
        Address = CheckedText(address, "address", MaxAddressLength);
        Location = location;
    }

    /// <summary>Brings the record in line with <paramref name="facts"/>; says whether anything differed.</summary>
    public bool Apply(BusinessFacts facts, Point location)
    {
        if (facts.Code.Value != CreditCode)
            throw RuleViolation.Invalid("creditCode", "credit_code_immutable", "A business's credit code does not change; register a new business instead.");
        var before = Snapshot();
        Set(facts, location);
        return before != Snapshot();
    }

    private void Set(BusinessFacts facts, Point location)
    {
        if (facts.StatusSince is { } since && since < facts.OpenedOn)
            throw RuleViolation.Invalid("statusSince", "status_before_opening", "A status cannot start before the business opened.");
        Rename(facts.Name);
        Kind = facts.Kind;
        Sector = facts.Sector;
        SectorMask = facts.Sectors.With(facts.Sector).Mask;
        Scale = facts.Scale;
        KeyIndustry = facts.KeyIndustry;
        Address = CheckedText(facts.Address, "address", MaxAddressLength);
        // Coordinates are compared at the precision a version keeps (1e-7°, about 1 cm): a file written with fewer
        // decimals than the stored point is not a move.
        if (Location.IsEmpty || Math.Abs(Location.X - location.X) > 5e-8 || Math.Abs(Location.Y - location.Y) > 5e-8) Location = location;
        LegalRepresentative = Optional(facts.LegalRepresentative, "legalRepresentative", MaxPersonLength);
        ContactPerson = Optional(facts.ContactPerson, "contactPerson", MaxPersonLength);
        ContactPhone = Optional(facts.ContactPhone, "contactPhone", MaxPhoneLength);
        Status = facts.Status;
        OpenedOn = facts.OpenedOn;
        StatusSince = facts.Status == BusinessStatus.Operating ? facts.StatusSince : facts.StatusSince ?? StatusSince;
        var licences = facts.Licences.Select(l => new Licence(l.Kind, l.Number, l.Scope, l.IssuedOn, l.ExpiresOn))
            .Order(Licence.LedgerOrder).ToList();
        if (!licences.SequenceEqual(Licences, Licence.LedgerOrder))
        {
            _licences.Clear();
            _licences.AddRange(licences);
        }
    }

    public void PlaceIn(Grid grid)
    {
        if (grid.Level != GridLevelKind.Grid)
            throw RuleViolation.Invalid("gridCode", "business_needs_bottom_grid", "A business is placed in a bottom grid.");
        GridId = grid.Id;
        ScopePathValue = grid.ScopePathValue;
    }

    /// <summary>Leaves the business unplaced, visible at the jurisdiction's root until a grid takes it.</summary>
    public void Unplace(ScopePath jurisdiction)
    {
        GridId = null;
        ScopePathValue = jurisdiction.Value;
    }

    public void ChangeStatus(BusinessStatus status, DateOnly? since = null)
    {
        if (since is { } s && s < OpenedOn)
            throw RuleViolation.Invalid("on", "status_before_opening", "A status cannot start before the business opened.");
        Status = status;
        StatusSince = since;
    }

    /// <summary>
    /// The day a closure takes effect: the stated one, or today; never a day still to come, since a closure is recorded
    /// once it has happened. Every way of closing (the close operation, a change of status) goes through it.
    /// </summary>
    public static DateOnly ClosureDay(DateOnly? on, DateOnly today, string field)
    {
        var day = on ?? today;
        if (day > today) throw RuleViolation.Invalid(field, "date_in_future", "A closure is recorded once it has happened.");
        return day;
    }

    /// <summary>Closure (注销/吊销): the record stays in the ledger, with its history, marked closed.</summary>
    public void Close(DateOnly on)
    {
        // The date is checked before the state, so that a wrong date is named as such even on a closed record.
        if (on < OpenedOn)
            throw RuleViolation.Invalid("on", "status_before_opening", "A status cannot start before the business opened.");
        if (Status == BusinessStatus.Closed)
            throw RuleViolation.Conflict("status", "business_already_closed", $"The business has been closed since {StatusSince}.");
        ChangeStatus(BusinessStatus.Closed, on);
    }

    /// <summary>
    /// A closed business takes no new work: no event and no licence is recorded on it, from a page or the API alike.
    /// What it was is kept as it was; reopening it (a change of status) is the way back.
    /// </summary>
    public void RefuseNewWork(string field)
    {
        if (Status == BusinessStatus.Closed)
            throw RuleViolation.Conflict(field, "business_closed",
                $"The business has been closed since {StatusSince:yyyy-MM-dd}; a closed business takes no new events or licences.");
    }

    /// <summary>Records the outcome of a rating; the computed class stays separate from any override.</summary>
    public void Rate(RiskAssessment assessment, DateTimeOffset at)
    {
        Rating.Record(assessment, at);
    }

    public void NoteInspection(DateOnly on)
    {
        if (LastInspectedOn is null || on > LastInspectedOn) LastInspectedOn = on;
    }

    public void OverrideRisk(RiskOverride riskOverride)
    {
        OverrideClass = riskOverride.Class;
        OverrideReason = riskOverride.Reason;
        OverrideUntil = riskOverride.Until;
        OverrideBy = riskOverride.By;
    }

    public void ClearOverride()
    {
        OverrideClass = null;
        OverrideReason = null;
        OverrideUntil = null;
        OverrideBy = null;
    }

    /// <summary>The ledger facts of this record (what a version keeps), without the risk fields that have their own history.</summary>
    public BusinessSnapshot Snapshot() => new(CreditCode, CodeKind, Name, Kind, Sector, SectorMask, Scale, KeyIndustry, Address,
        Math.Round(Location.X, 7), Math.Round(Location.Y, 7), LegalRepresentative, ContactPerson, ContactPhone, Status, OpenedOn, StatusSince,
        GridId, string.Join("|", Licences.Select(l => $"{l.Kind};{l.Number};{l.Scope};{l.IssuedOn:yyyy-MM-dd};{l.ExpiresOn:yyyy-MM-dd}")));

    private static string? Optional(string? text, string field, int max)
    {
        TextRules.Check(text, field);
        var t = text?.Trim();
        if (t is null || TextRules.IsBlank(t)) return null;
        if (t.Length > max) throw RuleViolation.Invalid(field, $"business_{field}_too_long", $"The {field} is longer than {max} characters.");
        return t;
    }

    private static string CheckedText(string? text, string field, int max)
    {
        TextRules.Check(text, field);
        var t = text?.Trim() ?? "";
        if (TextRules.IsBlank(t)) throw RuleViolation.Invalid(field, $"business_{field}_required", $"The business's {field} is required.");
        if (t.Length > max) throw RuleViolation.Invalid(field, $"business_{field}_too_long", $"The {field} is longer than {max} characters.");
        return t;
    }
}

/// <summary>What one version of a ledger entry says; compared field by field to show what changed.</summary>
public sealed record BusinessSnapshot(string Code, LedgerCodeKind CodeKind, string Name, BusinessKind Kind, Sector Sector, int SectorMask,
    BusinessScale Scale, bool KeyIndustry, string Address, double Lon, double Lat, string? LegalRepresentative, string? ContactPerson,
    string? ContactPhone, BusinessStatus Status, DateOnly OpenedOn, DateOnly? StatusSince, Guid? GridId, string Licences);
