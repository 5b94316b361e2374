using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Hosting;

/// <summary>
/// appsettings.example.json is the operator's list of every setting: each property of each options class is in it,
/// under its section, with its default value.
/// </summary>
public sealed class ExampleSettingsTests
{
    /// <summary>Set by the `demo` verb, never by an operator: it allows the published demo passwords.</summary>
    private static readonly string[] NotSettings = ["Wangge:DemoMode"];

    public static TheoryData<string> OptionsClasses() =>
        [.. OptionsTypes().Select(t => t.Type.Name)];

    private static IEnumerable<(Type Type, string Section, object Defaults)> OptionsTypes() =>
    [
        (typeof(Wangge.Hosting.WanggeOptions), Wangge.Hosting.WanggeOptions.Section, new Wangge.Hosting.WanggeOptions()),
        (typeof(Wangge.Imports.ImportOptions), Wangge.Imports.ImportOptions.Section, new Wangge.Imports.ImportOptions()),
        (typeof(Wangge.Grids.GridsOptions), Wangge.Grids.GridsOptions.Section, new Wangge.Grids.GridsOptions()),
        (typeof(Wangge.Audit.AuditOptions), Wangge.Audit.AuditOptions.Section, new Wangge.Audit.AuditOptions()),
        (typeof(Core.Risk.RiskRules), Core.Risk.RiskRules.Section, new Core.Risk.RiskRules()),
        (typeof(Core.Risk.TreatmentPolicy), Core.Risk.TreatmentPolicy.Section, new Core.Risk.TreatmentPolicy()),
    ];

    private static JsonNode Example()
    {
        var text = File.ReadAllText(Path.Combine(RepoFiles.Root, "src", "Wangge", "appsettings.example.json"));
        return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
    }

    [Theory]
    [MemberData(nameof(OptionsClasses))]
    public void EverySetting_IsInTheExampleWithItsDefault(string optionsClass)
    {
        var (type, section, defaults) = OptionsTypes().Single(t => t.Type.Name == optionsClass);
        var node = section.Split(':').Aggregate(Example(), (n, key) => n[key] ?? throw new Xunit.Sdk.XunitException($"The example has no section {section}"));
        var json = new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        var missing = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var path = $"{section}:{property.Name}";
            if (NotSettings.Contains(path)) continue;
            if (node[property.Name] is not { } given) { missing.Add(path); continue; }
            var expected = JsonSerializer.SerializeToNode(property.GetValue(defaults), json);
            // Null in the options ("not set") is an empty text in the example.
            if (expected is null) Assert.True(given.GetValue<string>() == "", $"{path}: the example gives {given.ToJsonString()}, the default is not set");
            else Assert.True(JsonNode.DeepEquals(Normalised(expected), Normalised(given)), $"{path}: the example gives {given.ToJsonString()}, the default is {expected.ToJsonString()}");
        }
        Assert.True(missing.Count == 0, "Settings missing from appsettings.example.json: " + string.Join(", ", missing));
    }

    /// <summary>Numbers compared as numbers (0.10 and 0.1, 1.0 and 1 are one value).</summary>
    private static JsonNode? Normalised(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Normalised(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Normalised)]),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.GetValue<double>()),
        _ => node?.DeepClone(),
    };
}
