using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Wangge.Core.Businesses;
using Wangge.Core.Businesses.Import;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Core.Risk;
using Wangge.Data;
using Wangge.Data.Businesses;
using Wangge.Data.Common;
using Wangge.Geo;
using Wangge.Geo.Crs;
using Wangge.Hosting;

namespace Wangge.Businesses;

public sealed record LicenceView(LicenceKind Kind, string Number, string? Scope, DateOnly? IssuedOn, DateOnly? ExpiresOn, LicenceState State);

public sealed record BusinessView(Guid Id, string CreditCode, LedgerCodeKind CodeKind, string Name, BusinessKind Kind, Sector Sector,
    IReadOnlyList<Sector> Sectors, BusinessScale Scale, bool KeyIndustry, string Address, double Lon, double Lat, BusinessStatus Status,
    DateOnly OpenedOn, DateOnly? StatusSince, string? GridCode, string? GridName, string? LegalRepresentative, string? ContactPerson,
    string? ContactPhone, RiskClass RiskClass, FoodRiskLevel FoodRisk, double RiskScore, LicenceState LicenceState,
    IReadOnlyList<LicenceView> Licences, int Version) : IVersioned;

public sealed record BusinessPage(IReadOnlyList<BusinessView> Items, int Total, int Page, int PageSize);

/// <summary>Filters of a ledger search; every one optional.</summary>
public sealed record BusinessFilter(string? Grid = null, string? Q = null, Sector? Sector = null, bool? KeyIndustry = null,
    RiskClass? RiskClass = null, BusinessStatus? Status = null, LicenceState? Licence = null, bool? Unplaced = null);

public sealed record LicenceInput(LicenceKind? Kind, string? Number, string? Scope, DateOnly? IssuedOn, DateOnly? ExpiresOn);

/// <summary>
/// A business as an API client states it. On create, the required fields must be there; on update, a field
/// left out (null) keeps its value. Coordinates are WGS-84 unless <see cref="Crs"/> says gcj02. An update names the
/// version it was made from, in If-Match or as <see cref="Version"/>.
/// </summary>
public sealed record BusinessInput(string? CreditCode = null, string? Name = null, BusinessKind? Kind = null, Sector? Sector = null,
    IReadOnlyList<Sector>? Sectors = null, BusinessScale? Scale = null, bool? KeyIndustry = null, string? Address = null,
    double? Lon = null, double? Lat = null, string? Crs = null, string? LegalRepresentative = null, string? ContactPerson = null,
    string? ContactPhone = null, BusinessStatus? Status = null, DateOnly? OpenedOn = null, DateOnly? StatusSince = null,
    IReadOnlyList<LicenceInput?>? Licences = null, int? Version = null);

public sealed record CloseInput(DateOnly? On, string? Reason, int? Version = null);

public sealed record FieldChange(string Field, string? Before, string? After);

public sealed record BusinessVersionView(int Number, DateTimeOffset ValidFrom, string Actor, string Change, string Name,
    BusinessStatus Status, IReadOnlyList<FieldChange> Changes);

/// <summary>The ledger's reads and writes; every query goes through the caller's scope filter.</summary>
public sealed class BusinessService(WanggeDbContext db, RiskService risk, JurisdictionClock clock)
{
    public const int MaxPageSize = 500;
    /// <summary>The deepest a search pages: no ledger of a district holds more, and the offset must fit the databases' integers.</summary>
    public const int MaxOffset = 10_000_000;
    /// <summary>A business holds a handful of licences; a list longer than this is a mistake or an attack, not a record.</summary>
    public const int MaxLicences = 50;
    /// <summary>The reason given with a closure (not kept yet: the status and its date are the record).</summary>
    public const int MaxCloseReasonLength = 500;

    private DateOnly Today => clock.Today;

