using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Wangge.Core.Businesses;
using Wangge.Core.Risk;
using Wangge.Geo;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Businesses;

/// <summary>
/// The effective class and the licence state are each one rule in Core; the ledger's filters run it inlined in SQL. On
/// every edge — an override ending yesterday, today, tomorrow; a licence ending yesterday, today, in 60 and 61 days,
/// never — the database picks exactly the businesses the rule picks in memory, on each provider.
/// </summary>
public abstract class LedgerRuleQuerySpecification(AppFixture app) : ApiSpecification(app)
{
    private static readonly DateOnly Day = new(2026, 12, 7);

    private static readonly (RiskClass Class, int DaysLeft)?[] Overrides = [null, (RiskClass.D, -1), (RiskClass.B, 0), (RiskClass.C, 1), (RiskClass.D, 400)];

    private static readonly int?[][] LicenceEnds = [[], [int.MinValue], [-1], [0], [60], [61], [-1, 200], [61, 60]];

    private async Task<List<Guid>> SeedAsync() => await App.InDatabaseAsync(async db =>
    {
        var root = await db.Grids.SingleAsync(g => g.ParentId == null, Ct);
        var ids = new List<Guid>();
        var n = 0;
        foreach (var o in Overrides)
            foreach (var ends in LicenceEnds)
            {
                var licences = ends.Select((d, i) => new LicenceFacts(LicenceKind.FoodBusiness, $"JY{n:D4}{i}", null, Day.AddYears(-3),
                    d == int.MinValue ? null : Day.AddDays(d!.Value))).ToList();
                var code = LedgerCode.Parse(TestDistrict.Code(30000 + n++));
                var facts = new BusinessFacts(code, $"规则样本{n}", BusinessKind.Enterprise, Sector.Catering, SectorSet.Of(Sector.Catering), BusinessScale.Small,
                    false, "样本路1号", 112.5, 23.2, null, null, null, BusinessStatus.Operating, new DateOnly(2020, 1, 1), null, licences);
                var business = Business.From(Guid.CreateVersion7(), facts, Wgs84.Factory.CreatePoint(new Coordinate(112.5, 23.2)));
                business.Unplace(root.Scope);
                if (o is { } x) business.OverrideRisk(new RiskOverride(x.Class, "规则样本的人工调整原因", Day.AddDays(x.DaysLeft), "admin"));
                db.Businesses.Add(business);
                ids.Add(business.Id);
            }
        await db.SaveChangesAsync(Ct);
        return ids;
    });

    [Fact]
    public async Task EffectiveClassAndLicenceState_TheQueryPicksWhatTheRulePicks_OnEveryEdge()
    {
        var ids = await SeedAsync();

        var mismatches = await App.InDatabaseAsync(async db =>
        {
            var mine = db.Businesses.AsNoTracking().Where(b => ids.Contains(b.Id));
            var loaded = await mine.Include(b => b.Licences).ToListAsync(Ct);
            var found = new List<string>();
            foreach (var cls in Enum.GetValues<RiskClass>())
            {
                var queried = (await mine.Where(Business.EffectiveClassIs(cls, Day)).Select(b => b.Id).ToListAsync(Ct)).ToHashSet();
                var ruled = loaded.Where(b => b.EffectiveClassOn(Day) == cls).Select(b => b.Id).ToHashSet();
                if (!queried.SetEquals(ruled)) found.Add($"class {cls}: query {queried.Count}, rule {ruled.Count}");
            }
            foreach (var state in Enum.GetValues<LicenceState>())
            {
                var queried = (await mine.Where(Business.LicenceStateIs(state, Day)).Select(b => b.Id).ToListAsync(Ct)).ToHashSet();
                var ruled = loaded.Where(b => b.LicenceStateOn(Day) == state).Select(b => b.Id).ToHashSet();
                if (!queried.SetEquals(ruled)) found.Add($"licence {state}: query {queried.Count}, rule {ruled.Count}");
            }
            // The edges are really there: each class and each state is someone's.
            found.AddRange(Enum.GetValues<RiskClass>().Where(c => loaded.All(b => b.EffectiveClassOn(Day) != c)).Select(c => $"no business of class {c}"));
            found.AddRange(Enum.GetValues<LicenceState>().Where(s => loaded.All(b => b.LicenceStateOn(Day) != s)).Select(s => $"no business {s}"));
            return found;
        });

        Assert.Empty(mismatches);
    }
}

[Collection("sqlite")]
public sealed class SqliteLedgerRuleQueryTests(SqliteApp app) : LedgerRuleQuerySpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresLedgerRuleQueryTests(PostgresApp app) : LedgerRuleQuerySpecification(app), IClassFixture<PostgresApp>;
