using System.Text.Json.Nodes;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.BadInput;

/// <summary>What a case must get: a refusal naming its field, or any answer that is no 5xx and, when an error, problem+json.</summary>
public enum Expect { Refused, NoServerError }

/// <summary>
/// One request of the corpus. Path and body may hold placeholders the runner fills in: {code} (a credit code no other case
/// uses), {business} (a business the case may change), {closing} (one the case may close),
/// {assignment} (a roster entry the case may end), {user} (an account the case may change), {self} (the caller's own account),
/// {person} (a person on the roster).
/// </summary>
public sealed record CorpusCase(string Group, string Name, string? User, string Method, string Path, string? Body,
    Expect Expect, string? Field, string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null,
    bool BareRefusal = false)
{
    public override string ToString() => $"{Method} {Group}: {Name}";
}

/// <summary>The shape of one field of a request body, from which its bad values are generated.</summary>
public enum Shape { Text, Number, Int, Enum, Date, Bool, List, Map }

/// <param name="Required">Refused when missing or null.</param>
/// <param name="Bounded">For numbers and dates: the negative, huge and far-out values are refused too.</param>
/// <param name="Also">Another field a refusal may name (a point outside the jurisdiction names lon, whichever coordinate moved it).</param>
public sealed record FieldSpec(string Path, Shape Shape, bool Required = false, bool Bounded = true, string? Also = null, string? ListItem = null);

/// <summary>
/// The bad-input corpus over the API, generated: each endpoint × each field × {missing, null, wrong type, too long,
/// NaN/Infinity, control characters, NUL, zero-width, RTL override, huge, negative, out-of-range dates, unknown enum},
/// plus malformed bodies, bad query strings, route values and headers.
/// </summary>
public static class ApiBadInputCorpus
{
    private const string Raw = "__corpus_raw_value__";

    /// <summary>A value for a field: JSON text, or null to leave the field out.</summary>
    private sealed record Mutation(string Name, string? Json, Expect Expect);

    private static IEnumerable<Mutation> Mutations(FieldSpec f)
    {
        var absent = f.Required ? Expect.Refused : Expect.NoServerError;
        yield return new("missing", null, absent);
        yield return new("null", "null", absent);
        switch (f.Shape)
        {
            case Shape.Text:
                yield return new("number instead of text", "12345", Expect.Refused);
                yield return new("boolean instead of text", "true", Expect.Refused);
                yield return new("object instead of text", "{\"a\":1}", Expect.Refused);
                yield return new("array instead of text", "[\"a\"]", Expect.Refused);
                yield return new("empty", "\"\"", absent);
                yield return new("only spaces", "\"   \"", absent);
                yield return new("too long (2,000 characters)", $"\"{new string('长', 2000)}\"", Expect.Refused);
                yield return new("control characters", "\"a\\u0001\\u001fb\"", Expect.Refused);
                yield return new("NUL", "\"a\\u0000b\"", Expect.Refused);
                yield return new("only zero-width characters", "\"\\u200b\\u200c\\u200d\\ufeff\"", absent);
                yield return new("RTL override", "\"abc\\u202egnp.exe\"", Expect.Refused);
                yield return new("text-direction isolate", "\"abc\\u2067x\"", Expect.Refused);
                break;
            case Shape.Number or Shape.Int:
                yield return new("text instead of a number", "\"east\"", Expect.Refused);
                yield return new("\"NaN\" as text", "\"NaN\"", Expect.Refused);
                yield return new("\"Infinity\" as text", "\"Infinity\"", Expect.Refused);
                yield return new("NaN literal", "NaN", Expect.Refused);
                yield return new("number beyond double", "1e400", Expect.Refused);
                yield return new("huge", f.Shape == Shape.Int ? "99999999999999" : "1e308", Expect.Refused);
                yield return new("negative", "-1", f.Bounded ? Expect.Refused : Expect.NoServerError);
                yield return new("boolean instead of a number", "true", Expect.Refused);
                yield return new("array instead of a number", "[1]", Expect.Refused);
                if (f.Shape == Shape.Int) yield return new("fraction for a whole number", "1.5", Expect.Refused);
                else yield return new("zero", "0", f.Bounded ? Expect.Refused : Expect.NoServerError);
                break;
            case Shape.Enum:
                yield return new("unknown value", "\"Spaceships\"", Expect.Refused);
                yield return new("number for a named value", "3", Expect.Refused);
                yield return new("empty", "\"\"", Expect.Refused);
                yield return new("value with a NUL", "\"A\\u0000\"", Expect.Refused);
                yield return new("boolean", "false", Expect.Refused);
                break;
            case Shape.Date:
                var range = f.Bounded ? Expect.Refused : Expect.NoServerError;
                yield return new("year 1800", "\"1800-01-01\"", range);
                yield return new("year 1", "\"0001-01-01\"", range);
                yield return new("year 2999", "\"2999-01-01\"", range);
                yield return new("year 9999", "\"9999-12-31\"", range);
                yield return new("no such day", "\"2026-02-30\"", Expect.Refused);
                yield return new("not a date", "\"yesterday\"", Expect.Refused);
                yield return new("number for a date", "20260101", Expect.Refused);
                yield return new("empty", "\"\"", Expect.Refused);
                break;
            case Shape.Bool:
                yield return new("text for a boolean", "\"yes\"", Expect.Refused);
                yield return new("number for a boolean", "1", Expect.Refused);
                yield return new("object for a boolean", "{}", Expect.Refused);
                break;
            case Shape.List:
                yield return new("text instead of a list", "\"x\"", Expect.Refused);
                yield return new("object instead of a list", "{}", Expect.Refused);
                yield return new("a null item", "[null]", Expect.Refused);
                yield return new("a number item", "[1]", Expect.Refused);
                yield return new("empty list", "[]", f.Bounded ? Expect.Refused : Expect.NoServerError);
                yield return new("a thousand items", "[" + string.Join(",", Enumerable.Repeat(f.ListItem ?? "1", 1000)) + "]",
                    f.ListItem is null ? Expect.Refused : Expect.NoServerError);
                break;
            case Shape.Map:
                yield return new("list instead of an object", "[]", Expect.Refused);
                yield return new("text value", "{\"x\":\"a\"}", Expect.Refused);
                yield return new("negative value", "{\"x\":-1}", Expect.NoServerError);
                yield return new("key with a NUL", "{\"x\\u0000\":1}", Expect.NoServerError);
                break;
        }
    }

