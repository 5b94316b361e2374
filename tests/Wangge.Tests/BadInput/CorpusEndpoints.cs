using System.Text.Json.Nodes;
using Wangge.Tests.Infrastructure;
using static Wangge.Tests.BadInput.ApiBadInputCorpus;

namespace Wangge.Tests.BadInput;

/// <summary>The endpoints of the corpus: their valid bodies and fields, query parameters, route values and headers.</summary>
internal static partial class CorpusEndpoints
{
    private static readonly string Today = TestDistrict.Today.ToString("yyyy-MM-dd");
    private static readonly string InAMonth = TestDistrict.Today.AddDays(30).ToString("yyyy-MM-dd");

    private static JsonObject NewBusiness() => new()
    {
        ["creditCode"] = "{code}", ["name"] = "语料餐厅", ["kind"] = "Enterprise", ["sector"] = "Catering", ["scale"] = "Small",
        ["keyIndustry"] = false, ["address"] = "语料路1号", ["lon"] = 113.05, ["lat"] = 23.3, ["openedOn"] = "2020-05-01",
        ["licences"] = new JsonArray(new JsonObject { ["kind"] = "FoodBusiness", ["number"] = "JY1440111", ["issuedOn"] = "2020-05-01", ["expiresOn"] = "2030-04-30" }),
    };

    private static readonly FieldSpec[] BusinessFields =
    [
        new("creditCode", Shape.Text, Required: true), new("name", Shape.Text, Required: true), new("kind", Shape.Enum, Required: true),
        new("sector", Shape.Enum, Required: true), new("sectors", Shape.List, ListItem: "\"Catering\""), new("scale", Shape.Enum),
        new("keyIndustry", Shape.Bool), new("address", Shape.Text, Required: true), new("lon", Shape.Number, Required: true, Also: "lat"),
        new("lat", Shape.Number, Required: true, Also: "lon"), new("crs", Shape.Text), new("legalRepresentative", Shape.Text),
        new("contactPerson", Shape.Text), new("contactPhone", Shape.Text), new("status", Shape.Enum), new("openedOn", Shape.Date),
        new("statusSince", Shape.Date), new("licences", Shape.List, Bounded: false), new("licences[0].kind", Shape.Enum, Required: true),
        new("licences[0].number", Shape.Text, Required: true), new("licences[0].scope", Shape.Text),
        new("licences[0].issuedOn", Shape.Date), new("licences[0].expiresOn", Shape.Date),
    ];

    public static IEnumerable<CorpusCase> Bodies()
    {
        foreach (var c in Body("create business", "bureau", "POST", "/api/v1/businesses", NewBusiness, BusinessFields)) yield return c;
        // A change binds the same record as a creation; what differs is the fields it merges with the stored ones.
        string[] merged = ["name", "address", "lon", "lat", "crs", "sector", "sectors", "status", "statusSince", "openedOn", "licences", "contactPhone"];
        foreach (var c in Body("change business", "bureau", "PUT", "/api/v1/businesses/{business}", () => new JsonObject { ["name"] = "语料改名" },
                     BusinessFields.Where(f => merged.Contains(f.Path)).Select(f => f with { Required = false }), keepAbsent: true))
            yield return c;
        foreach (var c in Body("close business", "bureau", "POST", "/api/v1/businesses/{closing}/close", () => new JsonObject { ["on"] = Today },
                     [new FieldSpec("on", Shape.Date), new FieldSpec("reason", Shape.Text)]))
            yield return c;
        foreach (var c in Body("record event", "bureau", "POST", "/api/v1/businesses/{business}/events",
                     () => new JsonObject { ["kind"] = "Inspection", ["occurredOn"] = "2026-01-05", ["failed"] = false, ["reference"] = "{code}", ["note"] = "语料" },
                     [new FieldSpec("kind", Shape.Enum, Required: true), new FieldSpec("occurredOn", Shape.Date), new FieldSpec("failed", Shape.Bool, Required: true),
                      new FieldSpec("reference", Shape.Text), new FieldSpec("note", Shape.Text)]))
            yield return c;
        foreach (var c in Body("override risk", "bureau", "PUT", "/api/v1/businesses/{business}/risk/override",
                     () => new JsonObject { ["class"] = "A", ["reason"] = "现场检查发现多项问题需要重点关注", ["until"] = InAMonth },
                     [new FieldSpec("class", Shape.Enum, Required: true), new FieldSpec("reason", Shape.Text, Required: true), new FieldSpec("until", Shape.Date, Required: true)]))
            yield return c;
        foreach (var c in Body("assign staff", "bureau", "POST", $"/api/v1/grids/{TestDistrict.InspectorGrid}/staff",
                     () => new JsonObject { ["personName"] = "语料人", ["post"] = "网格员", ["phone"] = "13800000000", ["role"] = "Supervisor", ["from"] = "2026-01-01" },
                     [new FieldSpec("personName", Shape.Text, Required: true), new FieldSpec("post", Shape.Text, Required: true), new FieldSpec("phone", Shape.Text),
                      new FieldSpec("role", Shape.Enum, Required: true), new FieldSpec("from", Shape.Date)]))
            yield return c;
        foreach (var c in Body("end assignment", "bureau", "POST", "/api/v1/grids/staff/{assignment}/end", () => new JsonObject { ["on"] = Today },
                     [new FieldSpec("on", Shape.Date)]))
            yield return c;
        foreach (var c in Body("token", null!, "POST", "/api/v1/auth/token", () => new JsonObject { ["username"] = "bureau", ["password"] = "wrong-password" },
                     [new FieldSpec("username", Shape.Text, Required: true), new FieldSpec("password", Shape.Text, Required: true)]))
            yield return c;
        // More grids than base areas: every field is read and checked, and the (slow) districting itself is never started.
        foreach (var c in Body("plan grids", "bureau", "POST", "/api/v1/grids/plan",
                     () => new JsonObject { ["parent"] = TestDistrict.WestStreet, ["count"] = 99, ["base"] = "Squares", ["cellKm"] = 15, ["seed"] = 1 },
                     [new FieldSpec("parent", Shape.Text, Required: true), new FieldSpec("count", Shape.Int, Required: true), new FieldSpec("base", Shape.Enum),
                      new FieldSpec("cellKm", Shape.Number), new FieldSpec("seed", Shape.Int, Bounded: false)]))
            yield return c;
        // A plan that assigns nothing is refused whatever else is wrong: adoption must never happen here.
        foreach (var c in Body("adopt plan", "bureau", "POST", "/api/v1/grids/plan/adopt",
                     () => new JsonObject { ["parent"] = TestDistrict.WestStreet, ["base"] = "Squares", ["cellKm"] = 15, ["assignment"] = new JsonObject(), ["reason"] = "语料" },
                     [new FieldSpec("parent", Shape.Text), new FieldSpec("base", Shape.Enum), new FieldSpec("cellKm", Shape.Number),
                      new FieldSpec("assignment", Shape.Map), new FieldSpec("reason", Shape.Text)]))
            yield return c with { Expect = Expect.NoServerError };
    }

