using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using NetTopologySuite.Geometries;
using Wangge.Core.Businesses;
using Wangge.Geo;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Businesses;

/// <summary>
/// The ledger rolled up per node and profiled per grid (domain §4, §9) counts exactly what the ledger search
/// returns, within the caller's scope, and exports as the grid team prints it.
/// </summary>
public abstract class LedgerRollupSpecification(AppFixture app) : ApiSpecification(app)
{
    private const string WestSouthGrid = "44011100100202";
    private static readonly string[] BottomGrids = [TestDistrict.InspectorGrid, WestSouthGrid, TestDistrict.OtherGrid, "44011100200202"];

    /// <summary>Each count and the search that returns it; key firms and classes count the businesses not closed (LedgerCountRules).</summary>
    private static readonly (string Name, string Filter, bool NotClosed)[] CountFilters =
    [
        ("total", "", false), ("operating", "status=Operating", false), ("suspended", "status=Suspended", false), ("closed", "status=Closed", false),
        ("keyFirms", "keyIndustry=true", true), ("classA", "riskClass=A", true), ("classB", "riskClass=B", true), ("classC", "riskClass=C", true),
        ("classD", "riskClass=D", true), ("licencesExpired", "licence=Expired", false), ("licencesExpiringSoon", "licence=ExpiringSoon", false),
    ];

    private static async Task<int> CountAsync(HttpClient client, string grid, string filter, bool notClosed) => notClosed
        ? await TotalAsync(client, grid, filter + "&status=Operating") + await TotalAsync(client, grid, filter + "&status=Suspended")
        : await TotalAsync(client, grid, filter);

    private static DateOnly Today => TestDistrict.Today;

    /// <summary>Credit-code numbers of the businesses these tests register (the test district uses 1–20).</summary>
    private static int _serial = 7000;