    public async Task<BusinessPage> SearchAsync(BusinessFilter filter, int page, int pageSize, CancellationToken ct)
    {
        if (page < 1) throw RuleViolation.Invalid("page", "page_invalid", "Pages start at 1.");
        if (pageSize is < 1 or > MaxPageSize) throw RuleViolation.Invalid("pageSize", "page_size_invalid", $"pageSize is 1–{MaxPageSize}.");
        if ((long)(page - 1) * pageSize > MaxOffset)
            throw RuleViolation.Invalid("page", "page_too_large", $"page × pageSize may not pass {MaxOffset:N0}; narrow the search instead.");
        var query = await FilterAsync(db.Businesses.AsNoTracking(), filter, ct);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(b => b.Name).ThenBy(b => b.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new BusinessPage(await ViewsAsync(items, ct), total, page, pageSize);
    }

    /// <summary>The caller's businesses narrowed by <paramref name="filter"/>; shared by search, ledgers and exports.</summary>
    public async Task<IQueryable<Business>> FilterAsync(IQueryable<Business> query, BusinessFilter filter, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(filter.Grid))
        {
            var grid = await CurrentGridAsync(filter.Grid, ct);
            var prefix = grid.ScopePathValue;
            query = query.Where(b => b.ScopePathValue.StartsWith(prefix));
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var t = filter.Q.Trim();
            var code = t.ToUpperInvariant();
            query = query.Where(b => b.Name.Contains(t) || b.CreditCode.Contains(code) || b.Address.Contains(t));
        }
        if (filter.Sector is { } sector)
        {
            var bit = SectorSet.Bit(sector);
            query = query.Where(b => (b.SectorMask & bit) != 0);
        }
        if (filter.KeyIndustry is { } key) query = query.Where(b => b.KeyIndustry == key);
        if (filter.Unplaced is { } unplaced) query = query.Where(b => (b.GridId == null) == unplaced);
        if (filter.Status is { } status) query = query.Where(b => b.Status == status);
        var today = Today;
        if (filter.RiskClass is { } cls) query = query.Where(Business.EffectiveClassIs(cls, today));
        if (filter.Licence is { } state)
        {
            // A number in the query string binds to any value of the enum; only the three states are states.
            if (!Enum.IsDefined(state))
                throw RuleViolation.Invalid("licence", "licence_state_unknown", $"'{state}' is not a licence state (Valid, ExpiringSoon, Expired).");
            query = query.Where(Business.LicenceStateIs(state, today));
        }
        return query;
    }

    public async Task<Grid> CurrentGridAsync(string gridCode, CancellationToken ct, string field = "grid")
    {
        var code = GridCode.Parse(gridCode, field);
        return await db.Grids.AsNoTracking().FirstOrDefaultAsync(g => g.Code == code.Value && g.ValidTo == null, ct)
               ?? throw RuleViolation.NotFound($"Grid {code}");
    }

    public async Task<BusinessView> GetAsync(Guid id, CancellationToken ct)
    {
        var business = await db.Businesses.AsNoTracking().FindForReadAsync(id, $"Business {id}", ct);
        return (await ViewsAsync([business], ct))[0];
    }

