using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wangge.Audit;
using Wangge.Core.Grids;
using Wangge.Core.People;
using Wangge.Data;
using Wangge.Demo;

using Wangge.Hosting;
using Wangge.Tests.Audit;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Demo;

/// <summary>One demo district per database, generated once by the real `wangge demo --no-serve` verb.</summary>
public abstract class DemoFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    public int ExitCode { get; private set; }

    protected abstract Task<TestDatabase?> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        if (_database is null) return;
        ExitCode = await WanggeCli.Build().Parse(["demo", "--no-serve", "--db", _database.Database.ConnectionString]).InvokeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public async Task<Wangge.Grids.PlanProposal> Plan(Wangge.Grids.PlanRequest request)
    {
        if (_database is null) Assert.Skip(Prerequisites.PostgresSkipReason);
        await using var provider = Provider();
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Wangge.Grids.GridPlanner>().ProposeAsync(request, default);
    }

    private ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddSingleton<Core.Common.ICallerAccessor, SystemCallers>();
        services.AddLogging();
        services.AddWanggeData(_database!.Database);
        services.AddWanggeFeatures();
        return services.BuildServiceProvider();
    }

    /// <summary>Runs <paramref name="query"/> against the feature services of a request scope (system caller).</summary>
    public async Task<T> Services<T>(Func<IServiceProvider, Task<T>> query)
    {
        if (_database is null) Assert.Skip(Prerequisites.PostgresSkipReason);
        await using var provider = Provider();
        await using var scope = provider.CreateAsyncScope();
        return await query(scope.ServiceProvider);
    }

    public async Task<T> Query<T>(Func<WanggeDbContext, Task<T>> query)
    {
        if (_database is null) Assert.Skip(Prerequisites.PostgresSkipReason);
        await using var provider = Provider();
        await using var scope = provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WanggeDbContext>());
    }
}

public sealed class SqliteDemo : DemoFixture
{
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(TestDatabase.Sqlite());
}

public sealed class PostgresDemo : DemoFixture
{
    protected override async Task<TestDatabase?> CreateDatabaseAsync() => await TestDatabase.PostgresAsync();
}

/// <summary>`wangge demo` on an empty database builds the Baiyun demo district from the public extract.</summary>
public abstract partial class DemoSpecification(DemoFixture demo)
{
    private int ExitCode => demo.ExitCode;

    private Task<T> Query<T>(Func<WanggeDbContext, Task<T>> query) => demo.Query(query);

    [Fact]
    public async Task Demo_EmptyDatabase_CreatesSchemaAndExitsZero()
    {
        await Query(db => db.Grids.CountAsync());
        Assert.Equal(0, ExitCode);
    }

    [Fact]
    public async Task Demo_Streets_AreThe24RealStreetsAndTownsWithTheirNames()
    {
        var extract = DemoExtract.Load(DemoExtract.DefaultFolder);
        var streets = await Query(db => db.Grids.Where(g => g.Level == GridLevelKind.Street).Select(g => new { g.Code, g.Name }).ToListAsync());
        Assert.Equal(24, streets.Count);
        Assert.Equal(extract.Streets.Select(s => (s.Code, s.Name)).Order(), streets.Select(s => (s.Code, s.Name)).Order());
    }

    [Fact]
    public async Task Demo_District_HasTheRealOutlineThreeZonesAndStreetsTilingIt()
    {
        var extract = DemoExtract.Load(DemoExtract.DefaultFolder);
        var (district, zones, streets) = await Query(async db => (
            await db.Grids.SingleAsync(g => g.Level == GridLevelKind.District),
            await db.Grids.CountAsync(g => g.Level == GridLevelKind.Zone),
            await db.Grids.Where(g => g.Level == GridLevelKind.Street).Select(g => g.Border).ToListAsync()));
        Assert.Equal("白云区", district.Name);
        Assert.True(district.Border.EqualsExact(extract.Outline, 1e-9));
        Assert.Equal(3, zones);
        var covered = streets.Sum(s => s.Area);
        Assert.InRange(covered / district.Border.Area, 0.999, 1.001);
    }

    [Fact]
    public async Task Demo_Businesses_ThirteenThousandPlacedInGridsThatContainThem()
    {
        var (total, unplaced, sample) = await Query(async db => (
            await db.Businesses.CountAsync(),
            await db.Businesses.CountAsync(b => b.GridId == null),
            await db.Businesses.OrderBy(b => b.CreditCode).Take(200).Join(db.Grids, b => b.GridId, g => g.Id, (b, g) => new { b.Location, g.Border }).ToListAsync()));
        Assert.Equal(DemoDistrict.BusinessCount, total);
        Assert.True(unplaced < total / 100, $"{unplaced} businesses unplaced");
        Assert.All(sample, s => Assert.True(s.Border.Covers(s.Location)));
    }

    [Fact]
    public async Task Demo_Staff_SixtyThreeStaffAndEveryGridLedWithOneDeliberateShortage()
    {
        var (staff, coordinators, problems) = await Query(async db => (
            await db.GridAssignments.CountAsync(a => a.Role != AssignmentRole.Coordinator),
            await db.GridAssignments.CountAsync(a => a.Role == AssignmentRole.Coordinator),
            await new Wangge.Grids.GridQueries(db, TestDistrict.Clock).StaffingIssuesAsync(TestDistrict.Today, default)));
        Assert.Equal(DemoDistrict.StaffCount, staff);
        Assert.Equal(DemoDistrict.CoordinatorCount, coordinators);
        Assert.DoesNotContain(problems, p => p.Kind == StaffingProblemKind.NoLeader);
        Assert.Single(problems, p => p.Kind == StaffingProblemKind.TooFewStaff);
        Assert.Contains(problems, p => p.Kind == StaffingProblemKind.RotationOverdue && p.Months == 37);
    }

    [Fact]
    public async Task Plan_DemoTown_ProposesContiguousGridsWithinFivePercentOfMeanWorkload()
    {
        var proposal = await demo.Plan(new Wangge.Grids.PlanRequest("440111103", 4, Wangge.Grids.PlanBase.Villages, null, 1));
        Assert.True(proposal.AllContiguous);
        Assert.True(proposal.MaxOverMean <= 1.05, $"max/mean {proposal.MaxOverMean:F3}");
        Assert.Equal(4, proposal.Districts.Count);
    }

    [Fact]
    public async Task Demo_Accounts_OnePerRole()
    {
        var roles = await Query(db => db.Users.Select(u => u.Role).ToListAsync());
        Assert.Equal(Enum.GetValues<Role>().Order(), roles.Order());
    }

    [Fact]
    public async Task Demo_AuditChain_IntactAfterGeneration()
    {
        var result = await Query(db => AuditSpecification.Verifier(db).VerifyAsync(default));
        Assert.Empty(result.Problems);
        Assert.True(result.Entries > DemoDistrict.BusinessCount);
    }
}

public sealed class SqliteDemoTests(SqliteDemo demo) : DemoSpecification(demo), IClassFixture<SqliteDemo>;

public sealed class PostgresDemoTests(PostgresDemo demo) : DemoSpecification(demo), IClassFixture<PostgresDemo>;