    /// <summary>Every field of <paramref name="body"/> × its mutations, each in an otherwise valid body.</summary>
    private static IEnumerable<CorpusCase> BodyCases(string group, string user, string method, string path, Func<JsonObject> body,
        IEnumerable<FieldSpec> fields, bool keepAbsent = false)
    {
        foreach (var f in fields)
            foreach (var m in Mutations(f))
            {
                if (keepAbsent && m.Json is null) continue;
                var o = body();
                Set(o, f.Path, m.Json is null ? null : JsonValue.Create(Raw));
                var text = m.Json is null ? o.ToJsonString() : o.ToJsonString().Replace($"\"{Raw}\"", m.Json);
                yield return new CorpusCase(group, $"{f.Path}: {m.Name}", user, method, path, text, m.Expect, f.Also is null ? f.Path : $"{f.Path}|{f.Also}");
            }
        foreach (var (name, text) in MalformedBodies())
            yield return new CorpusCase(group, $"body: {name}", user, method, path, text, Expect.NoServerError, null);
    }

    private static IEnumerable<(string, string)> MalformedBodies()
    {
        yield return ("empty", "");
        yield return ("null", "null");
        yield return ("an array", "[1,2,3]");
        yield return ("a string", "\"hello\"");
        yield return ("cut off", "{\"name\": ");
        yield return ("trailing garbage", "{}}");
        yield return ("nested 200 deep", new string('[', 200) + new string(']', 200));
        yield return ("byte-order mark and comments", "\ufeff{/* c */}");
    }

    /// <summary>Sets (or with null removes) a field at a path such as "licences[0].kind".</summary>
    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        JsonNode node = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var (name, index) = parts[i].EndsWith(']') ? (parts[i][..parts[i].IndexOf('[')], int.Parse(parts[i][(parts[i].IndexOf('[') + 1)..^1])) : (parts[i], -1);
            var last = i == parts.Length - 1;
            if (index >= 0)
            {
                node = node[name]![index]!;
                continue;
            }
            if (!last) { node = node[name]!; continue; }
            var o = node.AsObject();
            if (value is null) o.Remove(name);
            else o[name] = value;
        }
    }

    public static IReadOnlyList<CorpusCase> All { get; } = Build().ToList();

    public static IEnumerable<string> Groups => All.Select(c => c.Group).Distinct();

    private static IEnumerable<CorpusCase> Build() =>
        CorpusEndpoints.Bodies().Concat(CorpusEndpoints.AdministrationBodies()).Concat(CorpusEndpoints.Queries())
            .Concat(CorpusEndpoints.AdministrationQueries()).Concat(CorpusEndpoints.Headers());

    internal static IEnumerable<CorpusCase> Body(string group, string user, string method, string path, Func<JsonObject> body,
        IEnumerable<FieldSpec> fields, bool keepAbsent = false) => BodyCases(group, user, method, path, body, fields, keepAbsent);
}
