using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.People;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Grids;

/// <summary>
/// Adopting a plan with its staff is one change: when carrying the staff fails after the new borders were written,
/// the old grids, their borders, their staff and every business's grid stay as they were.
/// </summary>
public abstract class PlanAdoptionRollbackSpecification(AppFixture app) : ApiSpecification(app)
{
    private const string Trigger = "wangge_test_refuse_assignment";

    [Fact]
    public async Task AdoptionWhoseStaffCarryFails_SavesNeitherTheBordersNorTheStaff()
    {
        using var bureau = await App.SignedInAsync("bureau");
        using (var staffed = await bureau.PostAsJsonAsync($"/api/v1/grids/{TestDistrict.InspectorGrid}/staff",
                   new { personName = "回滚格长", post = "科员", role = "Leader", from = "2026-01-01" }, Ct))
            Assert.Equal(HttpStatusCode.Created, staffed.StatusCode);
        using var planned = await bureau.PostAsJsonAsync("/api/v1/grids/plan",
            new { parent = TestDistrict.WestStreet, count = 2, @base = "Squares", cellKm = 5, seed = 1 }, Ct);
        var proposal = JsonDocument.Parse(await planned.Content.ReadAsStringAsync(Ct)).RootElement;
        var assignment = proposal.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("id").GetString()!, u => u.GetProperty("district").GetInt32());
        var before = await SnapshotAsync();

        await RefuseNewAssignmentsAsync(true);
        try
        {
            using var adopted = await bureau.PostAsJsonAsync("/api/v1/grids/plan/adopt",
                new { parent = TestDistrict.WestStreet, @base = "Squares", cellKm = 5, assignment, carryStaff = true }, Ct);
            Assert.Equal(HttpStatusCode.InternalServerError, adopted.StatusCode);
        }
        finally { await RefuseNewAssignmentsAsync(false); }

        var after = await SnapshotAsync();
        Assert.Equal(before.Grids, after.Grids);
        Assert.Equal(before.Borders, after.Borders);
        Assert.Equal(before.Duties, after.Duties);
        Assert.Equal(before.Placement, after.Placement);
        Assert.Contains(after.Duties, d => d.StartsWith($"{TestDistrict.InspectorGrid}:Leader", StringComparison.Ordinal));
    }

    private sealed record Snapshot(List<string> Grids, int Borders, List<string> Duties, List<string> Placement);

    private Task<Snapshot> SnapshotAsync() => App.InDatabaseAsync(async db => new Snapshot(
        await db.Grids.Where(g => g.ValidTo == null).Select(g => g.Code).OrderBy(c => c).ToListAsync(Ct),
        await db.GridBorderVersions.CountAsync(Ct),
        (await db.GridAssignments.Where(a => a.To == null)
            .Join(db.Grids, a => a.GridId, g => g.Id, (a, g) => new { g.Code, a.Role, a.PersonId }).ToListAsync(Ct))
            .Select(d => $"{d.Code}:{d.Role}:{d.PersonId}").Order(StringComparer.Ordinal).ToList(),
        (await db.Businesses.Select(b => new { b.Id, b.GridId }).ToListAsync(Ct))
            .Select(b => $"{b.Id}:{b.GridId}").Order(StringComparer.Ordinal).ToList()));

    /// <summary>A database trigger that refuses every new duty: the failure comes from the store, as a real one would.</summary>
    private Task RefuseNewAssignmentsAsync(bool refuse) => App.InDatabaseAsync(async db =>
    {
        var entity = db.Model.FindEntityType(typeof(GridAssignment))!;
        var table = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{entity.GetTableName()}\"" : $"\"{entity.GetTableName()}\"";
        string[] sql = (db.Database.IsNpgsql(), refuse) switch
        {
            (true, true) =>
            [
                $"CREATE FUNCTION {Trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
                $"CREATE TRIGGER {Trigger} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {Trigger}()",
            ],
            (true, false) => [$"DROP TRIGGER {Trigger} ON {table}", $"DROP FUNCTION {Trigger}()"],
            (false, true) => [$"CREATE TRIGGER {Trigger} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"],
            (false, false) => [$"DROP TRIGGER {Trigger}"],
        };
        foreach (var statement in sql) await db.Database.ExecuteSqlRawAsync(statement, Ct);
        return 0;
    });
}

[Collection("sqlite")]
public sealed class SqlitePlanAdoptionRollbackTests(SqliteApp app) : PlanAdoptionRollbackSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresPlanAdoptionRollbackTests(PostgresApp app) : PlanAdoptionRollbackSpecification(app), IClassFixture<PostgresApp>;
