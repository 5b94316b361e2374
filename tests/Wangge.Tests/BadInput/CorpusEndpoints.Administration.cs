using System.Text.Json.Nodes;
using Wangge.Tests.Infrastructure;
using static Wangge.Tests.BadInput.ApiBadInputCorpus;

namespace Wangge.Tests.BadInput;

/// <summary>The endpoints issue 11 added: user administration, the grid editor, the staff plan and the roster's candidates.</summary>
internal static partial class CorpusEndpoints
{
    /// <summary>An account without a display name shows its user name; one without a grid is placed nowhere, which only a
    /// caller over the whole jurisdiction may do (403 for the others).</summary>
    private static readonly FieldSpec[] AccountFields =
    [
        new("name", Shape.Text), new("role", Shape.Enum, Required: true), new("grid", Shape.Text), new("department", Shape.Text),
    ];

    /// <summary>A bottom grid's square inside the test district, as GeoJSON.</summary>
    private static JsonObject Square(double lon, double lat, double size) => new()
    {
        ["type"] = "Polygon",
        ["coordinates"] = new JsonArray(new JsonArray(
            new JsonArray(lon, lat), new JsonArray(lon + size, lat), new JsonArray(lon + size, lat + size), new JsonArray(lon, lat + size), new JsonArray(lon, lat))),
    };

    /// <summary>Borders no grid can have: each is refused naming the border, whatever the rest of the body says.</summary>
    private static IEnumerable<(string Name, string Json)> BadBorders()
    {
        yield return ("text instead of a geometry", "\"square\"");
        yield return ("list instead of a geometry", "[1,2]");
        yield return ("a point", "{\"type\":\"Point\",\"coordinates\":[113.1,23.3]}");
        yield return ("a line", "{\"type\":\"LineString\",\"coordinates\":[[113.1,23.3],[113.2,23.3]]}");
        yield return ("an unknown geometry type", "{\"type\":\"Spaceship\",\"coordinates\":[]}");
        yield return ("a ring of two points", "{\"type\":\"Polygon\",\"coordinates\":[[[113.1,23.3],[113.2,23.3]]]}");
        yield return ("coordinates as text", "{\"type\":\"Polygon\",\"coordinates\":\"x\"}");
        yield return ("NaN coordinates", "{\"type\":\"Polygon\",\"coordinates\":[[[\"NaN\",23.3],[113.2,23.3],[113.2,23.4],[\"NaN\",23.3]]]}");
        yield return ("an empty polygon", "{\"type\":\"Polygon\",\"coordinates\":[]}");
    }

    private static IEnumerable<CorpusCase> Borders(string group, string method, string path, Func<JsonObject> body)
    {
        foreach (var (name, json) in BadBorders())
        {
            var o = body();
            o["border"] = "__border__";
            yield return new CorpusCase(group, $"border: {name}", "bureau", method, path, o.ToJsonString().Replace("\"__border__\"", json), Expect.Refused, "border");
        }
    }

