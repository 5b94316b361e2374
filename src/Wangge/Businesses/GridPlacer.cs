using Microsoft.EntityFrameworkCore;
using Wangge.Core.Businesses;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Data;
using Wangge.Geo.Placement;
using Wangge.Data.Common;

namespace Wangge.Businesses;

/// <summary>The current bottom grids, indexed once, for placing many businesses by their location.</summary>
public sealed class GridPlacer
{
    private readonly GridIndex _index;
    private readonly Dictionary<string, Grid> _bottoms;

    private GridPlacer(Grid root, List<Grid> bottoms)
    {
        Root = root;
        _bottoms = bottoms.ToDictionary(g => g.Code);
        _index = new GridIndex(bottoms.Select(g => (g.Code, g.Border)));
    }

    public Grid Root { get; }

    public static async Task<GridPlacer> LoadAsync(WanggeDbContext db, CancellationToken ct)
    {
        var grids = await db.Grids.Unscoped(UnscopedReason.Placement).AsNoTracking()
            .Where(g => g.ValidTo == null && (g.ParentId == null || g.Level == GridLevelKind.Grid)).ToListAsync(ct);
        var root = grids.FirstOrDefault(g => g.ParentId == null)
                   ?? throw RuleViolation.Invalid("lon", "no_jurisdiction", "No grids exist yet; import the borders first.");
        return new GridPlacer(root, grids.Where(g => g.Level == GridLevelKind.Grid).ToList());
    }

    /// <summary>The bottom grid holding the point, or null outside every grid.</summary>
    public Grid? Locate(double lon, double lat) => _index.Locate(lon, lat) is { } code ? _bottoms[code] : null;

    public void Place(Business business)
    {
        if (Locate(business.Location.X, business.Location.Y) is { } grid) business.PlaceIn(grid);
        else business.Unplace(Root.Scope);
    }
}