    /// <summary>Registers a business at (lon, lat) as the bureau leader; <paramref name="extra"/> adds JSON members.</summary>
    private async Task<Guid> CreateAsync(HttpClient client, double lon, double lat, string extra = "", string sector = "\"Catering\"")
    {
        var n = Interlocked.Increment(ref _serial);
        var body = $$"""
            {"creditCode":"{{TestDistrict.Code(n)}}","name":"台帐测试{{n}}","kind":"Enterprise","sector":{{sector}},"scale":"Small",
             "address":"台帐路{{n}}号","lon":{{lon}},"lat":{{lat}}{{extra}}}
            """;
        var response = await client.PostAsync("/api/v1/businesses", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    /// <summary>A spread of ledger states in the west street: licences expired and expiring, a key firm, suspended, closed, overridden.</summary>
    private async Task SeedWestStreetAsync(HttpClient bureau)
    {
        var expired = Today.AddDays(-10).ToString("yyyy-MM-dd");
        var soon = Today.AddDays(20).ToString("yyyy-MM-dd");
        await CreateAsync(bureau, 113.05, 23.3, $$""","licences":[{"kind":"FoodBusiness","number":"JY-E","expiresOn":"{{expired}}"}]""");
        await CreateAsync(bureau, 113.06, 23.1, $$""","licences":[{"kind":"FoodBusiness","number":"JY-S","expiresOn":"{{soon}}"}]""");
        await CreateAsync(bureau, 113.06, 23.3,
            $$""","licences":[{"kind":"FoodBusiness","number":"JY-ES","expiresOn":"{{expired}}"},{"kind":"SmallFoodRegistration","number":"DJ-ES","expiresOn":"{{soon}}"}]""");
        await CreateAsync(bureau, 113.07, 23.3, ""","keyIndustry":true,"status":"Suspended" """);
        await CreateAsync(bureau, 113.08, 23.1, ""","sectors":["FoodProduction","FoodSale"],"keyIndustry":true""", "\"FoodProduction\"");
        var closed = await CreateAsync(bureau, 113.09, 23.3);
        Assert.Equal(HttpStatusCode.OK, (await bureau.PostCurrentAsync($"/api/v1/businesses/{closed}", "close", new { on = Today.ToString("yyyy-MM-dd") }, Ct)).StatusCode);
        var overridden = await CreateAsync(bureau, 113.11, 23.1);
        var o = await bureau.PutAsJsonAsync($"/api/v1/businesses/{overridden}/risk/override",
            new { @class = "D", reason = "重大活动保障期间重点防范", until = Today.AddDays(30).ToString("yyyy-MM-dd") }, Ct);
        Assert.Equal(HttpStatusCode.OK, o.StatusCode);
    }

    private static async Task<int> TotalAsync(HttpClient client, string grid, string filter) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/businesses?grid={grid}&pageSize=1&{filter}", Ct)).GetProperty("total").GetInt32();

    private static int Count(JsonElement counts, string name) => counts.GetProperty(name).GetInt32();

    [Fact]
    public async Task Rollup_WithoutGrid_StartsAtCallersTopNodeAndAddsUp()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var root = await bureau.GetFromJsonAsync<JsonElement>("/api/v1/ledger", Ct);
        Assert.Equal(TestDistrict.District, root.GetProperty("node").GetProperty("code").GetString());
        Assert.Equal([TestDistrict.District], root.GetProperty("path").EnumerateArray().Select(n => n.GetProperty("code").GetString()));
        Assert.Equal([TestDistrict.Zone], root.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(await TotalAsync(bureau, "", ""), Count(root.GetProperty("totals"), "total"));

        using var station = await App.SignedInAsync("station");
        var street = await station.GetFromJsonAsync<JsonElement>("/api/v1/ledger", Ct);
        Assert.Equal([TestDistrict.WestStreet], street.GetProperty("path").EnumerateArray().Select(n => n.GetProperty("code").GetString()));
        Assert.Equal([TestDistrict.InspectorGrid, WestSouthGrid], street.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        var sum = street.GetProperty("children").EnumerateArray().Sum(c => Count(c.GetProperty("counts"), "total"));
        Assert.Equal(Count(street.GetProperty("totals"), "total"), sum + Count(street.GetProperty("unplaced"), "total"));
    }

    [Fact]
    public async Task Rollup_EveryCountOfEveryChild_EqualsWhatTheLedgerSearchReturns()
    {
        using var bureau = await App.SignedInAsync("bureau");
        await SeedWestStreetAsync(bureau);
        var rollup = await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/ledger?grid={TestDistrict.WestStreet}", Ct);
        Assert.Equal([TestDistrict.District, TestDistrict.Zone, TestDistrict.WestStreet],
            rollup.GetProperty("path").EnumerateArray().Select(n => n.GetProperty("code").GetString()));
        foreach (var child in rollup.GetProperty("children").EnumerateArray())
        {
            var code = child.GetProperty("code").GetString()!;
            foreach (var (name, filter, notClosed) in CountFilters)
                Assert.True(await CountAsync(bureau, code, filter, notClosed) == Count(child.GetProperty("counts"), name), $"{code} {name}");
        }
        foreach (var (name, filter, notClosed) in CountFilters)
            Assert.True(await CountAsync(bureau, TestDistrict.WestStreet, filter, notClosed) == Count(rollup.GetProperty("totals"), name), $"totals {name}");
        var totals = rollup.GetProperty("totals");
        Assert.True(Count(totals, "licencesExpired") >= 1 && Count(totals, "licencesExpiringSoon") >= 1 && Count(totals, "classD") >= 1
                    && Count(totals, "suspended") >= 1 && Count(totals, "closed") >= 1, totals.ToString());
    }

    [Fact]
    public async Task Rollup_WithFilters_CountsOnlyWhatTheFilteredSearchReturns()
    {
        using var bureau = await App.SignedInAsync("bureau");
        await SeedWestStreetAsync(bureau);
        foreach (var filter in new[] { "keyIndustry=true", "status=Operating&sector=FoodSale", "licence=Expired", "riskClass=D&status=Operating" })
        {
            var rollup = await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/ledger?grid={TestDistrict.Zone}&{filter}", Ct);
            Assert.True(await TotalAsync(bureau, TestDistrict.Zone, filter) == Count(rollup.GetProperty("totals"), "total"), filter);
            foreach (var child in rollup.GetProperty("children").EnumerateArray())
                Assert.True(await TotalAsync(bureau, child.GetProperty("code").GetString()!, filter) == Count(child.GetProperty("counts"), "total"), filter);
        }
    }

    [Fact]
    public async Task Rollup_BusinessOutsideEveryGrid_CountedAsUnplacedAtTheRootOnly()
    {
        using var bureau = await App.SignedInAsync("bureau");
        // The API refuses a point in no grid; a business is left unplaced when a border change leaves it outside.
        await App.InDatabaseAsync(async db =>
        {
            var root = await db.Grids.SingleAsync(g => g.ParentId == null, Ct);
            var business = new Business(Guid.CreateVersion7(), CreditCode.Parse(TestDistrict.Code(1900)), "界外商户", BusinessKind.Enterprise,
                Sector.Catering, BusinessScale.Small, "界外路1号", Wgs84.Factory.CreatePoint(new Coordinate(112.5, 23.2)), new DateOnly(2020, 1, 1));
            business.Unplace(root.Scope);
            db.Businesses.Add(business);
            return await db.SaveChangesAsync(Ct);
        });
        var root = await bureau.GetFromJsonAsync<JsonElement>("/api/v1/ledger", Ct);
        var unplaced = Count(root.GetProperty("unplaced"), "total");
        Assert.True(unplaced >= 1);
        var sum = root.GetProperty("children").EnumerateArray().Sum(c => Count(c.GetProperty("counts"), "total"));
        Assert.Equal(Count(root.GetProperty("totals"), "total"), sum + unplaced);
        var zone = await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/ledger?grid={TestDistrict.Zone}", Ct);
        Assert.Equal(0, Count(zone.GetProperty("unplaced"), "total"));
    }

    [Fact]
    public async Task Inspector_Rollup_CoversOnlyOwnGrid()
    {
        using var inspector = await App.SignedInAsync("inspector");
        var own = await inspector.GetFromJsonAsync<JsonElement>("/api/v1/ledger", Ct);
        Assert.Equal([TestDistrict.InspectorGrid], own.GetProperty("path").EnumerateArray().Select(n => n.GetProperty("code").GetString()));
        Assert.Empty(own.GetProperty("children").EnumerateArray());
        Assert.Equal(await TotalAsync(inspector, "", ""), Count(own.GetProperty("totals"), "total"));
        Assert.Equal(0, Count(own.GetProperty("unplaced"), "total"));
        foreach (var url in new[]
                 {
                     $"/api/v1/ledger?grid={TestDistrict.OtherGrid}", $"/api/v1/ledger?grid={TestDistrict.District}",
                     $"/api/v1/ledger/{TestDistrict.OtherGrid}/profile", $"/api/v1/ledger/{TestDistrict.WestStreet}/export?format=csv",
                 })
            Assert.True((await inspector.GetAsync(url, Ct)).StatusCode == HttpStatusCode.NotFound, url);
    }

    [Fact]
    public async Task Profile_CountsOfNotClosedBusinesses_EqualWhatTheLedgerSearchReturns()
    {
        using var bureau = await App.SignedInAsync("bureau");
        await SeedWestStreetAsync(bureau);
        using var station = await App.SignedInAsync("station");
        var p = await station.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/{TestDistrict.WestStreet}/profile", Ct);
        async Task<int> Active(string filter) =>
            await TotalAsync(station, TestDistrict.WestStreet, filter + "&status=Operating") + await TotalAsync(station, TestDistrict.WestStreet, filter + "&status=Suspended");

        Assert.Equal(await Active(""), Count(p, "entities"));
        Assert.Equal(await TotalAsync(station, TestDistrict.WestStreet, "status=Closed"), Count(p, "closed"));
        Assert.Equal(await Active("keyIndustry=true"), Count(p, "keyFirms"));
        foreach (var c in new[] { "A", "B", "C", "D" })
            Assert.True(await Active($"riskClass={c}") == Count(p, $"class{c}"), c);
        var bySector = p.GetProperty("bySector").EnumerateArray().ToDictionary(s => s.GetProperty("sector").GetString()!, s => s.GetProperty("count").GetInt32());
        foreach (var sector in new[] { "Catering", "FoodSale", "FoodProduction", "Retail" })
            Assert.True(await Active($"sector={sector}") == bySector.GetValueOrDefault(sector), sector);
        // The business that makes and sells food counts under both of its sectors.
        Assert.True(bySector["FoodSale"] >= 1 && bySector["FoodProduction"] >= 1);
    }

    [Fact]
    public async Task Profile_EnforcementAndInspection_CountBusinessesWithRecentRecords()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var before = await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/{WestSouthGrid}/profile", Ct);
        var violator = await CreateAsync(bureau, 113.12, 23.05);
        var longAgo = await CreateAsync(bureau, 113.13, 23.05);
        async Task Record(Guid id, string kind, int daysAgo, bool? failed = null)
        {
            var response = await bureau.PostAsJsonAsync($"/api/v1/businesses/{id}/events",
                new { kind, occurredOn = Today.AddDays(-daysAgo).ToString("yyyy-MM-dd"), failed }, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        await Record(violator, "Violation", 100);
        await Record(violator, "Penalty", 90);
        await Record(violator, "Inspection", 30, failed: false);
        await Record(longAgo, "Violation", 4 * 366);
        await Record(longAgo, "SpotCheck", 400, failed: true);

        var after = await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/ledger/{WestSouthGrid}/profile", Ct);
        Assert.Equal(Count(before, "withEnforcementRecord") + 1, Count(after, "withEnforcementRecord"));
        Assert.Equal(Count(before, "inspectedLast12Months") + 1, Count(after, "inspectedLast12Months"));
        Assert.Equal(Count(before, "entities") + 2, Count(after, "entities"));
    }

    [Fact]
    public async Task Export_Xlsx_IsTheSummaryThenOneSheetPerBottomGrid()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var response = await bureau.GetAsync($"/api/v1/ledger/{TestDistrict.District}/export?format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"ledger-{TestDistrict.District}.xlsx", FileName(response));
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var sheets = MiniExcel.GetSheetNames(stream);
        Assert.Equal("汇总", sheets[0]);
        // An unplaced business made by another test of this class adds a last sheet of its own.
        Assert.Equal(BottomGrids.Order(StringComparer.Ordinal), sheets.Skip(1).Where(s => s != "未入格").Select(s => s.Split(' ')[0]));

        using var station = await App.SignedInAsync("station");
        using var west = new MemoryStream(await station.GetByteArrayAsync($"/api/v1/ledger/{TestDistrict.WestStreet}/export?format=xlsx", Ct));
        Assert.Equal(["汇总", TestDistrict.InspectorGrid, WestSouthGrid], MiniExcel.GetSheetNames(west).Select(s => s.Split(' ')[0]));
    }

    [Fact]
    public async Task Export_SummaryTotals_CountLicencesAsTheRollupDoes_EachBusinessByItsWorstLicence()
    {
        using var bureau = await App.SignedInAsync("bureau");
        await SeedWestStreetAsync(bureau);
        var totals = (await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/ledger?grid={TestDistrict.WestStreet}", Ct)).GetProperty("totals");

        using var stream = new MemoryStream(await bureau.GetByteArrayAsync($"/api/v1/ledger/{TestDistrict.WestStreet}/export?format=xlsx", Ct));
        var total = (IDictionary<string, object>)MiniExcel.Query(stream, useHeaderRow: true, sheetName: "汇总").Last();

        Assert.Equal((Count(totals, "licencesExpired"), Count(totals, "licencesExpiringSoon")),
            (Convert.ToInt32(total["许可证过期"]), Convert.ToInt32(total["许可证即将到期"])));
    }

    [Fact]
    public async Task Export_Csv_IsTextCsvNamedAfterTheGrid()
    {
        using var gridleader = await App.SignedInAsync("gridleader");
        var response = await gridleader.GetAsync($"/api/v1/ledger/{TestDistrict.InspectorGrid}/export?format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"ledger-{TestDistrict.InspectorGrid}.csv", FileName(response));
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(await TotalAsync(gridleader, TestDistrict.InspectorGrid, "") + 1, lines.Length);
    }

    [Fact]
    public async Task Export_UnknownFormat_ProblemNamingFormat()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var response = await bureau.GetAsync($"/api/v1/ledger/{TestDistrict.District}/export?format=pdf", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("format", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
    }

    private static string? FileName(HttpResponseMessage response) =>
        response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
}

[Collection("sqlite")]
public sealed class SqliteLedgerRollupTests(SqliteApp app) : LedgerRollupSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresLedgerRollupTests(PostgresApp app) : LedgerRollupSpecification(app), IClassFixture<PostgresApp>;
