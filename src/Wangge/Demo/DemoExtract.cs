using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Wangge.Demo;

public sealed record DemoStreet(string Code, string Name)
{
    public bool IsTown => Name.EndsWith('镇');
    public string ShortName => Name.Replace("街道", "").Replace("镇", "");
}

public sealed record DemoVillage(string Code, string Name, string StreetCode);

/// <summary>
/// The committed public extract the demo is built from (data/demo/baiyun): the real outline of Baiyun in
/// WGS-84 and the real names and codes of its streets, towns, villages and communities.
/// </summary>
public sealed record DemoExtract(MultiPolygon Outline, string DistrictCode, string DistrictName,
    IReadOnlyList<DemoStreet> Streets, IReadOnlyList<DemoVillage> Villages)
{
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "data", "demo", "baiyun");

    public static DemoExtract Load(string folder)
    {
        var json = new JsonSerializerOptions();
        json.Converters.Add(new GeoJsonConverterFactory(Geo.Wgs84.Factory));
        var collection = JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllText(Path.Combine(folder, "outline.geojson")), json)
                         ?? throw new InvalidDataException("outline.geojson holds no features.");
        var feature = collection[0];
        var outline = feature.Geometry switch
        {
            MultiPolygon m => m,
            Polygon p => Geo.Wgs84.Factory.CreateMultiPolygon([p]),
            _ => throw new InvalidDataException("The outline is not a polygon."),
        };
        outline.SRID = Geo.Wgs84.Srid;
        var streets = ReadCsv(Path.Combine(folder, "streets.csv")).Select(r => new DemoStreet(r[0], r[1])).ToList();
        var villages = ReadCsv(Path.Combine(folder, "villages.csv")).Select(r => new DemoVillage(r[0], r[1], r[2])).ToList();
        return new DemoExtract(outline, (string)feature.Attributes["code"], (string)feature.Attributes["name"], streets, villages);
    }

    // The extract's CSVs are plain: no quotes or commas inside fields (checked by the extract script).
    private static IEnumerable<string[]> ReadCsv(string path) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','));
}
