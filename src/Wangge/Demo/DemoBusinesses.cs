using NetTopologySuite.Geometries;
using Wangge.Core.Businesses;
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
                var name = names.Business(sector, kind, street);
                var opened = today.AddDays(-random.Next(30, 15 * 365));
                var sectors = PickSectors(random, sector);
                var licences = PickLicences(random, names, sectors, kind, scale, name, today, ref opened);
                var legal = names.Person();
                var contact = random.NextDouble() switch
                {
                    < 0.70 => legal,
                    < 0.90 => names.Person(),
                    _ => null,
                };
                var phone = random.NextDouble() < 0.92 ? names.Phone() : null;
                var (status, since) = PickStatus(random, opened, today);
                var point = Wgs84.Factory.CreatePoint(new Coordinate(Math.Round(p.X, 6), Math.Round(p.Y, 6)));
                var keyIndustry = KeySectors.Contains(sector) && (scale >= BusinessScale.Medium || random.NextDouble() < 0.25);
                var business = Business.From(Guid.CreateVersion7(), new BusinessFacts(LedgerCode.Parse(code), name, kind, sector, sectors, scale,
                    keyIndustry, address, point.X, point.Y, legal, contact, phone, status, opened, since, licences), point);
                if (gridIndex.Locate(business.Location.X, business.Location.Y) is { } gridCode) business.PlaceIn(gridsByCode[gridCode]);
                else business.Unplace(district.Scope);
                result.Add(business);
            }
        }
        return result;
    }

    /// <summary>
    /// A second line of work for about one in eight shops and eateries: a restaurant that also sells packaged
    /// food, a food shop that also sells daily goods or hot snacks, a general store with a food counter.
    /// </summary>
    private static SectorSet PickSectors(Random r, Sector main)
    {
        var set = SectorSet.Of(main);
        var roll = r.NextDouble();
        return main switch
        {
            Sector.Catering when roll < 0.12 => set.With(Sector.FoodSale),
            Sector.FoodSale when roll < 0.08 => set.With(Sector.Retail),
            Sector.FoodSale when roll < 0.12 => set.With(Sector.Catering),
            Sector.Retail when roll < 0.12 => set.With(Sector.FoodSale),
            _ => set,
        };
    }

    /// <summary>2 % closed, 3 % suspended, each since a day after opening.</summary>
    private static (BusinessStatus Status, DateOnly? Since) PickStatus(Random r, DateOnly opened, DateOnly today)
    {
        var roll = r.NextDouble();
        if (roll >= 0.05) return (BusinessStatus.Operating, null);
        var since = opened.AddDays(r.Next(1, today.DayNumber - opened.DayNumber + 1));
        return (roll < 0.02 ? BusinessStatus.Closed : BusinessStatus.Suspended, since);
    }

    /// <summary>Share of businesses whose sector requires a licence that hold none (the licence_missing factor).</summary>
    private const double UnlicensedShare = 0.03;
    /// <summary>Share of expiring licences already lapsed on the demo's day.</summary>
    private const double ExpiredShare = 0.04;
    /// <summary>Share of expiring licences due within <see cref="Licence.ExpiringSoonDays"/> of the demo's day.</summary>
    private const double ExpiringShare = 0.05;
    /// <summary>Food, cosmetics and industrial-product licences run five years (食品经营许可和备案管理办法 and the like).</summary>
    private const int LicenceYears = 5;
    /// <summary>Hygiene licences run four years.</summary>
    private const int HygieneLicenceYears = 4;
    /// <summary>The first licence comes before the doors open, by up to this many days.</summary>
    private const int LicenceLeadDays = 45;

    private static readonly Sector[] FoodSectors = [Sector.FoodProduction, Sector.FoodSale, Sector.Catering];

    /// <summary>
    /// The licence the sector requires, in force since its last renewal: producers hold an SC licence, shops and
    /// eateries a JY licence (some micro households a small-food registration instead), and so on. A few hold
    /// nothing at all. <paramref name="opened"/> moves back for a young business drawn to hold a lapsed or
    /// expiring licence, which only a business older than one licence term can.
    /// </summary>
    private static IReadOnlyList<LicenceFacts> PickLicences(Random r, DemoNames names, SectorSet sectors, BusinessKind kind, BusinessScale scale,
        string name, DateOnly today, ref DateOnly opened)
    {
        bool Has(Sector s) => sectors.Contains(s);
        var licensable = FoodSectors.Any(Has) || Has(Sector.DrinkingWater) || Has(Sector.Cosmetics) || Has(Sector.SpecialEquipmentUse) ||
                         Has(Sector.IndustrialProductsUnderLicence);
        if (!licensable || r.NextDouble() < UnlicensedShare) return [];

        if (Has(Sector.SpecialEquipmentUse))
        {
            var (code, equipment) = name switch
            {
                _ when name.Contains("电梯", StringComparison.Ordinal) => ("梯11", "电梯"),
                _ when name.Contains("机械", StringComparison.Ordinal) => ("起17", "起重机械"),
                _ when name.Contains("物流", StringComparison.Ordinal) || name.Contains("仓储", StringComparison.Ordinal) => ("车11", "场（厂）内专用机动车辆"),
                _ => ("容17", "压力容器"),
            };
            // A use registration does not expire; the equipment's periodic inspection is a separate matter.
            var registered = opened.AddDays(r.Next(0, today.DayNumber - opened.DayNumber + 1));
            return [new LicenceFacts(LicenceKind.SpecialEquipmentUse, names.SpecialEquipmentRegistration(code, registered.Year), equipment, registered, null)];
        }

        var years = Has(Sector.DrinkingWater) ? HygieneLicenceYears : LicenceYears;
        var (issued, expires) = LicenceTerm(r, years, today, ref opened);
        if (Has(Sector.FoodProduction))
        {
            var (category, products) = FoodCategory(r, name);
            return [new LicenceFacts(LicenceKind.FoodProduction, names.FoodProductionLicence(category), products, issued, expires)];
        }
        if (Has(Sector.FoodSale) || Has(Sector.Catering))
        {
            var catering = Has(Sector.Catering);
            var scope = string.Join("；", new[]
            {
                Has(Sector.FoodSale) ? "预包装食品（含冷藏冷冻食品）销售；散装食品（不含冷藏冷冻食品）销售" : null,
                catering ? (r.NextDouble() < 0.3 ? "热食类食品制售；冷食类食品制售" : "热食类食品制售") : null,
            }.OfType<string>());
            return kind == BusinessKind.IndividualHousehold && scale == BusinessScale.Micro && r.NextDouble() < 0.4
                ? [new LicenceFacts(LicenceKind.SmallFoodRegistration, names.SmallFoodRegistration(issued.Year), scope, issued, expires)]
                : [new LicenceFacts(LicenceKind.FoodBusiness, names.FoodBusinessLicence(catering), scope, issued, expires)];
        }
        if (Has(Sector.DrinkingWater))
            return [new LicenceFacts(LicenceKind.Hygiene, names.HygieneLicence(issued.Year), "桶装饮用水生产", issued, expires)];
        if (Has(Sector.Cosmetics))
            return [new LicenceFacts(LicenceKind.Cosmetics, names.CosmeticsLicence(issued.Year),
                "一般液态单元（护发清洁类、护肤水类）；膏霜乳液单元（护肤清洁类）", issued, expires)];
        var (product, line) = name switch
        {
            _ when name.Contains("电线电缆", StringComparison.Ordinal) => ("06-001", "电线电缆"),
            _ when name.Contains("建材", StringComparison.Ordinal) => ("23-001", "建筑防水卷材"),
            _ when name.Contains("塑料", StringComparison.Ordinal) => ("16-204", "食品用塑料包装容器工具等制品"),
            _ => ("16-205", "食品用纸包装、容器等制品"),
        };
        return [new LicenceFacts(LicenceKind.IndustrialProduct, names.IndustrialProductLicence(product), line, issued, expires)];
    }

    /// <summary>
    /// The term of the licence in force: about <see cref="ExpiredShare"/> lapsed within the last year, about
    /// <see cref="ExpiringShare"/> due within <see cref="Licence.ExpiringSoonDays"/>, the rest valid for longer. A
    /// licence is never issued more than <see cref="LicenceLeadDays"/> before opening.
    /// </summary>
    private static (DateOnly Issued, DateOnly Expires) LicenceTerm(Random r, int years, DateOnly today, ref DateOnly opened)
    {
        var roll = r.NextDouble();
        var lapsing = roll < ExpiredShare + ExpiringShare;
        var expires = roll < ExpiredShare ? today.AddDays(-r.Next(1, 366))
            : lapsing ? today.AddDays(r.Next(0, Licence.ExpiringSoonDays + 1))
            : today.AddDays(r.Next(Licence.ExpiringSoonDays + 1, years * 365));
        var issued = expires.AddYears(-years);
        if (issued >= opened.AddDays(-LicenceLeadDays)) return (issued, expires);
        if (lapsing)
        {
            opened = issued.AddDays(r.Next(0, LicenceLeadDays + 1));
            return (issued, expires);
        }
        // Younger than one term: still on its first licence, issued just before opening.
        issued = opened.AddDays(-r.Next(0, LicenceLeadDays + 1));
        return (issued, issued.AddYears(years));
    }

    /// <summary>The SC food category (食品生产许可分类目录) that matches the producer's name.</summary>
    private static (string Code, string Products) FoodCategory(Random r, string name)
    {
        if (name.Contains("粮油", StringComparison.Ordinal))
            return r.NextDouble() < 0.5 ? ("101", "粮食加工品") : ("102", "食用油、油脂及其制品");
        if (name.Contains("糕点", StringComparison.Ordinal)) return ("124", "糕点");
        return r.Next(5) switch
        {
            0 => ("103", "调味品"),
            1 => ("104", "肉制品"),
            2 => ("111", "速冻食品"),
            3 => ("125", "豆制品"),
            _ => ("107", "方便食品"),
        };
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
