using NetTopologySuite.Geometries;
using Microsoft.Extensions.DependencyInjection;
using Wangge.Core.Businesses;
using Wangge.Core.Grids;
using Wangge.Core.People;
using Wangge.Data;
using Wangge.Geo;
using Wangge.Users;

namespace Wangge.Tests.Infrastructure;

/// <summary>
/// A small district every API test can reason about: two streets side by side, each cut into a north and
/// a south grid, five businesses per grid, one account per role. The inspector works grid
/// <see cref="InspectorGrid"/>; <see cref="OtherGrid"/> lies in the other street.
/// </summary>
public static class TestDistrict
{
    public const string District = "440111";
    public const string Zone = "440111Z1";
    public const string WestStreet = "440111001";
    public const string EastStreet = "440111002";
    public const string InspectorGrid = "44011100100101";
    public const string OtherGrid = "44011100200101";
    public const string Password = "correct-horse-battery";
    public const int BusinessesPerGrid = 5;

    public static readonly string[] Accounts = ["admin", "bureau", "station", "gridleader", "inspector", "coordinator", "liaison"];

    public static async Task SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Wangge.Auth.CallerContext>().Set(Core.Common.Caller.System("test-seed"));
        var db = scope.ServiceProvider.GetRequiredService<WanggeDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var from = new DateOnly(2026, 1, 1);

        var district = new Grid(Guid.CreateVersion7(), GridCode.Parse(District), "测试区", GridLevelKind.District, null, Box(113.0, 23.0, 113.4, 23.4), from);
        var zone = new Grid(Guid.CreateVersion7(), GridCode.Parse(Zone), "第一片区", GridLevelKind.Zone, district, Box(113.0, 23.0, 113.4, 23.4), from);
        var west = new Grid(Guid.CreateVersion7(), GridCode.Parse(WestStreet), "西街道", GridLevelKind.Street, zone, Box(113.0, 23.0, 113.2, 23.4), from);
        var east = new Grid(Guid.CreateVersion7(), GridCode.Parse(EastStreet), "东街道", GridLevelKind.Street, zone, Box(113.2, 23.0, 113.4, 23.4), from);
        var grids = new[]
        {
            new Grid(Guid.CreateVersion7(), GridCode.Parse(InspectorGrid), "西北网格", GridLevelKind.Grid, west, Box(113.0, 23.2, 113.2, 23.4), from),
            new Grid(Guid.CreateVersion7(), GridCode.Parse("44011100100202"), "西南网格", GridLevelKind.Grid, west, Box(113.0, 23.0, 113.2, 23.2), from),
            new Grid(Guid.CreateVersion7(), GridCode.Parse(OtherGrid), "东北网格", GridLevelKind.Grid, east, Box(113.2, 23.2, 113.4, 23.4), from),
            new Grid(Guid.CreateVersion7(), GridCode.Parse("44011100200202"), "东南网格", GridLevelKind.Grid, east, Box(113.2, 23.0, 113.4, 23.2), from),
        };
        db.Grids.AddRange([district, zone, west, east, .. grids]);
        db.Departments.Add(new Department(Guid.CreateVersion7(), "FOOD", "食品安全办公室"));

        var serial = 0;
        foreach (var grid in grids)
        {
            var centre = grid.Border.Centroid.Coordinate;
            for (var i = 0; i < BusinessesPerGrid; i++)
            {
                var business = new Business(Guid.CreateVersion7(), CreditCode.Parse(Code(++serial)), $"{grid.Name}商户{i + 1}", BusinessKind.Enterprise,
                    Sector.Catering, BusinessScale.Small, $"测试路{serial}号", Wgs84.Factory.CreatePoint(new Coordinate(centre.X + i * 0.01, centre.Y)), from);
                business.PlaceIn(grid);
                db.Businesses.Add(business);
            }
        }
        await db.SaveChangesAsync();

        await users.AddAsync("admin", "管理员", Role.SystemAdmin, District, null, Password, default);
        await users.AddAsync("bureau", "局长", Role.BureauLeader, District, null, Password, default);
        await users.AddAsync("station", "所长", Role.StationChief, WestStreet, null, Password, default);
        await users.AddAsync("gridleader", "网格长", Role.GridLeader, InspectorGrid, null, Password, default);
        await users.AddAsync("inspector", "监管员", Role.Inspector, InspectorGrid, null, Password, default);
        await users.AddAsync("coordinator", "协管员", Role.Coordinator, InspectorGrid, null, Password, default);
        await users.AddAsync("liaison", "联络员", Role.DepartmentLiaison, null, "FOOD", Password, default);
    }

    /// <summary>A valid credit code for test business number <paramref name="n"/>.</summary>
    public static string Code(int n)
    {
        var first17 = $"91440111MA{n:D6}1";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    public static MultiPolygon Box(double minLon, double minLat, double maxLon, double maxLat) =>
        Wgs84.Factory.CreateMultiPolygon([(Polygon)Wgs84.Factory.ToGeometry(new Envelope(minLon, maxLon, minLat, maxLat))]);

    /// <summary>The district's clock as the app runs it: real time, judged in Beijing.</summary>
    public static Core.Common.JurisdictionClock Clock => new(TimeProvider.System, Core.Common.JurisdictionClock.FindZone(null));

    /// <summary>The district's date now, as the app judges it (Beijing's, not the UTC date).</summary>
    public static DateOnly Today => Clock.Today;
}
