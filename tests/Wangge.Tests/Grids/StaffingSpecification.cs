using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Grids;

/// <summary>
/// A roster is fixed where it is shown: a station chief assigns a leader and staff inside the station, by name or by picking
/// someone already rostered there, and cannot staff a grid of another station or name someone only rostered there.
/// </summary>
public abstract class StaffingSpecification(AppFixture app) : ApiSpecification(app)
{
    /// <summary>A bottom grid of the station chief's street that the seed leaves without staff.</summary>
    private const string EmptyGrid = "44011100100202";

    private static string Staff(string grid) => $"/api/v1/grids/{grid}/staff";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<List<string>> IssuesOfAsync(HttpClient client, string grid) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/grids/staffing", Ct)).EnumerateArray()
            .Where(i => i.GetProperty("gridCode").GetString() == grid).Select(i => i.GetProperty("kind").GetString()!).ToList();

    [Fact]
    public async Task StationChief_AssignsLeaderAndTwoSupervisors_GridMeetsTheStaffingRules()
    {
        using var station = await App.SignedInAsync("station");
        Assert.Contains("NoLeader", await IssuesOfAsync(station, EmptyGrid));

        foreach (var (name, role) in new[] { ("林网格长", "Leader"), ("陈监管员", "Supervisor"), ("黄监管员", "Supervisor") })
            await JsonAsync(await station.PostAsJsonAsync(Staff(EmptyGrid), new { personName = name, post = "科员", role }, Ct), HttpStatusCode.Created);

        var issues = await IssuesOfAsync(station, EmptyGrid);
        Assert.DoesNotContain("NoLeader", issues);
        Assert.DoesNotContain("TooFewStaff", issues);
        var roster = await station.GetFromJsonAsync<JsonElement>(Staff(EmptyGrid), Ct);
        var current = roster.EnumerateArray().Where(s => s.GetProperty("to").ValueKind == JsonValueKind.Null)
            .Select(s => (s.GetProperty("personName").GetString(), s.GetProperty("role").GetString())).ToList();
        Assert.Contains(("林网格长", "Leader"), current);
        Assert.Contains(("陈监管员", "Supervisor"), current);
        Assert.Contains(("黄监管员", "Supervisor"), current);
    }

    [Fact]
    public async Task StationChief_AssignsOnAnotherStationsGrid_ForbiddenAndNothingSaved()
    {
        using var station = await App.SignedInAsync("station");
        var before = await App.InDatabaseAsync(db => db.GridAssignments.CountAsync(Ct));
        using var response = await station.PostAsJsonAsync(Staff(TestDistrict.OtherGrid), new { personName = "越权人员", post = "科员", role = "Supervisor" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await App.InDatabaseAsync(db => db.GridAssignments.CountAsync(Ct)));
        Assert.False(await App.InDatabaseAsync(db => db.People.AnyAsync(p => p.Name == "越权人员", Ct)));
    }

    [Fact]
    public async Task RosteredPerson_AssignedByIdToASecondGrid_KeepsOnePersonRecord_AndTheSameDutyTwiceIsRefused()
    {
        using var station = await App.SignedInAsync("station");
        await JsonAsync(await station.PostAsJsonAsync(Staff(TestDistrict.InspectorGrid),
            new { personName = "周兼任", post = "副所长", phone = "13800000001", role = "Supervisor" }, Ct), HttpStatusCode.Created);

        var candidates = await station.GetFromJsonAsync<JsonElement>($"/api/v1/grids/{EmptyGrid}/candidates", Ct);
        var personId = candidates.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "周兼任").GetProperty("id").GetGuid();
        var second = await JsonAsync(await station.PostAsJsonAsync(Staff(EmptyGrid), new { personId, role = "Coordinator" }, Ct), HttpStatusCode.Created);
        Assert.Equal(("周兼任", "副所长"), (second.GetProperty("personName").GetString(), second.GetProperty("post").GetString()));
        Assert.Equal(1, await App.InDatabaseAsync(db => db.People.CountAsync(p => p.Name == "周兼任", Ct)));

        var again = await JsonAsync(await station.PostAsJsonAsync(Staff(EmptyGrid), new { personId, role = "Coordinator" }, Ct), HttpStatusCode.Conflict);
        Assert.Equal(("person_already_assigned", "personId"), (again.GetProperty("code").GetString(), again.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task PersonRosteredOnlyInAnotherStation_AssignedById_NotFoundAndNothingSaved()
    {
        using var bureau = await App.SignedInAsync("bureau");
        var elsewhere = await JsonAsync(await bureau.PostAsJsonAsync(Staff(TestDistrict.OtherGrid),
            new { personName = "东街人员", post = "科员", role = "Supervisor" }, Ct), HttpStatusCode.Created);
        var personId = await App.InDatabaseAsync(db => db.People.Where(p => p.Name == "东街人员").Select(p => p.Id).SingleAsync(Ct));
        Assert.NotEqual(Guid.Empty, elsewhere.GetProperty("id").GetGuid());

        using var station = await App.SignedInAsync("station");
        var candidates = await station.GetFromJsonAsync<JsonElement>($"/api/v1/grids/{EmptyGrid}/candidates", Ct);
        Assert.DoesNotContain(candidates.EnumerateArray(), p => p.GetProperty("id").GetGuid() == personId);
        using var response = await station.PostAsJsonAsync(Staff(EmptyGrid), new { personId, role = "Supervisor" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, await App.InDatabaseAsync(db => db.GridAssignments.CountAsync(a => a.PersonId == personId, Ct)));
    }
}

[Collection("sqlite")]
public sealed class SqliteStaffingTests(SqliteApp app) : StaffingSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresStaffingTests(PostgresApp app) : StaffingSpecification(app), IClassFixture<PostgresApp>;
