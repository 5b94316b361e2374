using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Wangge.Core.Businesses;
using Wangge.Geo;
using Wangge.Tests.Auth;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Businesses;

/// <summary>A to-do item on the home page links to the list filtered to what it counts, and the list honours that filter.</summary>
public abstract class HomeTodoSpecification(AppFixture app) : ApiSpecification(app)
{
    private readonly Signing _signing = new(app);

    [Fact]
    public async Task UnplacedItem_LinksToTheListOfUnplacedBusinesses_WhichHoldsExactlyThem()
    {
        await App.InDatabaseAsync(async db =>
        {
            var root = await db.Grids.SingleAsync(g => g.ParentId == null, Ct);
            var business = new Business(Guid.CreateVersion7(), CreditCode.Parse(TestDistrict.Code(1950)), "未入格商户", BusinessKind.Enterprise,
                Sector.Catering, BusinessScale.Small, "界外路2号", Wgs84.Factory.CreatePoint(new Coordinate(112.5, 23.2)), new DateOnly(2020, 1, 1));
            business.Unplace(root.Scope);
            db.Businesses.Add(business);
            return await db.SaveChangesAsync(Ct);
        });
        var cookies = (await _signing.BrowserSignInAsync("bureau"))!;
        using var browser = _signing.Client();
        using var bureau = await App.SignedInAsync("bureau");

        var home = WebUtility.HtmlDecode(await (await Signing.SendAsync(browser, HttpMethod.Get, "/", cookies)).Content.ReadAsStringAsync(Ct));
        var listed = await bureau.GetFromJsonAsync<JsonElement>("/api/v1/businesses?unplaced=true&pageSize=100", Ct);

        Assert.Contains("href=\"businesses?unplaced=true\"", home, StringComparison.Ordinal);
        var unplaced = await App.InDatabaseAsync(db => db.Businesses.CountAsync(b => b.GridId == null, Ct));
        Assert.Equal(unplaced, listed.GetProperty("total").GetInt32());
        Assert.All(listed.GetProperty("items").EnumerateArray(), b => Assert.Equal(JsonValueKind.Null, b.GetProperty("gridCode").ValueKind));
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), b => b.GetProperty("name").GetString() == "未入格商户");
    }
}

[Collection("sqlite")]
public sealed class SqliteHomeTodoTests(SqliteApp app) : HomeTodoSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresHomeTodoTests(PostgresApp app) : HomeTodoSpecification(app), IClassFixture<PostgresApp>;
