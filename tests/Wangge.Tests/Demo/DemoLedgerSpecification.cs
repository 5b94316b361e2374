using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Businesses;
using Wangge.Core.Risk;
using Wangge.Demo;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Demo;

/// <summary>The demo ledger shows licences, supervision history and the initial rating realistically.</summary>
public abstract partial class DemoSpecification
{
    // The demo ran moments ago with the system clock; a day of slack covers a run across midnight.
    private static DateOnly Today => TestDistrict.Today;

    private static readonly Sector[] FoodSectors = [Sector.FoodProduction, Sector.FoodSale, Sector.Catering];

    [Fact]
    public async Task Demo_Licences_SomeExpiredAndSomeExpiringWithinSixtyDays()
    {
        var expiries = await Query(db => db.Businesses.SelectMany(b => b.Licences, (b, l) => l.ExpiresOn).ToListAsync());
        var dated = expiries.OfType<DateOnly>().ToList();
        var expired = dated.Count(e => e < Today);
        var soon = dated.Count(e => e >= Today && e <= Today.AddDays(Licence.ExpiringSoonDays));
        Assert.InRange(expired / (double)dated.Count, 0.02, 0.07);
        Assert.InRange(soon / (double)dated.Count, 0.03, 0.08);
    }

    [Fact]
    public async Task Demo_FoodBusinesses_HoldTheRightFoodLicenceUnlessDeliberatelyUnlicensed()
    {
        var foodMask = SectorSet.Of(FoodSectors).Mask;
        var food = await Query(db => db.Businesses.Where(b => (b.SectorMask & foodMask) != 0)
            .Select(b => new { b.SectorMask, b.Kind, b.Scale, Licences = b.Licences.Select(l => new { l.Kind, l.Number }).ToList() })
            .ToListAsync());
        var unlicensed = food.Count(b => b.Licences.Count == 0);
        Assert.InRange(unlicensed / (double)food.Count, 0.005, 0.06);
        foreach (var b in food.Where(b => b.Licences.Count > 0))
        {
            var sectors = new SectorSet(b.SectorMask);
            var licence = Assert.Single(b.Licences);
            if (sectors.Contains(Sector.FoodProduction))
            {
                Assert.Equal(LicenceKind.FoodProduction, licence.Kind);
                Assert.Matches(@"^SC\d{14}$", licence.Number);
            }
            else if (licence.Kind == LicenceKind.SmallFoodRegistration)
                Assert.True(b.Kind == BusinessKind.IndividualHousehold && b.Scale == BusinessScale.Micro, "only micro households register instead");
            else
            {
                Assert.Equal(LicenceKind.FoodBusiness, licence.Kind);
                Assert.Matches(sectors.Contains(Sector.Catering) ? @"^JY2\d{13}$" : @"^JY1\d{13}$", licence.Number);
            }
        }
        Assert.Contains(food, b => b.Licences.Any(l => l.Kind == LicenceKind.SmallFoodRegistration));
    }

    [Theory]
    [InlineData(Sector.SpecialEquipmentUse, LicenceKind.SpecialEquipmentUse)]
    [InlineData(Sector.IndustrialProductsUnderLicence, LicenceKind.IndustrialProduct)]
    [InlineData(Sector.Cosmetics, LicenceKind.Cosmetics)]
    [InlineData(Sector.DrinkingWater, LicenceKind.Hygiene)]
    public async Task Demo_LicensedSector_HoldsItsLicenceKindUnlessDeliberatelyUnlicensed(Sector sector, LicenceKind kind)
    {
        var kinds = await Query(db => db.Businesses.Where(b => b.Sector == sector).Select(b => b.Licences.Select(l => l.Kind).ToList()).ToListAsync());
        Assert.InRange(kinds.Count(k => k.Count == 0) / (double)kinds.Count, 0, 0.08);
        Assert.All(kinds.Where(k => k.Count > 0), k => Assert.Equal([kind], k));
    }

    [Fact]
    public async Task Demo_ShopsAndEateries_AboutOneInSevenCarriesASecondSector()
    {
        var masks = await Query(db => db.Businesses.Select(b => b.SectorMask).ToListAsync());
        var shops = masks.Select(m => new SectorSet(m)).Where(s => s.Contains(Sector.FoodSale) || s.Contains(Sector.Catering)).ToList();
        Assert.InRange(shops.Count(s => s.ToList().Count > 1) / (double)shops.Count, 0.10, 0.20);
    }