    public static IEnumerable<CorpusCase> AdministrationBodies()
    {
        foreach (var c in Body("create user", "bureau", "POST", "/api/v1/users",
                     () => new JsonObject { ["username"] = "{code}", ["name"] = "语料用户", ["role"] = "Inspector", ["grid"] = TestDistrict.InspectorGrid },
                     [new FieldSpec("username", Shape.Text, Required: true), .. AccountFields, new FieldSpec("password", Shape.Text)]))
            yield return c;
        foreach (var c in Body("change user", "bureau", "PUT", "/api/v1/users/{user}",
                     () => new JsonObject { ["name"] = "语料改名", ["role"] = "Inspector", ["grid"] = TestDistrict.InspectorGrid },
                     AccountFields.Select(f => f with { Required = false }), keepAbsent: true))
            yield return c;
        foreach (var c in Body("reset password", "bureau", "POST", "/api/v1/users/{user}/reset-password",
                     () => new JsonObject { ["password"] = "语料-新密码-2026" }, [new FieldSpec("password", Shape.Text)]))
            yield return c;
        foreach (var action in new[] { "disable", "enable", "revoke-sessions" })
        {
            yield return new CorpusCase("lock user", $"{action} an account that does not exist", "bureau", "POST", $"/api/v1/users/{Guid.NewGuid()}/{action}",
                null, Expect.NoServerError, null);
            yield return new CorpusCase("lock user", $"{action} an id that is no id", "bureau", "POST", $"/api/v1/users/not-an-id/{action}",
                null, Expect.NoServerError, null);
            yield return new CorpusCase("lock user", $"{action} by an inspector", "inspector", "POST", $"/api/v1/users/{{user}}/{action}",
                null, Expect.NoServerError, null);
        }
        yield return new CorpusCase("lock user", "disable oneself", "bureau", "POST", "/api/v1/users/{self}/disable", null, Expect.Refused, null);

        // The west street is covered already, so a new grid in it overlaps: what the editor answers then is its topology report.
        JsonObject NewGrid() => new()
        {
            ["code"] = "44011100100199", ["name"] = "语料网格", ["parentCode"] = TestDistrict.WestStreet, ["border"] = Square(113.05, 23.25, 0.05), ["reason"] = "语料",
        };
        foreach (var c in Body("create grid", "bureau", "POST", "/api/v1/grids", NewGrid,
                     [new FieldSpec("code", Shape.Text, Required: true), new FieldSpec("name", Shape.Text, Required: true),
                      new FieldSpec("parentCode", Shape.Text), new FieldSpec("reason", Shape.Text)]))
            yield return c;
        foreach (var c in Borders("create grid", "POST", "/api/v1/grids", NewGrid)) yield return c;
        JsonObject Rename() => new() { ["name"] = "西北网格", ["reason"] = "语料" };
        foreach (var c in Body("change grid", "bureau", "PUT", $"/api/v1/grids/{TestDistrict.InspectorGrid}", Rename,
                     [new FieldSpec("name", Shape.Text), new FieldSpec("reason", Shape.Text)]))
            yield return c;
        foreach (var c in Borders("change grid", "PUT", $"/api/v1/grids/{TestDistrict.InspectorGrid}", Rename)) yield return c;

        foreach (var c in Body("plan staff", "bureau", "POST", "/api/v1/grids/plan/staff",
                     () => new JsonObject { ["parent"] = TestDistrict.WestStreet, ["base"] = "Squares", ["cellKm"] = 15, ["assignment"] = new JsonObject(), ["carryStaff"] = true },
                     [new FieldSpec("parent", Shape.Text), new FieldSpec("base", Shape.Enum), new FieldSpec("cellKm", Shape.Number),
                      new FieldSpec("assignment", Shape.Map), new FieldSpec("carryStaff", Shape.Bool)]))
            yield return c with { Expect = Expect.NoServerError };
        // A roster entry for someone already on the roster: the person is named by id and keeps their own name, post and phone.
        foreach (var c in Body("assign known person", "bureau", "POST", "/api/v1/grids/44011100100202/staff",
                     () => new JsonObject { ["personId"] = "{person}", ["role"] = "Informant", ["from"] = "2026-01-01" },
                     [new FieldSpec("personId", Shape.Enum), new FieldSpec("post", Shape.Text), new FieldSpec("role", Shape.Enum, Required: true)]))
            yield return c;
    }

    public static IEnumerable<CorpusCase> AdministrationQueries()
    {
        const string users = "/api/v1/users";
        IEnumerable<CorpusCase> all =
        [
            .. Query("users", users, "role", Shape.Enum), .. Query("users", users, "grid", Shape.Enum),
            .. Query("users", users, "disabled", Shape.Bool), .. Query("users", users, "q", Shape.Text),
            .. Route("grid candidates", "/api/v1/grids/{code}/candidates", "code"),
        ];
        return all.Select(c => c.Name.EndsWith("unknown value", StringComparison.Ordinal) && c.Field is "grid" or "code"
            ? c with { Expect = Expect.NoServerError }
            : c.Name == "{code}: NUL" ? c with { Expect = Expect.NoServerError, BareRefusal = true } : c);
    }
}