    /// <summary>Bad values for a query parameter or route value, by what it takes.</summary>
    private static IEnumerable<(string Name, string Value, Expect Expect)> QueryValues(Shape shape)
    {
        yield return ("control character", "a%01b", Expect.Refused);
        yield return ("NUL", "a%00b", Expect.Refused);
        yield return ("RTL override", "a%E2%80%AEb", Expect.Refused);
        yield return ("zero-width only", "%E2%80%8B%E2%80%8B", shape == Shape.Text ? Expect.NoServerError : Expect.Refused);
        yield return ("too long", new string('x', 3000), shape == Shape.Text ? Expect.NoServerError : Expect.Refused);
        yield return ("empty", "", Expect.NoServerError);
        switch (shape)
        {
            case Shape.Enum:
                yield return ("unknown value", "Spaceships", Expect.Refused);
                yield return ("number", "999", Expect.NoServerError);
                break;
            case Shape.Int:
                yield return ("negative", "-1", Expect.Refused);
                yield return ("beyond int", "99999999999", Expect.Refused);
                yield return ("int max", "2147483647", Expect.Refused);
                yield return ("NaN", "NaN", Expect.Refused);
                yield return ("fraction", "1.5", Expect.Refused);
                break;
            case Shape.Bool:
                yield return ("yes", "yes", Expect.Refused);
                break;
            case Shape.Date:
                yield return ("not a date", "yesterday", Expect.Refused);
                yield return ("year 9999", "9999-12-31T23:59:59Z", Expect.NoServerError);
                yield return ("year 1", "0001-01-01T00:00:00Z", Expect.NoServerError);
                break;
            case Shape.Text:
                yield return ("SQL", "'%20OR%201=1--", Expect.NoServerError);
                yield return ("LIKE wildcards", "%25_%25", Expect.NoServerError);
                break;
        }
    }

    private static IEnumerable<CorpusCase> Query(string group, string path, string name, Shape shape, string? field = null)
    {
        foreach (var (what, value, expect) in QueryValues(shape))
        {
            var sep = path.Contains('?') ? '&' : '?';
            yield return new CorpusCase(group, $"{name}: {what}", "bureau", "GET", $"{path}{sep}{name}={value}", null, expect, field ?? name);
        }
    }

    private static IEnumerable<CorpusCase> Route(string group, string template, string name)
    {
        foreach (var (what, value, expect) in QueryValues(Shape.Enum).Where(v => v.Value.Length > 0))
            yield return new CorpusCase(group, $"{{{name}}}: {what}", "bureau", "GET", template.Replace($"{{{name}}}", value), null,
                what == "number" ? Expect.NoServerError : expect, name);
    }