    [Fact]
    public async Task Demo_Contacts_MostHaveAContactPersonAndAMobileNumber()
    {
        var contacts = await Query(db => db.Businesses.Select(b => new { b.LegalRepresentative, b.ContactPerson, b.ContactPhone }).ToListAsync());
        Assert.True(contacts.Count(c => c.ContactPerson is not null) > contacts.Count * 0.8);
        Assert.True(contacts.Count(c => c.ContactPerson is not null && c.ContactPerson == c.LegalRepresentative) > contacts.Count * 0.5);
        var phones = contacts.Select(c => c.ContactPhone).OfType<string>().ToList();
        Assert.True(phones.Count > contacts.Count * 0.85);
        Assert.All(phones, p => Assert.Matches(@"^1[3-9]\d{9}$", p));
    }

    [Fact]
    public async Task Demo_ClosedAndSuspended_HaveAStatusDateAfterOpening()
    {
        var statuses = await Query(db => db.Businesses.Select(b => new { b.Status, b.OpenedOn, b.StatusSince }).ToListAsync());
        var stopped = statuses.Where(s => s.Status != BusinessStatus.Operating).ToList();
        Assert.Contains(stopped, s => s.Status == BusinessStatus.Closed);
        Assert.Contains(stopped, s => s.Status == BusinessStatus.Suspended);
        Assert.All(stopped, s => Assert.True(s.StatusSince > s.OpenedOn && s.StatusSince <= Today, $"{s.Status} since {s.StatusSince}, opened {s.OpenedOn}"));
        Assert.All(statuses.Where(s => s.Status == BusinessStatus.Operating), s => Assert.Null(s.StatusSince));
    }

    [Fact]
    public async Task Demo_History_ThreeYearsOfEventsNeverBeforeOpeningNorInTheFuture()
    {
        var events = await Query(db => db.SupervisionEvents.Join(db.Businesses, e => e.BusinessId, b => b.Id, (e, b) => new
        {
            e.Kind, e.OccurredOn, e.Source, e.RecordedBy, e.Reference, b.OpenedOn, b.Status, b.StatusSince, b.SectorMask,
        }).ToListAsync());
        Assert.InRange(events.Count, 25_000, 40_000);
        Assert.Equal(Enum.GetValues<SupervisionEventKind>().Order(), events.Select(e => e.Kind).Distinct().Order());
        var earliest = Today.AddYears(-DemoDistrict.HistoryYears).AddDays(-1);
        Assert.All(events, e =>
        {
            Assert.InRange(e.OccurredOn, earliest, Today);
            Assert.True(e.OccurredOn >= e.OpenedOn, $"{e.Kind} on {e.OccurredOn} before opening on {e.OpenedOn}");
            if (e.Status != BusinessStatus.Operating) Assert.True(e.OccurredOn <= e.StatusSince, $"{e.Kind} after {e.Status} since {e.StatusSince}");
            Assert.Equal((DemoDistrict.DemoSource, DemoDistrict.DemoSource, (string?)null), (e.Source, e.RecordedBy, e.Reference));
        });
        var foodOrWater = SectorSet.Of(Sector.FoodProduction, Sector.FoodSale, Sector.DrinkingWater).Mask;
        Assert.All(events.Where(e => e.Kind == SupervisionEventKind.SpotCheck), e => Assert.NotEqual(0, e.SectorMask & foodOrWater));
    }

    [Fact]
    public async Task Demo_History_ShareOfFindingsAsDescribed()
    {
        var (businesses, events) = await Query(async db => (await db.Businesses.CountAsync(),
            await db.SupervisionEvents.Select(e => new { e.BusinessId, e.Kind, e.Failed }).ToListAsync()));
        double FailShare(SupervisionEventKind kind) =>
            events.Count(e => e.Kind == kind && e.Failed) / (double)events.Count(e => e.Kind == kind);
        double BusinessShare(SupervisionEventKind kind) => events.Where(e => e.Kind == kind).Select(e => e.BusinessId).Distinct().Count() / (double)businesses;
        Assert.InRange(FailShare(SupervisionEventKind.Inspection), 0.06, 0.10);
        Assert.InRange(FailShare(SupervisionEventKind.SpotCheck), 0.06, 0.10);
        Assert.InRange(BusinessShare(SupervisionEventKind.Violation), 0.01, 0.03);
        Assert.InRange(BusinessShare(SupervisionEventKind.Penalty), 0.005, 0.015);
        Assert.InRange(BusinessShare(SupervisionEventKind.Complaint), 0.02, 0.04);
        Assert.InRange(BusinessShare(SupervisionEventKind.RectificationMissed), 0.002, 0.01);
    }

