using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Grids;

/// <summary>
/// Adopting a districting plan carries each old grid's leader and supervisors to the new grid that takes most of its
/// businesses, says beforehand which new grids would be left without a leader, and names new grids like their siblings.
/// </summary>
public abstract class PlanStaffingSpecification(AppFixture app) : ApiSpecification(app)
{
    private const string SouthWest = "44011100100202";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task AdoptWithCarryStaff_MovesEachOldGridsStaffToTheGridTakingMostOfItsBusinesses()
    {
        using var bureau = await App.SignedInAsync("bureau");
        foreach (var (grid, name, role) in new[] { (TestDistrict.InspectorGrid, "北格长", "Leader"), (TestDistrict.InspectorGrid, "北监管", "Supervisor"), (SouthWest, "南格长", "Leader") })
            await JsonAsync(await bureau.PostAsJsonAsync($"/api/v1/grids/{grid}/staff", new { personName = name, post = "科员", role, from = "2026-01-01" }, Ct));

        var proposal = await JsonAsync(await bureau.PostAsJsonAsync("/api/v1/grids/plan",
            new { parent = TestDistrict.WestStreet, count = 2, @base = "Squares", cellKm = 5, seed = 1 }, Ct));
        var assignment = proposal.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("id").GetString()!, u => u.GetProperty("district").GetInt32());
        var request = new { parent = TestDistrict.WestStreet, @base = "Squares", cellKm = 5, assignment, carryStaff = true };

        var staffPlan = await JsonAsync(await bureau.PostAsJsonAsync("/api/v1/grids/plan/staff", request, Ct));
        var carries = staffPlan.GetProperty("carries").EnumerateArray().ToDictionary(c => c.GetProperty("fromGrid").GetString()!);
        Assert.Equal([TestDistrict.InspectorGrid, SouthWest], carries.Keys.Order(StringComparer.Ordinal));
        var targets = carries.Values.Select(c => c.GetProperty("toGrid").GetString()!).Distinct().ToList();
        var leaderless = staffPlan.GetProperty("leaderlessGrids").EnumerateArray().Select(g => g.GetProperty("code").GetString()).ToList();
        Assert.Equal(2 - targets.Count, leaderless.Count);
        Assert.All(leaderless, code => Assert.DoesNotContain(code, targets));

        var adopted = await JsonAsync(await bureau.PostAsJsonAsync("/api/v1/grids/plan/adopt", request, Ct));
        Assert.True(adopted.GetProperty("saved").GetBoolean());

        // New grids are named by the unit-grid convention, as their siblings ("西北网格") carry no number to follow.
        var grids = (await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/grids?parent={TestDistrict.WestStreet}", Ct)).EnumerateArray().ToList();
        Assert.Equal(["西街道第1网格", "西街道第2网格"], grids.Select(g => g.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));

        foreach (var (from, carry) in carries)
        {
            var to = carry.GetProperty("toGrid").GetString()!;
            // The target is where most of the old grid's businesses are now.
            var oldName = from == TestDistrict.InspectorGrid ? "西北网格" : "西南网格";
            var placed = await App.InDatabaseAsync(db => db.Businesses.Where(b => b.Name.StartsWith(oldName))
                .Join(db.Grids, b => b.GridId, g => g.Id, (b, g) => g.Code).ToListAsync(Ct));
            Assert.Equal(to, placed.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key);
            var roster = (await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/grids/{to}/staff", Ct)).EnumerateArray()
                .Where(s => s.GetProperty("to").ValueKind == JsonValueKind.Null).Select(s => s.GetProperty("personName").GetString()).ToList();
            Assert.All(carry.GetProperty("people").EnumerateArray(), p => Assert.Contains(p.GetProperty("name").GetString(), roster));
        }
        // Each carried duty ended on its old grid; a new grid has one leader at most.
        Assert.Equal(0, await App.InDatabaseAsync(db => db.GridAssignments.CountAsync(a => a.To == null
            && db.Grids.Any(g => g.Id == a.GridId && (g.Code == TestDistrict.InspectorGrid || g.Code == SouthWest)), Ct)));
        foreach (var g in grids)
        {
            var code = g.GetProperty("code").GetString();
            var leaders = (await bureau.GetFromJsonAsync<JsonElement>($"/api/v1/grids/{code}/staff", Ct)).EnumerateArray()
                .Count(s => s.GetProperty("to").ValueKind == JsonValueKind.Null && s.GetProperty("role").GetString() == "Leader");
            Assert.Equal(leaderless.Contains(code) ? 0 : 1, leaders);
        }
    }
}

[Collection("sqlite")]
public sealed class SqlitePlanStaffingTests(SqliteApp app) : PlanStaffingSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresPlanStaffingTests(PostgresApp app) : PlanStaffingSpecification(app), IClassFixture<PostgresApp>;