    public static IEnumerable<CorpusCase> Queries()
    {
        const string search = "/api/v1/businesses";
        IEnumerable<CorpusCase> all =
        [
            .. Query("search", search, "grid", Shape.Enum), .. Query("search", search, "q", Shape.Text),
            .. Query("search", search, "sector", Shape.Enum), .. Query("search", search, "riskClass", Shape.Enum),
            .. Query("search", search, "status", Shape.Enum), .. Query("search", search, "licence", Shape.Enum),
            .. Query("search", search, "keyIndustry", Shape.Bool), .. Query("search", search, "page", Shape.Int),
            .. Query("search", search, "pageSize", Shape.Int),
            .. Query("ledger", "/api/v1/ledger", "grid", Shape.Enum), .. Query("ledger", "/api/v1/ledger", "status", Shape.Enum),
            .. Query("ledger export", $"/api/v1/ledger/{TestDistrict.InspectorGrid}/export", "format", Shape.Enum),
            .. Query("as-of", "/api/v1/businesses/{business}/as-of", "at", Shape.Date),
            .. Query("grids", "/api/v1/grids", "parent", Shape.Enum), .. Query("grid moves", "/api/v1/grids/moves", "grid", Shape.Enum),
            .. Query("grid export", "/api/v1/grids/export", "format", Shape.Enum),
            .. Query("import report", $"/api/v1/businesses/imports/{Guid.NewGuid()}", "maxProblems", Shape.Int),
            .. Route("grid", "/api/v1/grids/{code}", "code"), .. Route("grid staff", "/api/v1/grids/{code}/staff", "code"),
            .. Route("grid profile", "/api/v1/ledger/{code}/profile", "code"),
        ];
        // An import run that does not exist is 404 whatever its page size; only what no request may carry is refused first.
        // A grid code of the right form that names no grid is 404 too. Kestrel answers a NUL in a path itself, before
        // the application, with a bare 400.
        return all.Select(c => c.Group == "import report" && !c.Name.Contains("NUL") && !c.Name.Contains("control") && !c.Name.Contains("RTL")
                               || c.Name.EndsWith("unknown value", StringComparison.Ordinal) && c.Field is "grid" or "code" or "parent"
            ? c with { Expect = Expect.NoServerError }
            : c.Name == "{code}: NUL" ? c with { Expect = Expect.NoServerError, BareRefusal = true } : c);
    }

    public static IEnumerable<CorpusCase> Headers()
    {
        var body = NewBusiness().ToJsonString();
        CorpusCase Post(string name, string contentType, Dictionary<string, string>? headers = null, string? user = "bureau") =>
            new("headers", name, user, "POST", "/api/v1/businesses", body, Expect.NoServerError, null, contentType, headers);
        yield return Post("text/plain body", "text/plain");
        yield return Post("XML content type", "application/xml");
        yield return Post("form content type", "application/x-www-form-urlencoded");
        yield return Post("JSON in UTF-16 by its charset", "application/json; charset=utf-16");
        yield return Post("unknown charset", "application/json; charset=klingon");
        yield return Post("bearer token of garbage", "application/json", new() { ["Authorization"] = "Bearer garbage" }, user: null);
        yield return Post("bearer token of 6,000 characters", "application/json", new() { ["Authorization"] = "Bearer " + new string('x', 6000) }, user: null);
        yield return Post("basic authentication", "application/json", new() { ["Authorization"] = "Basic Zm9vOmJhcg==" }, user: null);
        yield return Post("a forged session cookie", "application/json", new() { ["Cookie"] = "wangge.auth=CfDJ8garbage" }, user: null);
        yield return Post("a broken culture cookie", "application/json", new() { ["Cookie"] = ".AspNetCore.Culture=c=xx-XX|uic=%00" });
        yield return Post("garbage Accept-Language", "application/json", new() { ["Accept-Language"] = "zz-ZZ;q=abc, *;q=-1" });
        yield return Post("If-Match garbage", "application/json", new() { ["If-Match"] = "\"garbage\"" });
        yield return Post("method override header", "application/json", new() { ["X-HTTP-Method-Override"] = "DELETE" });
        yield return new("headers", "GET with a body", "bureau", "GET", "/api/v1/businesses", body, Expect.NoServerError, null);
        yield return new("headers", "DELETE where none exists", "bureau", "DELETE", "/api/v1/businesses/{business}", null, Expect.NoServerError, null);
        yield return new("headers", "inspector creating a business elsewhere", "inspector", "POST", "/api/v1/businesses",
            body.Replace("113.05", "113.25"), Expect.NoServerError, null);
    }
}