    [Fact]
    public async Task Demo_LastInspectedOn_IsTheLatestInspectionOrSpotCheck()
    {
        var (latest, noted) = await Query(async db => (
            await db.SupervisionEvents.Where(e => e.Kind == SupervisionEventKind.Inspection || e.Kind == SupervisionEventKind.SpotCheck)
                .GroupBy(e => e.BusinessId).Select(g => new { Id = g.Key, On = g.Max(e => e.OccurredOn) }).ToDictionaryAsync(x => x.Id, x => (DateOnly?)x.On),
            await db.Businesses.Select(b => new { b.Id, b.LastInspectedOn }).ToListAsync()));
        Assert.All(noted, b => Assert.Equal(latest.GetValueOrDefault(b.Id), b.LastInspectedOn));
    }

    [Fact]
    public async Task Demo_EveryVersionAndRatingEntry_NamesAnExistingBusiness()
    {
        // The history tables carry no foreign key on PostgreSQL (decision 004); the writers keep them whole.
        var (versions, ratings) = await Query(async db => (
            await db.BusinessVersions.IgnoreQueryFilters().CountAsync(v => !db.Businesses.IgnoreQueryFilters().Any(b => b.Id == v.BusinessId)),
            await db.RiskRatings.CountAsync(r => !db.Businesses.IgnoreQueryFilters().Any(b => b.Id == r.BusinessId))));
        Assert.Equal((0, 0), (versions, ratings));
    }

    [Fact]
    public async Task Demo_Rating_EveryBusinessRatedWithAnInitialEntryMatchingItsClass()
    {
        var (unrated, initial, mismatched) = await Query(async db => (
            await db.Businesses.CountAsync(b => b.Rating.RatedAt == null),
            await db.RiskRatings.Where(r => r.Trigger == RatingTrigger.Initial).Select(r => r.BusinessId).Distinct().CountAsync(),
            await db.RiskRatings.Join(db.Businesses, r => r.BusinessId, b => b.Id, (r, b) => new { r.Class, Current = b.Rating.Class, r.Score, CurrentScore = b.Rating.Score })
                .CountAsync(x => x.Class != x.Current || x.Score != x.CurrentScore)));
        Assert.Equal(0, unrated);
        Assert.Equal(DemoDistrict.BusinessCount, initial);
        Assert.Equal(0, mismatched);
    }

    [Fact]
    public async Task Demo_Classes_AllFourOccurMostlyAOrBAndTheLicenceFactorsShow()
    {
        var (classes, missing, expired) = await Query(async db => (
            await db.Businesses.GroupBy(b => b.Rating.Class).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count),
            await db.RiskRatings.CountAsync(r => r.Factors.Contains("\"" + RiskFactors.LicenceMissing + "\"")),
            await db.RiskRatings.CountAsync(r => r.Factors.Contains("\"" + RiskFactors.LicenceExpired + "\""))));
        Assert.All(Enum.GetValues<RiskClass>(), c => Assert.True(classes.GetValueOrDefault(c) > 0, $"no class {c}"));
        var total = (double)classes.Values.Sum();
        Assert.True((classes[RiskClass.A] + classes[RiskClass.B]) / total > 0.85);
        Assert.True(classes[RiskClass.C] > classes[RiskClass.D]);
        Assert.True(missing > 0 && expired > 0, $"licence_missing {missing}, licence_expired {expired}");
    }
}

public sealed class DemoSummaryTests
{
    [Fact]
    public void DescribeLedger_Counts_NamesLicencesEventsAndEveryClass()
    {
        var summary = new DemoSummary(3, 24, 28, 404, 13_000, 63, 118, [])
        {
            Licences = 8_000, LicencesExpired = 300, LicencesExpiringSoon = 400, Events = 33_000,
            Classes = new Dictionary<RiskClass, int> { [RiskClass.A] = 10_000, [RiskClass.B] = 2_500, [RiskClass.C] = 450, [RiskClass.D] = 50 },
            FoodLevels = new Dictionary<FoodRiskLevel, int> { [FoodRiskLevel.Low] = 10_000, [FoodRiskLevel.Medium] = 2_950, [FoodRiskLevel.High] = 50 },
        };
        Assert.Equal("8000 licences (300 expired, 400 expiring soon), 33000 supervision events, classes A 10000 B 2500 C 450 D 50, " +
                     "food risk Low 10000 Medium 2950 High 50", summary.DescribeLedger());
    }
}
