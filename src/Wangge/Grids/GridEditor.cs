using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Data;
using Wangge.Geo;
using Wangge.Geo.Topology;

namespace Wangge.Grids;

/// <summary>A grid to create: its code and parent are fixed from then on; its name and border can change.</summary>
public sealed record GridInput(string? Code, string? Name, string? ParentCode, Geometry? Border, string? Reason);

/// <summary>A change to a grid's name or border (null: unchanged), made from the version the writer read.</summary>
public sealed record GridChange(string? Name, Geometry? Border, string? Reason, int? Version);

/// <summary>A grid as the editor shows it, with the version a change must name.</summary>
public sealed record GridDetail(Guid Id, string Code, string Name, string Level, string? ParentCode, double AreaKm2, double Workload,
    DateOnly ValidFrom, DateOnly? ValidTo, MultiPolygon Border, int Version) : IVersioned;

/// <summary>What an edit came to: the grid when it was saved, else the problems that stopped it (nothing saved).</summary>
public sealed record GridEditResult(GridDetail? Grid, GridImportReport Report);

/// <summary>
/// Creates and edits grids one at a time. Each change goes through <see cref="GridImport"/> with the grid's family (its
/// siblings, and its children when it has any), so it meets the same code, scope and topology rules as a file and is
/// saved whole or not at all; other grids are kept, and a parent may stay partly undivided while grids are drawn.
/// </summary>
public sealed class GridEditor(WanggeDbContext db, GridQueries grids, GridImport import)
{
    public async Task<GridEditResult> CreateAsync(GridInput input, CancellationToken ct)
    {
        var code = GridCode.Parse(input.Code);
        var name = Require.Present(input.Name, "name", Grid.MaxNameLength);
        var parent = input.ParentCode is null ? null : await grids.GetForWriteAsync(input.ParentCode, "parentCode", ct);
        if (parent is null && !db.Caller.SeesAll)
            throw RuleViolation.Forbidden("Only who sees the whole jurisdiction may create a grid without a parent.");
        if (await db.Grids.AnyAsync(g => g.Code == code.Value && g.ValidTo == null, ct))
            throw RuleViolation.Conflict("code", "grid_code_taken", $"Grid {code} exists already.");
        var border = Polygonal(input.Border) ?? throw RuleViolation.Invalid("border", "grid_border_required", "A grid needs a border: draw it on the map or upload it.");
        var family = parent is null ? [] : await ShapesAsync(g => g.ParentId == parent.Id, ct);
        family.Add(new GridShape(code.Value, name, parent?.Code, border));
        return await ApplyAsync(code.Value, family, new GridImportSettings(Reason: Reason(input.Reason, "grid created")), ct);
    }

    public async Task<GridEditResult> ChangeAsync(string code, GridChange change, CancellationToken ct)
    {
        var grid = await grids.GetForWriteAsync(code, "code", ct);
        VersionRules.Check(grid, change.Version, $"Grid {grid.Code}");
        var name = change.Name is null ? grid.Name : Require.Present(change.Name, "name", Grid.MaxNameLength);
        var border = Polygonal(change.Border) ?? grid.Border;
        var parentCode = grid.ParentId is { } pid ? await db.Grids.AsNoTracking().Where(g => g.Id == pid).Select(g => g.Code).FirstOrDefaultAsync(ct) : null;
        // The siblings keep the new border from overlapping them; the children must still lie inside it.
        var family = await ShapesAsync(g => g.Id != grid.Id && ((grid.ParentId != null && g.ParentId == grid.ParentId) || g.ParentId == grid.Id), ct);
        family.Add(new GridShape(grid.Code, name, parentCode, border));
        var settings = new GridImportSettings(Reason: Reason(change.Reason, "grid edited"))
        {
            ReadVersions = new Dictionary<string, int> { [grid.Code] = grid.Version },
        };
        return await ApplyAsync(grid.Code, family, settings, ct);
    }

    public async Task<GridDetail> DetailAsync(string code, CancellationToken ct)
    {
        var g = await grids.GetAsync(code, ct);
        var parentCode = g.ParentId is { } pid ? await db.Grids.AsNoTracking().Where(p => p.Id == pid).Select(p => p.Code).FirstOrDefaultAsync(ct) : null;
        return new GridDetail(g.Id, g.Code, g.Name, g.Level.ToString(), parentCode, g.AreaKm2, g.Workload, g.ValidFrom, g.ValidTo, g.Border, g.Version);
    }

    private async Task<GridEditResult> ApplyAsync(string code, List<GridShape> family, GridImportSettings settings, CancellationToken ct)
    {
        var report = await import.ApplyAsync(family, settings with { OneAtATime = true }, ct);
        return new GridEditResult(report.Saved ? await DetailAsync(code, ct) : null, report);
    }

    private async Task<List<GridShape>> ShapesAsync(System.Linq.Expressions.Expression<Func<Grid, bool>> which, CancellationToken ct)
    {
        var rows = await db.Grids.AsNoTracking().Where(g => g.ValidTo == null).Where(which).ToListAsync(ct);
        var parents = rows.Select(r => r.ParentId).OfType<Guid>().Distinct().ToList();
        var codes = await db.Grids.AsNoTracking().Where(g => parents.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Code, ct);
        return rows.Select(r => new GridShape(r.Code, r.Name, r.ParentId is { } p ? codes.GetValueOrDefault(p) : null, r.Border)).ToList();
    }

    /// <summary>A drawn or uploaded border in WGS-84; anything but a polygon is refused here, the rest by the topology check.</summary>
    private static Geometry? Polygonal(Geometry? border)
    {
        if (border is null) return null;
        if (border is not (Polygon or MultiPolygon) || border.IsEmpty)
            throw RuleViolation.Invalid("border", "grid_border_not_polygon", "A grid's border is one polygon (or a multipolygon).");
        border.SRID = Wgs84.Srid;
        return border;
    }

    private static string Reason(string? given, string otherwise) =>
        given is null || TextRules.IsBlank(given) ? otherwise : Require.Present(given, "reason", GridBorderVersion.MaxReasonLength);
}
