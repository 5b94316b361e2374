using Microsoft.Extensions.Options;
using Wangge.Core.Grids;
using Wangge.Hosting;

namespace Wangge.Grids;

/// <summary>
/// How this jurisdiction draws and numbers its grids (section "Wangge:Grids" of the settings).
/// </summary>
public sealed class GridsOptions
{
    public const string Section = "Wangge:Grids";
    public const string LevelsKey = Section + ":Levels";
    public const int MaxLevels = 7;

    public static IReadOnlyList<GridLevelKind> DefaultLevels { get; } =
        [GridLevelKind.District, GridLevelKind.Zone, GridLevelKind.Street, GridLevelKind.Grid];

    /// <summary>
    /// The levels in use, top to bottom: 2–7 of Province, City, District, Zone, Street, Village, Grid; the top is a
    /// bureau's area (Province, City or District), the bottom Grid. A configured list replaces the default
    /// (see <see cref="Read"/>), as an item list or one comma-separated value.
    /// </summary>
    public List<GridLevelKind> Levels { get; set; } = [.. DefaultLevels];

    /// <summary>Administrative (GB/T 2260 province 2, city 4, county 6 + street 3 + village 3 + sequence 2) or Free.</summary>
    public GridCodeScheme CodeScheme { get; set; } = GridCodeScheme.Administrative;

    /// <summary>Overlaps and gaps smaller than this many square metres are drawing noise, not problems.</summary>
    public double ToleranceM2 { get; set; } = 1.0;

    /// <summary>
    /// Overlaps, gaps and overhangs thinner than this many metres (mean width 2·area/perimeter) are rounding
    /// noise along a shared border — a file written to 6 decimals moves every border by up to 0.1 m.
    /// </summary>
    public double SliverWidthM { get; set; } = 0.5;

    /// <summary>The level under <paramref name="parent"/> in this jurisdiction, or null under the bottom.</summary>
    public GridLevelKind? LevelBelow(GridLevelKind? parent)
    {
        if (parent is null) return Levels[0];
        var i = Levels.IndexOf(parent.Value);
        return i < 0 || i + 1 >= Levels.Count ? null : Levels[i + 1];
    }

    public IEnumerable<string> Validate()
    {
        var names = string.Join(", ", Enum.GetNames<GridLevelKind>());
        if (Levels.Count is < 2 or > MaxLevels) yield return $"{LevelsKey} must name 2 to {MaxLevels} levels of {names}.";
        if (Levels.Count > 0 && Levels[0] > GridLevelKind.District) yield return $"{LevelsKey} must start with a bureau's area: Province, City or District.";
        if (Levels.Count > 0 && Levels[^1] != GridLevelKind.Grid) yield return $"{LevelsKey} must end with Grid.";
        if (Levels.Zip(Levels.Skip(1)).Any(p => p.First >= p.Second)) yield return $"{LevelsKey} must go from the top down ({names}) without repeats.";
        if (ToleranceM2 < 0) yield return $"{Section}:ToleranceM2 cannot be negative.";
    }

    /// <summary>
    /// Reads the section. The configuration binder appends a list to the one a property starts with, so the levels
    /// are read here, where a configured list replaces the default; any bad value is a <see cref="StartupException"/>
    /// naming the setting.
    /// </summary>
    public static GridsOptions Read(IConfiguration configuration)
    {
        var options = new GridsOptions();
        var others = configuration.GetSection(Section).AsEnumerable()
            .Where(kv => !kv.Key.Equals(LevelsKey, StringComparison.OrdinalIgnoreCase) && !kv.Key.StartsWith(LevelsKey + ":", StringComparison.OrdinalIgnoreCase));
        try
        {
            new ConfigurationBuilder().AddInMemoryCollection(others).Build().GetSection(Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException(e.Message);
        }
        var levels = configuration.GetSection(LevelsKey);
        var items = levels.GetChildren().Select(c => (Key: c.Path, c.Value)).ToList();
        if (items.Count == 0 && levels.Value is { } list)
            items = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => (Key: LevelsKey, (string?)v)).ToList();
        if (items.Count > 0)
            options.Levels = items.Select(i => ParseLevel(i.Key, i.Value)).ToList();
        if (options.Validate().FirstOrDefault() is { } problem) throw new StartupException(problem);
        return options;
    }

    /// <summary>A level by its name only: Enum.TryParse would also take "3" and "City,District" (OR-ed to another level).</summary>
    private static GridLevelKind ParseLevel(string key, string? value)
    {
        var name = value?.Trim() ?? "";
        var level = Enum.GetValues<GridLevelKind>().Where(l => l.ToString().Equals(name, StringComparison.OrdinalIgnoreCase)).Cast<GridLevelKind?>().FirstOrDefault();
        return level ?? throw new StartupException($"{key} is '{value}', which is no level; the levels are {string.Join(", ", Enum.GetNames<GridLevelKind>())}.");
    }
}

/// <summary>Registers <see cref="GridsOptions"/> read by <see cref="GridsOptions.Read"/>, not by the binder.</summary>
internal static class GridsOptionsRegistration
{
    public static IServiceCollection AddGridsOptions(this IServiceCollection services) =>
        services.AddSingleton<IOptions<GridsOptions>>(sp => Options.Create(GridsOptions.Read(sp.GetRequiredService<IConfiguration>())));
}
