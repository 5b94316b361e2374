using Wangge.Core.Grids;
using Wangge.Hosting;

namespace Wangge.Grids;

/// <summary>
/// Names of China's county-level divisions with their codes (data/divisions/areas.csv), to give codes to
/// border files that carry only names, and to tell which province, city and county codes are current. Names repeat
/// across cities (there is a 白云区 in Guangzhou and one in Guiyang), so a file's ambiguous names are settled by the
/// city most of its other names belong to.
/// </summary>
public sealed class DivisionNames
{
    public const string RelativePath = "data/divisions/areas.csv";

    private readonly ILookup<string, (string Code, string City)> _byName;
    private readonly HashSet<string> _counties;
    private readonly HashSet<string> _cities;
    private readonly HashSet<string> _provinces;

    public DivisionNames(IEnumerable<(string Code, string Name, string City)> rows)
    {
        var list = rows.ToList();
        _byName = list.ToLookup(r => r.Name, r => (r.Code, r.City));
        _counties = list.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        _cities = list.Select(r => r.City).ToHashSet(StringComparer.Ordinal);
        _provinces = list.Select(r => r.Code[..GridCodeRules.ProvinceDigits]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The shipped list; a missing file stops the process, as matching names would silently find nothing.</summary>
    public static DivisionNames Load(string? path = null)
    {
        path ??= Path.Combine(AppContext.BaseDirectory, RelativePath);
        if (!File.Exists(path))
            throw new StartupException($"the data file {path} is missing: it ships with Wangge ({RelativePath}); reinstall or republish.");
        return new DivisionNames(File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(p => (p[0], p[1], p[2])));
    }

    /// <summary>
    /// Whether a province, city or county code is in the current division list; a code retired by a reform (two
    /// counties merged) is not. Other levels have no list here and count as current.
    /// </summary>
    public bool IsCurrent(string code, GridLevelKind level) => level switch
    {
        GridLevelKind.Province => code.Length >= GridCodeRules.ProvinceDigits && _provinces.Contains(code[..GridCodeRules.ProvinceDigits]),
        GridLevelKind.City => code.Length >= GridCodeRules.CityDigits && _cities.Contains(code[..GridCodeRules.CityDigits]),
        GridLevelKind.District => _counties.Contains(code),
        _ => true,
    };

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
