using System.Text.RegularExpressions;
using Wangge.Data.Common;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Architecture;

/// <summary>
/// Reads are scoped by one query filter; the only way past it is <see cref="UnscopedReads.Unscoped"/>, which names its
/// reason. A source scan fails on any other way of switching the filter off.
/// </summary>
public sealed partial class UnscopedReadsSpecification
{
    private const string Door = "UnscopedReads.cs";

    [GeneratedRegex(@"\bIgnoreQueryFilters\s*\(")]
    private static partial Regex FilterSwitchedOff();

    [GeneratedRegex(@"UnscopedReason\.(?<reason>\w+)")]
    private static partial Regex ReasonUsed();

    private static IEnumerable<(string Path, string Text)> Sources() =>
        Directory.EnumerateFiles(Path.Combine(RepoFiles.Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Path.GetRelativePath(RepoFiles.Root, f), File.ReadAllText(f)));

    /// <summary>The files and lines that switch the query filter off, the door itself left out.</summary>
    internal static IEnumerable<string> Offences(IEnumerable<(string Path, string Text)> sources) =>
        from s in sources
        where Path.GetFileName(s.Path) != Door
        from line in s.Text.Split('\n').Select((text, i) => (text, number: i + 1))
        where FilterSwitchedOff().IsMatch(line.text) && !line.text.TrimStart().StartsWith("///", StringComparison.Ordinal)
        select $"{s.Path}:{line.number}";

    [Fact]
    public void QueryFilter_IsSwitchedOffOnlyThroughTheNamedDoor()
    {
        var sources = Sources().ToList();
        Assert.True(sources.Count > 100, $"only {sources.Count} source files found: is the scan broken?");

        Assert.Empty(Offences(sources));
    }

    [Fact]
    public void TheDetector_FindsAFilterSwitchedOffAnywhereElse()
    {
        var planted = new[]
        {
            ("src/Wangge/Grids/Sneaky.cs", "var all = await db.Grids.IgnoreQueryFilters().ToListAsync(ct);"),
            ("src/Wangge/Grids/Spaced.cs", "var all = db.Set<Grid>()\n    .IgnoreQueryFilters ()\n    .Count();"),
            ("src/Wangge.Data/Common/UnscopedReads.cs", "set.IgnoreQueryFilters()"),
        };

        Assert.Equal(["src/Wangge/Grids/Sneaky.cs:1", "src/Wangge/Grids/Spaced.cs:2"], Offences(planted));
    }

    [Fact]
    public void EveryReason_IsOneSomeReadGives()
    {
        var used = Sources().Where(s => Path.GetFileName(s.Path) != Door)
            .SelectMany(s => ReasonUsed().Matches(s.Text).Select(m => m.Groups["reason"].Value)).ToHashSet();

        Assert.Equal([], Enum.GetNames<UnscopedReason>().Except(used).ToArray());
    }
}
