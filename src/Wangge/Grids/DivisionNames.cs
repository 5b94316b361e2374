namespace Wangge.Grids;

/// <summary>
/// Names of China's county-level divisions with their codes (data/divisions/areas.csv), to give codes to
/// border files that carry only names. Names repeat across cities (there is a 白云区 in Guangzhou and one in
/// Guiyang), so a file's ambiguous names are settled by the city most of its other names belong to.
/// </summary>
public sealed class DivisionNames
{
    private readonly ILookup<string, (string Code, string City)> _byName;

    public DivisionNames(IEnumerable<(string Code, string Name, string City)> rows) =>
        _byName = rows.ToLookup(r => r.Name, r => (r.Code, r.City));

    public static DivisionNames Load(string? path = null)
    {
        path ??= Path.Combine(AppContext.BaseDirectory, "data", "divisions", "areas.csv");
        if (!File.Exists(path)) return new DivisionNames([]);
        return new DivisionNames(File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(p => (p[0], p[1], p[2])));
    }

    /// <summary>Codes for the names of one file; a name that stays ambiguous or unknown maps to null.</summary>
    public IReadOnlyDictionary<string, string?> Resolve(IEnumerable<string> names)
    {
        var distinct = names.Distinct().ToList();
        var cities = distinct.Select(n => _byName[n].ToList()).Where(m => m.Count == 1).Select(m => m[0].City).ToList();
        var dominant = cities.GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        var result = new Dictionary<string, string?>();
        foreach (var name in distinct)
        {
            var matches = _byName[name].ToList();
            result[name] = matches.Count switch
            {
                1 => matches[0].Code,
                > 1 when dominant is not null => matches.Where(m => m.City == dominant).Select(m => m.Code).SingleOrDefault(),
                _ => null,
            };
        }
        return result;
    }
}
