using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Data;
using Wangge.Data.Common;

namespace Wangge.Grids;

public sealed record StaffingIssue(string GridCode, string GridName, StaffingProblemKind Kind, string? PersonName, int Months);

public sealed record GridSummary(Guid Id, string Code, string Name, GridLevelKind Level, string? ParentCode, double AreaKm2, int BusinessCount, int ChildCount);

/// <summary>Reads of the grid tree, always through the caller's scope filter.</summary>
public sealed class GridQueries(WanggeDbContext db, JurisdictionClock clock)
{
    private IQueryable<Grid> Current => db.Grids.AsNoTracking().Where(g => g.ValidTo == null);

    /// <summary>The highest grids the caller can see: the district for a bureau leader, one grid for an inspector.</summary>
    public async Task<IReadOnlyList<Grid>> RootsAsync(CancellationToken ct)
    {
        var visible = await Current.Select(g => new { g.Id, g.ParentId }).ToListAsync(ct);
        var ids = visible.Select(v => v.Id).ToHashSet();
        var rootIds = visible.Where(v => v.ParentId is null || !ids.Contains(v.ParentId.Value)).Select(v => v.Id).ToList();
        return await Current.Where(g => rootIds.Contains(g.Id)).OrderBy(g => g.Code).ToListAsync(ct);
    }

    public async Task<Grid> GetAsync(string code, CancellationToken ct, string field = "code")
    {
        var gridCode = GridCode.Parse(code, field);
        return await Current.FirstOrDefaultAsync(g => g.Code == gridCode.Value, ct) ?? throw RuleViolation.NotFound($"Grid {gridCode}");
    }

    /// <summary>
    /// A grid about to be written to (its roster, its borders): one outside the caller's part of the grid is refused
    /// with 403 as every out-of-scope write is (<see cref="Data.Common.ScopedQueries"/>); only a code that exists nowhere is 404.
    /// </summary>
    public async Task<Grid> GetForWriteAsync(string code, string field, CancellationToken ct)
    {
        var gridCode = GridCode.Parse(code, field);
        var grid = await Current.FirstOrDefaultAsync(g => g.Code == gridCode.Value, ct);
        if (grid is not null) return grid;
        var exists = await db.Grids.Unscoped(UnscopedReason.WriteRefusal).AnyAsync(g => g.Code == gridCode.Value && g.ValidTo == null, ct);
        throw exists ? RuleViolation.Forbidden($"Grid {gridCode} lies outside your part of the grid.") : RuleViolation.NotFound($"Grid {gridCode}");
    }

    /// <summary>Children of a grid, or the caller's roots when no parent is named.</summary>
    public async Task<IReadOnlyList<GridSummary>> ListAsync(string? parentCode, CancellationToken ct)
    {
        var grids = await GridsUnderAsync(parentCode, ct);
        return await SummariseAsync(grids, ct);
    }

    public async Task<FeatureCollection> MapAsync(string? parentCode, CancellationToken ct) =>
        await FeaturesAsync(await GridsUnderAsync(parentCode, ct), ct);

    /// <summary>Every current grid of one level under a node (or under the caller's top grids).</summary>
    public async Task<FeatureCollection> MapLevelAsync(string? nodeCode, GridLevelKind level, CancellationToken ct)
    {
        var prefixes = nodeCode is null
            ? (await RootsAsync(ct)).Select(r => r.ScopePathValue).ToList()
            : [(await GetAsync(nodeCode, ct)).ScopePathValue];
        var grids = new List<Grid>();
        foreach (var prefix in prefixes)
            grids.AddRange(await Current.Where(g => g.Level == level && g.ScopePathValue.StartsWith(prefix)).OrderBy(g => g.Code).ToListAsync(ct));
        return await FeaturesAsync(grids, ct);
    }

    /// <summary>One grid as a feature, for showing a bottom grid on its own.</summary>
    public async Task<FeatureCollection> MapOneAsync(string code, CancellationToken ct) =>
        await FeaturesAsync([await GetAsync(code, ct)], ct);