    public async Task<BusinessView> CreateAsync(BusinessInput input, CancellationToken ct)
    {
        var code = LedgerCode.Parse(Require.Present(input.CreditCode, "creditCode", 40));
        await RefuseTakenCodeAsync(code, ct);
        var first = FirstSector(input.Sectors);
        var sector = input.Sector ?? first ?? throw RuleViolation.Invalid("sector", "required", "'sector' is required.");
        var facts = new BusinessFacts(code, input.Name ?? "", input.Kind ?? throw RuleViolation.Invalid("kind", "required", "'kind' is required."),
            sector, SectorSet.Of(input.Sectors ?? [sector]), input.Scale ?? BusinessScale.Small, input.KeyIndustry ?? false,
            input.Address ?? "", 0, 0, input.LegalRepresentative, input.ContactPerson, input.ContactPhone,
            input.Status ?? BusinessStatus.Operating, input.OpenedOn ?? Today, input.StatusSince, Licences(input.Licences) ?? []);
        CheckDates(facts);
        var business = Business.From(Guid.CreateVersion7(), facts, PointOf(input.Lon, input.Lat, input.Crs));
        PlaceInJurisdiction(await GridPlacer.LoadAsync(db, ct), business);
        db.Businesses.Add(business);
        await risk.RateAsync(business, RatingTrigger.Initial, null, [], ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(business.Id, ct);
    }

    /// <summary>Applies <paramref name="input"/> to the version <paramref name="expectedVersion"/> the writer read, and only to it.</summary>
    public async Task<BusinessView> ChangeAsync(Guid id, int? expectedVersion, BusinessInput input, CancellationToken ct)
    {
        var business = await db.Businesses.FindForWriteAsync(id, $"Business {id}", ct);
        VersionRules.Check(business, expectedVersion, $"Business {id}");
        if (input.CreditCode is not null && LedgerCode.Parse(input.CreditCode).Value != business.CreditCode)
            throw RuleViolation.Invalid("creditCode", "credit_code_immutable", "A business's credit code does not change; register a new business instead.");
        var s = business.Snapshot();
        var first = FirstSector(input.Sectors);
        var sector = input.Sector ?? first ?? s.Sector;
        var facts = new BusinessFacts(new LedgerCode(s.Code, s.CodeKind), input.Name ?? s.Name, input.Kind ?? s.Kind, sector,
            input.Sectors is null ? new SectorSet(s.SectorMask).With(sector) : SectorSet.Of(input.Sectors), input.Scale ?? s.Scale,
            input.KeyIndustry ?? s.KeyIndustry, input.Address ?? s.Address, 0, 0,
            input.LegalRepresentative ?? s.LegalRepresentative, input.ContactPerson ?? s.ContactPerson, input.ContactPhone ?? s.ContactPhone,
            input.Status ?? s.Status, input.OpenedOn ?? s.OpenedOn, input.StatusSince ?? s.StatusSince,
            Licences(input.Licences) ?? business.Licences.Select(l => new LicenceFacts(l.Kind, l.Number, l.Scope, l.IssuedOn, l.ExpiresOn)).ToList());
        if (s.Status == BusinessStatus.Closed && facts.Status == BusinessStatus.Closed && input.Licences is not null
            && !facts.Licences.Select(ToLicence).Order(Licence.LedgerOrder).SequenceEqual(business.Licences, Licence.LedgerOrder))
            business.RefuseNewWork("licences");
        // Closing by a change of status follows the rules of closing: a date that has come, not before the opening.
        if (facts.Status == BusinessStatus.Closed && s.Status != BusinessStatus.Closed)
            facts = facts with { StatusSince = Business.ClosureDay(input.StatusSince, Today, "statusSince") };
        CheckDates(facts);
        var moved = input.Lon is not null || input.Lat is not null;
        if (!moved && input.Crs is not null) PointOf(0, 0, input.Crs);
        var location = moved ? PointOf(input.Lon, input.Lat, input.Crs) : business.Location;
        if (!business.Apply(facts, location)) return await GetAsync(id, ct);
        if (moved) PlaceInJurisdiction(await GridPlacer.LoadAsync(db, ct), business);
        await risk.RateAsync(business, RatingTrigger.RecordChanged, null, [], ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<BusinessView> CloseAsync(Guid id, int? expectedVersion, CloseInput input, CancellationToken ct)
    {
        var business = await db.Businesses.FindForWriteAsync(id, $"Business {id}", ct);
        VersionRules.Check(business, expectedVersion, $"Business {id}");
        TextRules.Optional(input.Reason, "reason", MaxCloseReasonLength);
        business.Close(Business.ClosureDay(input.On, Today, "on"));
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<IReadOnlyList<BusinessVersionView>> HistoryAsync(Guid id, CancellationToken ct)
    {
        await db.Businesses.AsNoTracking().FindForReadAsync(id, $"Business {id}", ct);
        // A version made while the business sat in another grid is still this business's history.
        var versions = await db.BusinessVersions.Unscoped(UnscopedReason.History).AsNoTracking().Where(v => v.BusinessId == id)
            .OrderBy(v => v.Number).ToListAsync(ct);
        var grids = await GridNamesAsync(versions.Select(v => v.GridId), ct);
        var views = new List<BusinessVersionView>();
        BusinessSnapshot? previous = null;
        foreach (var v in versions)
        {
            var snapshot = VersionRecorder.Deserialise(v.Snapshot);
            views.Add(new BusinessVersionView(v.Number, v.ValidFrom, v.Actor, v.Change, v.Name, v.Status, Diff(previous, snapshot, grids)));
            previous = snapshot;
        }
        views.Reverse();
        return views;
    }

    /// <summary>The record as it stood at <paramref name="at"/>: the latest version that began by then.</summary>
    public async Task<BusinessSnapshot?> AsOfAsync(Guid id, DateTimeOffset at, CancellationToken ct)
    {
        await db.Businesses.AsNoTracking().FindForReadAsync(id, $"Business {id}", ct);
        var v = await db.BusinessVersions.Unscoped(UnscopedReason.History).AsNoTracking()
            .Where(x => x.BusinessId == id && x.ValidFrom <= at).OrderByDescending(x => x.Number).FirstOrDefaultAsync(ct);
        return v is null ? null : VersionRecorder.Deserialise(v.Snapshot);
    }

    private static List<FieldChange> Diff(BusinessSnapshot? before, BusinessSnapshot? after, IReadOnlyDictionary<Guid, string> grids)
    {
        var changes = new List<FieldChange>();
        if (after is null) return changes;
        foreach (var p in typeof(BusinessSnapshot).GetProperties())
        {
            var a = Show(p.Name, p.GetValue(after), grids);
            var b = before is null ? null : Show(p.Name, p.GetValue(before), grids);
            if (before is null ? a is not null && a.Length > 0 : a != b) changes.Add(new FieldChange(char.ToLowerInvariant(p.Name[0]) + p.Name[1..], b, a));
        }
        return changes;
    }

    private static string? Show(string field, object? value, IReadOnlyDictionary<Guid, string> grids) => value switch
    {
        null => null,
        Guid g when field == nameof(BusinessSnapshot.GridId) => grids.TryGetValue(g, out var code) ? code : g.ToString(),
        int mask when field == nameof(BusinessSnapshot.SectorMask) => new SectorSet(mask).ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd"),
        double x => x.ToString("0.#######", System.Globalization.CultureInfo.InvariantCulture),
        bool f => f ? "true" : "false",
        _ => value.ToString(),
    };

    private async Task<IReadOnlyDictionary<Guid, string>> GridNamesAsync(IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var list = ids.Where(i => i is not null).Select(i => i!.Value).Distinct().ToList();
        return await db.Grids.Unscoped(UnscopedReason.ReferencedLabels).AsNoTracking().Where(g => list.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Code, ct);
    }

    private void CheckDates(BusinessFacts facts)
    {
        if (facts.OpenedOn > Today) throw RuleViolation.Invalid("openedOn", "date_in_future", "'openedOn' cannot be in the future.");
        if (facts.OpenedOn < new DateOnly(1949, 10, 1)) throw RuleViolation.Invalid("openedOn", "date_too_early", "'openedOn' is before 1949-10-01.");
        if (facts.StatusSince is { } s && s > Today) throw RuleViolation.Invalid("statusSince", "date_in_future", "'statusSince' cannot be in the future.");
        for (var i = 0; i < facts.Licences.Count; i++)
        {
            var l = facts.Licences[i];
            if (l.IssuedOn is { } issued && (issued > Today || LedgerValues.IsTooEarly(issued)))
                throw RuleViolation.Invalid($"licences[{i}].issuedOn", "licence_issued_out_of_range",
                    $"A licence is issued between {LedgerValues.EarliestDate:yyyy-MM-dd} and today.");
            if (l.ExpiresOn is { } expires && (expires > Today.AddYears(Licence.MaxYearsValid) || LedgerValues.IsTooEarly(expires)))
                throw RuleViolation.Invalid($"licences[{i}].expiresOn", "licence_expiry_out_of_range",
                    $"A licence expires between {LedgerValues.EarliestDate:yyyy-MM-dd} and {Licence.MaxYearsValid} years from today.");
        }
    }

    private static Licence ToLicence(LicenceFacts l) => new(l.Kind, l.Number, l.Scope, l.IssuedOn, l.ExpiresOn);

    private static List<LicenceFacts>? Licences(IReadOnlyList<LicenceInput?>? input)
    {
        if (input is null) return null;
        if (input.Count > MaxLicences)
            throw RuleViolation.Invalid("licences", "too_many_licences", $"A business holds at most {MaxLicences} licences; this request lists {input.Count}.");
        return input.Select((l, i) => new LicenceFacts(
            (l ?? throw RuleViolation.Invalid($"licences[{i}]", "required", "Each licence is an object with kind and number; null is not a licence.")).Kind
                ?? throw RuleViolation.Invalid($"licences[{i}].kind", "required", $"A licence needs its kind: one of {string.Join(", ", Enum.GetNames<LicenceKind>())}."),
            l.Number ?? "", l.Scope, l.IssuedOn, l.ExpiresOn)).ToList();
    }

    /// <summary>The main sector of a list; an empty list is refused, not read as the first sector of the enum.</summary>
    private static Sector? FirstSector(IReadOnlyList<Sector>? sectors) => sectors switch
    {
        null => null,
        [] => throw RuleViolation.Invalid("sectors", "sectors_empty", $"'sectors' lists at least one of {string.Join(", ", Enum.GetNames<Sector>())}; leave it out to keep the sectors."),
        _ => sectors[0],
    };

    /// <summary>
    /// A credit code is unique in the whole ledger. A caller who can see the holder is told where it is; anyone else learns
    /// only that the code cannot be registered here, with no name, grid or id, and is sent to the level above, which sees both.
    /// </summary>
    private async Task RefuseTakenCodeAsync(LedgerCode code, CancellationToken ct)
    {
        var holder = await db.Businesses.Unscoped(UnscopedReason.UniqueKey).Where(b => b.CreditCode == code.Value)
            .Select(b => new { b.Id, b.ScopePathValue }).FirstOrDefaultAsync(ct);
        if (holder is null) return;
        if (db.Caller.Covers(holder.ScopePathValue))
            throw RuleViolation.Conflict("creditCode", "credit_code_taken", $"A business with code {code} is already in the ledger: /api/v1/businesses/{holder.Id}.");
        throw RuleViolation.Conflict("creditCode", "credit_code_unavailable",
            "This code cannot be registered here. Ask the station or bureau above you to look it up and resolve it.");
    }

    /// <summary>A point through the API lies in a grid of the jurisdiction, as an imported row must.</summary>
    private static void PlaceInJurisdiction(GridPlacer placer, Business business)
    {
        var (lon, lat) = (business.Location.X, business.Location.Y);
        if (placer.Locate(lon, lat) is null)
            throw RuleViolation.Invalid("lon", "outside_jurisdiction", $"({lon:0.######}, {lat:0.######}) lies in no grid of this jurisdiction; check lon/lat (WGS-84 unless crs says gcj02).");
        placer.Place(business);
    }

    public static Point PointOf(double? lon, double? lat, string? crs = null)
    {
        if (lon is not { } x0 || !double.IsFinite(x0) || x0 is < -180 or > 180) throw RuleViolation.Invalid("lon", "lon_invalid", "'lon' must be a longitude between -180 and 180.");
        if (lat is not { } y0 || !double.IsFinite(y0) || y0 is < -90 or > 90) throw RuleViolation.Invalid("lat", "lat_invalid", "'lat' must be a latitude between -90 and 90.");
        var (x, y) = (lon.Value, lat.Value);
        switch (crs?.Trim().ToLowerInvariant())
        {
            case null or "" or "wgs84" or "wgs-84" or "epsg:4326": break;
            case "gcj02" or "gcj-02": (x, y) = Gcj02.ToWgs84(x, y); break;
            default: throw RuleViolation.Invalid("crs", "crs_unknown", $"'{ProblemMapping.Shorten(crs)}' is not a coordinate system we accept: wgs84 or gcj02.");
        }
        return Wgs84.Factory.CreatePoint(new Coordinate(x, y));
    }

    public async Task<IReadOnlyList<BusinessView>> ViewsAsync(IReadOnlyList<Business> items, CancellationToken ct)
    {
        var gridIds = items.Where(b => b.GridId is not null).Select(b => b.GridId!.Value).Distinct().ToList();
        var grids = await db.Grids.Unscoped(UnscopedReason.ReferencedLabels).AsNoTracking().Where(g => gridIds.Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, g => (g.Code, g.Name), ct);
        var today = Today;
        return items.Select(b =>
        {
            var grid = b.GridId is { } gid && grids.TryGetValue(gid, out var g) ? g : default;
            var licences = b.Licences.Select(l => new LicenceView(l.Kind, l.Number, l.Scope, l.IssuedOn, l.ExpiresOn, l.StateOn(today))).ToList();
            return new BusinessView(b.Id, b.CreditCode, b.CodeKind, b.Name, b.Kind, b.Sector, b.Sectors.ToList().OrderBy(s => s != b.Sector).ToList(), b.Scale, b.KeyIndustry,
                b.Address, b.Location.X, b.Location.Y, b.Status, b.OpenedOn, b.StatusSince, grid.Code, grid.Name, b.LegalRepresentative,
                b.ContactPerson, b.ContactPhone, b.EffectiveClassOn(today), b.FoodRisk, b.RiskScore, b.LicenceStateOn(today), licences, b.Version);
        }).ToList();
    }
}
