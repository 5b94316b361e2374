using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Wangge.Core.Businesses;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Data;
using Wangge.Data.Common;
using Wangge.Geo;
using Wangge.Geo.Placement;

namespace Wangge.Businesses;

public sealed record BusinessView(Guid Id, string CreditCode, string Name, BusinessKind Kind, Sector Sector, BusinessScale Scale,
    string Address, double Lon, double Lat, BusinessStatus Status, DateOnly OpenedOn, string? GridCode, string? GridName, bool KeyIndustry);

public sealed record BusinessPage(IReadOnlyList<BusinessView> Items, int Total, int Page, int PageSize);

public sealed record BusinessInput(string? CreditCode, string? Name, BusinessKind? Kind, Sector? Sector, BusinessScale? Scale,
    string? Address, double? Lon, double? Lat, DateOnly? OpenedOn);

public sealed record BusinessChange(string? Name, string? Address, double? Lon, double? Lat);

/// <summary>The ledger's reads and writes; every query goes through the caller's scope filter.</summary>
public sealed class BusinessService(WanggeDbContext db, TimeProvider clock)
{
    public const int MaxPageSize = 500;

    public async Task<BusinessPage> SearchAsync(string? gridCode, string? text, int page, int pageSize, CancellationToken ct)
    {
        if (page < 1) throw RuleViolation.Invalid("page", "page_invalid", "Pages start at 1.");
        if (pageSize is < 1 or > MaxPageSize) throw RuleViolation.Invalid("pageSize", "page_size_invalid", $"pageSize is 1–{MaxPageSize}.");
        var query = db.Businesses.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(gridCode))
        {
            var code = GridCode.Parse(gridCode, "grid");
            var grid = await db.Grids.AsNoTracking().FirstOrDefaultAsync(g => g.Code == code.Value && g.ValidTo == null, ct)
                       ?? throw RuleViolation.NotFound($"Grid {code}");
            var prefix = grid.ScopePathValue;
            query = query.Where(b => b.ScopePathValue.StartsWith(prefix));
        }
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            query = query.Where(b => b.Name.Contains(t) || b.CreditCode.Contains(t) || b.Address.Contains(t));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(b => b.Name).ThenBy(b => b.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new BusinessPage(await ViewsAsync(items, ct), total, page, pageSize);
    }

    public async Task<BusinessView> GetAsync(Guid id, CancellationToken ct)
    {
        var business = await db.Businesses.AsNoTracking().FindForReadAsync(id, $"Business {id}", ct);
        return (await ViewsAsync([business], ct))[0];
    }

    public async Task<BusinessView> CreateAsync(BusinessInput input, CancellationToken ct)
    {
        var credit = CreditCode.Parse(Require.Present(input.CreditCode, "creditCode", 40));
        if (await db.Businesses.IgnoreQueryFilters().AnyAsync(b => b.CreditCode == credit.Value, ct))
            throw RuleViolation.Conflict("creditCode", "credit_code_taken", $"A business with credit code {credit} is already in the ledger.");
        var business = new Business(Guid.CreateVersion7(), credit, input.Name ?? "",
            input.Kind ?? throw RuleViolation.Invalid("kind", "required", "'kind' is required."),
            input.Sector ?? throw RuleViolation.Invalid("sector", "required", "'sector' is required."),
            input.Scale ?? BusinessScale.Small, input.Address ?? "", PointOf(input.Lon, input.Lat),
            input.OpenedOn ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        await PlaceAsync(business, ct);
        db.Businesses.Add(business);
        await db.SaveChangesAsync(ct);
        return await GetAsync(business.Id, ct);
    }

    public async Task<BusinessView> ChangeAsync(Guid id, BusinessChange change, CancellationToken ct)
    {
        var business = await db.Businesses.FindForWriteAsync(id, $"Business {id}", ct);
        if (change.Name is not null) business.Rename(change.Name);
        if (change.Lon is not null || change.Lat is not null || change.Address is not null)
        {
            var location = change.Lon is null && change.Lat is null ? business.Location : PointOf(change.Lon, change.Lat);
            business.MoveTo(change.Address ?? business.Address, location);
            await PlaceAsync(business, ct);
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Places by point-in-polygon over every current bottom grid; scope is then checked on save.</summary>
    private async Task PlaceAsync(Business business, CancellationToken ct)
    {
        var bottoms = await db.Grids.IgnoreQueryFilters().Where(g => g.Level == GridLevelKind.Grid && g.ValidTo == null).ToListAsync(ct);
        var index = new GridIndex(bottoms.Select(g => (g.Code, g.Border)));
        var code = index.Locate(business.Location.X, business.Location.Y);
        if (code is not null)
        {
            business.PlaceIn(bottoms.First(g => g.Code == code));
            return;
        }
        var root = await db.Grids.IgnoreQueryFilters().FirstOrDefaultAsync(g => g.ParentId == null && g.ValidTo == null, ct)
                   ?? throw RuleViolation.Invalid("lon", "no_jurisdiction", "No grids exist yet; import the borders first.");
        business.Unplace(root.Scope);
    }

    private static Point PointOf(double? lon, double? lat)
    {
        if (lon is null or < -180 or > 180) throw RuleViolation.Invalid("lon", "lon_invalid", "'lon' must be a longitude between -180 and 180.");
        if (lat is null or < -90 or > 90) throw RuleViolation.Invalid("lat", "lat_invalid", "'lat' must be a latitude between -90 and 90.");
        return Wgs84.Factory.CreatePoint(new Coordinate(lon.Value, lat.Value));
    }

    private async Task<IReadOnlyList<BusinessView>> ViewsAsync(IReadOnlyList<Business> items, CancellationToken ct)
    {
        var gridIds = items.Where(b => b.GridId is not null).Select(b => b.GridId!.Value).Distinct().ToList();
        var grids = await db.Grids.AsNoTracking().IgnoreQueryFilters().Where(g => gridIds.Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, g => (g.Code, g.Name), ct);
        return items.Select(b =>
        {
            var grid = b.GridId is { } gid && grids.TryGetValue(gid, out var g) ? g : default;
            return new BusinessView(b.Id, b.CreditCode, b.Name, b.Kind, b.Sector, b.Scale, b.Address, b.Location.X, b.Location.Y,
                b.Status, b.OpenedOn, grid.Code, grid.Name, b.KeyIndustry);
        }).ToList();
    }
}
