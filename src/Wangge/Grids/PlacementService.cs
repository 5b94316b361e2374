using Microsoft.EntityFrameworkCore;
using Wangge.Core.Grids;
using Wangge.Data;
using Wangge.Geo.Placement;
using Wangge.Data.Common;

namespace Wangge.Grids;

public sealed record PlacementResult(int Checked, int Moved, int Unplaced);

/// <summary>
/// Puts businesses into the bottom grid that holds them, after borders change, recording every move.
/// A business outside every grid is left unplaced at the jurisdiction's root and listed, never dropped.
/// </summary>
public sealed class PlacementService(WanggeDbContext db, TimeProvider clock)
{
    /// <summary>Re-places every business under the given nodes, and every unplaced business.</summary>
    public async Task<PlacementResult> ReplaceAsync(IReadOnlyCollection<string> scopePrefixes, string reason, CancellationToken ct)
    {
        var grids = await db.Grids.Unscoped(UnscopedReason.Placement).Where(g => g.ValidTo == null).ToListAsync(ct);
        var root = grids.FirstOrDefault(g => g.ParentId == null);
        if (root is null) return new PlacementResult(0, 0, 0);
        var bottoms = grids.Where(g => g.Level == GridLevelKind.Grid).ToDictionary(g => g.Code);
        // A business's old grid may have just ended (a redistricting), so look it up among every grid ever drawn.
        var byId = await db.Grids.Unscoped(UnscopedReason.Placement).ToDictionaryAsync(g => g.Id, ct);
        var index = new GridIndex(bottoms.Values.Select(g => (g.Code, g.Border)));

        var candidates = await db.Businesses.Unscoped(UnscopedReason.Placement).Where(b => b.GridId == null).ToListAsync(ct);
        foreach (var prefix in scopePrefixes.Distinct())
            candidates.AddRange(await db.Businesses.Unscoped(UnscopedReason.Placement).Where(b => b.GridId != null && b.ScopePathValue.StartsWith(prefix)).ToListAsync(ct));
        candidates = candidates.DistinctBy(b => b.Id).ToList();

        var codes = index.LocateAll(candidates.Select(b => (b.Location.X, b.Location.Y)).ToList());
        var now = clock.GetUtcNow();
        int moved = 0, unplaced = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var business = candidates[i];
            var to = codes[i] is { } code ? bottoms[code] : null;
            if (to is null) unplaced++;
            if (to?.Id == business.GridId) continue;
            var from = business.GridId is { } fromId && byId.TryGetValue(fromId, out var f) ? f : null;
            if (to is null && business.GridId is null) continue;
            if (to is null) business.Unplace(root.Scope); else business.PlaceIn(to);
            db.BusinessMoves.Add(new BusinessMove(Guid.CreateVersion7(), business.Id, from, to, root.Scope, now, reason));
            moved++;
        }
        await db.SaveChangesAsync(ct);
        return new PlacementResult(candidates.Count, moved, unplaced);
    }
}
