using NetTopologySuite.Geometries;
using Wangge.Core.Businesses;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Geo;
using Wangge.Geo.Placement;
using Wangge.Geo.Synthesis;

namespace Wangge.Demo;

public sealed partial class DemoDistrict
{
    // Sector mixes: the urban south serves and sells, the rural north makes things ([000] names food,
    // drinking water, cosmetics, leather goods, garments, audio-video and special equipment users).
    private static readonly (Sector Sector, double Urban, double Town)[] SectorMix =
    [
        (Sector.Catering, 26, 14), (Sector.FoodSale, 20, 12), (Sector.FoodProduction, 4, 11), (Sector.DrinkingWater, 1, 4),
        (Sector.Cosmetics, 6, 11), (Sector.LeatherGoods, 7, 8), (Sector.Garments, 7, 9), (Sector.AudioVideo, 3, 1),
        (Sector.SpecialEquipmentUse, 4, 9), (Sector.MeasuringInstruments, 4, 4), (Sector.IndustrialProductsUnderLicence, 3, 10),
        (Sector.Retail, 15, 7),
    ];

    private static readonly Sector[] KeySectors =
        [Sector.FoodProduction, Sector.DrinkingWater, Sector.Cosmetics, Sector.SpecialEquipmentUse, Sector.IndustrialProductsUnderLicence];

    private static List<Business> ScatterBusinesses(DemoExtract extract, List<(DemoStreet Street, Grid Grid)> streets, List<BaseArea> villages,
        List<Grid> bottoms, Dictionary<string, int> quota, Grid district, DemoNames names, Random random, DateOnly today)
    {
        var streetCentres = streets.Select(s => s.Grid.Border.InteriorPoint.Coordinate).ToList();
        var roads = PointScatter.RoadsBetween(streetCentres);
        var gridIndex = new GridIndex(bottoms.Select(b => (b.Code, b.Border)));
        var villageIndex = new GridIndex(villages.Select(v => (v.Code, v.Border)));
        var villageNames = villages.ToDictionary(v => v.Code, v => v.Name.Replace("社区居委会", "社区").Replace("村委会", "村").Replace("居委会", ""));
        var gridsByCode = bottoms.ToDictionary(b => b.Code);
        var usedCodes = new HashSet<string>();
        var result = new List<Business>(BusinessCount);

        foreach (var (street, streetGrid) in streets)
        {
            var centres = villages.Where(v => v.StreetGridId == streetGrid.Id).Select(v => v.Border.InteriorPoint.Coordinate).ToList();
            centres.Add(streetGrid.Border.InteriorPoint.Coordinate);
            var points = PointScatter.Scatter(streetGrid.Border, centres, roads, quota[street.Code], street.IsTown ? 0.45 : 0.55, random);
            foreach (var p in points)
            {
                var kind = PickKind(random);
                var sector = PickSector(random, street.IsTown);
                var scale = PickScale(random);
                string code;
                do code = names.CreditCode(kind); while (!usedCodes.Add(code));
                var village = villageIndex.Locate(p.X, p.Y);
                var address = $"广州市白云区{street.Name}{(village is null ? "" : villageNames[village])}{random.Next(1, 300)}号";
                var business = new Business(Guid.CreateVersion7(), CreditCode.Parse(code), names.Business(sector, kind, street), kind, sector, scale,
                    address, Wgs84.Factory.CreatePoint(new Coordinate(Math.Round(p.X, 6), Math.Round(p.Y, 6))),
                    today.AddDays(-random.Next(30, 15 * 365)))
                {
                    KeyIndustry = KeySectors.Contains(sector) && (scale >= BusinessScale.Medium || random.NextDouble() < 0.25),
                    LegalRepresentative = names.Person(),
                };
                var roll = random.NextDouble();
                if (roll < 0.02) business.ChangeStatus(BusinessStatus.Closed);
                else if (roll < 0.05) business.ChangeStatus(BusinessStatus.Suspended);
                if (gridIndex.Locate(business.Location.X, business.Location.Y) is { } gridCode) business.PlaceIn(gridsByCode[gridCode]);
                else business.Unplace(district.Scope);
                result.Add(business);
            }
        }
        return result;
    }

    private static BusinessKind PickKind(Random r) => r.NextDouble() switch
    {
        < 0.55 => BusinessKind.IndividualHousehold,
        < 0.95 => BusinessKind.Enterprise,
        < 0.98 => BusinessKind.Cooperative,
        _ => BusinessKind.Branch,
    };

    /// <summary>Nine in ten are small or micro ([000]: "90 % small").</summary>
    private static BusinessScale PickScale(Random r) => r.NextDouble() switch
    {
        < 0.60 => BusinessScale.Micro,
        < 0.90 => BusinessScale.Small,
        < 0.98 => BusinessScale.Medium,
        _ => BusinessScale.Large,
    };

    private static Sector PickSector(Random r, bool town)
    {
        var total = SectorMix.Sum(m => town ? m.Town : m.Urban);
        var x = r.NextDouble() * total;
        foreach (var m in SectorMix)
        {
            x -= town ? m.Town : m.Urban;
            if (x < 0) return m.Sector;
        }
        return Sector.Retail;
    }
}
