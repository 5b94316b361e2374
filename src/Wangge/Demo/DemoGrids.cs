using NetTopologySuite.Geometries;
using Wangge.Core.Grids;
using Wangge.Geo.Synthesis;

namespace Wangge.Demo;

public sealed partial class DemoDistrict
{
    private const int ZoneCount = 3;

    /// <summary>
    /// Three zones around three workstations ([000]): streets sorted north to south and cut where the
    /// running business count passes each third, so every zone carries about the same load.
    /// </summary>
    private static List<(Grid Grid, HashSet<string> Streets)> DrawZones(DemoExtract extract, List<(DemoStreet Street, MultiPolygon Border)> streets,
        Dictionary<string, int> quota, Grid district, DateOnly validFrom)
    {
        var ordered = streets.OrderByDescending(s => s.Border.Centroid.Y).ThenBy(s => s.Street.Code).ToList();
        var total = quota.Values.Sum();
        var groups = Enumerable.Range(0, ZoneCount).Select(_ => new List<(DemoStreet Street, MultiPolygon Border)>()).ToList();
        var running = 0;
        foreach (var s in ordered)
        {
            var zone = Math.Min(ZoneCount - 1, (int)((running + quota[s.Street.Code] / 2.0) * ZoneCount / total));
            groups[zone].Add(s);
            running += quota[s.Street.Code];
        }
        string[] labels = ["北部片区", "中部片区", "南部片区"];
        return groups.Select((g, i) =>
        {
            var station = g.OrderByDescending(s => quota[s.Street.Code]).First().Street.ShortName;
            var grid = new Grid(Guid.CreateVersion7(), GridCode.Parse($"{extract.DistrictCode}Z{i + 1}"), $"{labels[i]}（{station}工作站）",
                GridLevelKind.Zone, district, Union(g.Select(s => (Geometry)s.Border)), validFrom);
            grid.AreaKm2 = AreaKm2(grid.Border);
            return (grid, g.Select(s => s.Street.Code).ToHashSet());
        }).ToList();
    }

    /// <summary>
    /// Bottom grids are whole villages grouped so each grid carries about <see cref="BusinessesPerGrid"/>
    /// businesses; a village belongs to the proposed part that holds its interior point.
    /// </summary>
    private static IEnumerable<Grid> DrawBottomGrids(DemoStreet street, Grid streetGrid, List<BaseArea> villages, int quota, int seed, DateOnly validFrom)
    {
        var count = Math.Max(1, (int)Math.Round(quota / (double)BusinessesPerGrid));
        var parts = AreaPartitioner.Split(streetGrid.Border, Enumerable.Repeat(1.0, count).ToList(), seed + int.Parse(street.Code[^3..], System.Globalization.CultureInfo.InvariantCulture));
        var groups = parts.Select(_ => new List<BaseArea>()).ToList();
        foreach (var village in villages)
        {
            var inside = village.Border.InteriorPoint;
            var index = Enumerable.Range(0, parts.Count).OrderBy(i => parts[i].Contains(inside) ? 0 : 1).ThenBy(i => parts[i].Distance(inside)).First();
            groups[index].Add(village);
        }
        var sequence = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            if (villages.Count > 0 && groups[i].Count == 0) continue;
            sequence++;
            var border = villages.Count == 0 ? parts[i] : Union(groups[i].Select(v => (Geometry)v.Border));
            var first = groups[i].OrderBy(v => v.Code).FirstOrDefault();
            var code = $"{street.Code}{(first is null ? "000" : first.Code[^3..])}{sequence:00}";
            var grid = new Grid(Guid.CreateVersion7(), GridCode.Parse(code), $"{street.ShortName}第{sequence}网格", GridLevelKind.Grid, streetGrid, border, validFrom);
            grid.AreaKm2 = AreaKm2(border);
            foreach (var v in groups[i]) v.GridId = grid.Id;
            yield return grid;
        }
    }
}