    private async Task<FeatureCollection> FeaturesAsync(List<Grid> grids, CancellationToken ct)
    {
        var summaries = (await SummariseAsync(grids, ct)).ToDictionary(s => s.Id);
        var issues = await StaffingIssuesAsync(clock.Today, ct);
        var issuePaths = issues.Select(i => i.GridCode).ToList();
        var bottomPaths = await Current.Where(g => g.Level == GridLevelKind.Grid && issuePaths.Contains(g.Code))
            .ToDictionaryAsync(g => g.Code, g => g.ScopePathValue, ct);
        var features = new FeatureCollection();
        foreach (var g in grids)
        {
            var s = summaries[g.Id];
            features.Add(new Feature(g.Border, new AttributesTable
            {
                { "code", g.Code }, { "name", g.Name }, { "level", g.Level.ToString() },
                { "businessCount", s.BusinessCount }, { "childCount", s.ChildCount }, { "areaKm2", Math.Round(g.AreaKm2, 2) },
                { "workload", Math.Round(g.Workload, 1) },
                { "staffingProblems", issues.Count(i => bottomPaths.TryGetValue(i.GridCode, out var path) && path.StartsWith(g.ScopePathValue, StringComparison.Ordinal)) },
            }));
        }
        return features;
    }

    private async Task<List<Grid>> GridsUnderAsync(string? parentCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(parentCode)) return [.. await RootsAsync(ct)];
        var parent = await GetAsync(parentCode, ct, "parent");
        return await Current.Where(g => g.ParentId == parent.Id).OrderBy(g => g.Code).ToListAsync(ct);
    }

    /// <summary>Business and child counts for a set of grids, in three queries whatever the number of grids.</summary>
    private async Task<IReadOnlyList<GridSummary>> SummariseAsync(IReadOnlyList<Grid> grids, CancellationToken ct)
    {
        var perGrid = await db.Businesses.GroupBy(b => b.ScopePathValue).Select(g => new { Path = g.Key, Count = g.Count() }).ToListAsync(ct);
        var ids = grids.Select(g => g.Id).ToList();
        var children = await Current.Where(c => c.ParentId != null && ids.Contains(c.ParentId.Value))
            .GroupBy(c => c.ParentId).Select(g => new { Parent = g.Key!.Value, Count = g.Count() }).ToDictionaryAsync(x => x.Parent, x => x.Count, ct);
        var parentIds = grids.Where(g => g.ParentId is not null).Select(g => g.ParentId!.Value).Distinct().ToList();
        var parentCodes = await Current.Where(p => parentIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        return grids.Select(g => new GridSummary(g.Id, g.Code, g.Name, g.Level,
            g.ParentId is { } p && parentCodes.TryGetValue(p, out var pc) ? pc : null, g.AreaKm2,
            perGrid.Where(x => x.Path.StartsWith(g.ScopePathValue, StringComparison.Ordinal)).Sum(x => x.Count),
            children.GetValueOrDefault(g.Id))).ToList();
    }

    /// <summary>Staffing problems of every current bottom grid the caller can see.</summary>
    public async Task<IReadOnlyList<StaffingIssue>> StaffingIssuesAsync(DateOnly today, CancellationToken ct)
    {
        var bottoms = await Current.Where(g => g.Level == GridLevelKind.Grid).OrderBy(g => g.Code).ToListAsync(ct);
        var assignments = await db.GridAssignments.AsNoTracking().Where(a => a.To == null).ToListAsync(ct);
        var personIds = assignments.Select(a => a.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var byGrid = assignments.ToLookup(a => a.GridId);
        return bottoms.SelectMany(g => StaffingRules.Check(g.Id, byGrid[g.Id].ToList(), today)
            .Select(p => new StaffingIssue(g.Code, g.Name, p.Kind, p.PersonId is { } id ? people.GetValueOrDefault(id) : null, p.Months))).ToList();
    }

    public static Envelope Bounds(IEnumerable<Grid> grids)
    {
        var env = new Envelope();
        foreach (var g in grids) env.ExpandToInclude(g.Border.EnvelopeInternal);
        return env;
    }
}
