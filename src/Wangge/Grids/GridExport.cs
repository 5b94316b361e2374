using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Wangge.Core.Grids;
using Wangge.Data;
using Wangge.Geo.Io;
using Wangge.Geo.Topology;
using Wangge.Data.Common;

namespace Wangge.Grids;

/// <summary>Writes the current borders of a subtree (the caller's, or one node's) as GeoJSON or a zipped Shapefile.</summary>
public sealed class GridExport(WanggeDbContext db, GridQueries queries)
{
    public async Task WriteAsync(Stream output, string? rootCode, BorderFormat format, CancellationToken ct)
    {
        var prefixes = rootCode is null
            ? (await queries.RootsAsync(ct)).Select(r => r.ScopePathValue).ToList()
            : [(await queries.GetAsync(rootCode, ct)).ScopePathValue];
        var grids = new List<Grid>();
        foreach (var prefix in prefixes)
            grids.AddRange(await db.Grids.AsNoTracking().Where(g => g.ValidTo == null && g.ScopePathValue.StartsWith(prefix)).ToListAsync(ct));
        var codes = grids.ToDictionary(g => g.Id, g => g.Code);
        // The subtree's root keeps its parent's code, so the file can be imported back under the same parent.
        var outsideParents = grids.Where(g => g.ParentId is { } p && !codes.ContainsKey(p)).Select(g => g.ParentId!.Value).Distinct().ToList();
        foreach (var parent in await db.Grids.Unscoped(UnscopedReason.ReferencedLabels).Where(g => outsideParents.Contains(g.Id)).ToListAsync(ct))
            codes[parent.Id] = parent.Code;
        var borders = Reduced(grids);
        var features = grids.OrderBy(g => g.Level).ThenBy(g => g.Code).Select(g => (
            (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["code"] = g.Code, ["name"] = g.Name, ["level"] = g.Level.ToString(),
                ["parent"] = g.ParentId is { } p && codes.TryGetValue(p, out var pc) ? pc : null,
                ["area_km2"] = Math.Round(g.AreaKm2, 4), ["valid_from"] = g.ValidFrom.ToString("yyyy-MM-dd"),
            },
            borders[g.Id]));
        // Writers are synchronous and stream; buffer through a temp file so the response stays async.
        var temp = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(temp))
            {
                if (format == BorderFormat.GeoJson) BorderWriter.WriteGeoJson(file, features);
                else BorderWriter.WriteShapefileZip(file, "grids", features);
            }
            await using var read = File.OpenRead(temp);
            await read.CopyToAsync(output, ct);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Borders at the file's 7 decimals (about 1 cm), reduced family by family so that each stays valid and
    /// siblings keep sharing their edges: re-imported, the file gives the same borders and the same grid for every business.
    /// </summary>
    private static Dictionary<Guid, Geometry> Reduced(List<Grid> grids)
    {
        var borders = new Dictionary<Guid, Geometry>();
        foreach (var family in grids.GroupBy(g => g.ParentId))
        {
            var members = family.ToList();
            var reduced = CoveragePrecision.Reduce(members.Select(g => (Geometry)g.Border).ToList(), BorderWriter.Decimals);
            for (var i = 0; i < members.Count; i++)
                borders[members[i].Id] = reduced[i];
        }
        return borders;
    }
}
