using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wangge.Core.Grids;
using Wangge.Data;
using Wangge.Grids;
using Wangge.Hosting;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Grids;

/// <summary>
/// The program as it is installed: `dotnet publish` of the built program into a temporary folder, run as a process.
/// Its data files travel with it (a county's name finds its code there), and its settings come from the environment
/// and appsettings.json as a deployment writes them. Run alone with --filter "Category=Published".
/// </summary>
[Trait("Category", "Published")]
public abstract class PublishedProgram : IAsyncLifetime
{
    private TestDatabase? _database;

    protected abstract Task<TestDatabase?> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        if (_database is null) Assert.Skip(Prerequisites.PostgresSkipReason);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Shaoguan (韶关市, 440200) over three counties: two named only, the third under its code of before 2004 (曲江县).</summary>
    protected static string CityFile()
    {
        static string Box(string properties, double w, double e) => FormattableString.Invariant(
            $"{{\"type\":\"Feature\",\"properties\":{{{properties}}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{w},24.6],[{e},24.6],[{e},25.0],[{w},25.0],[{w},24.6]]]}}}}");
        return "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",",
            Box("\"code\":\"440200\",\"name\":\"韶关市\"", 113.0, 113.6),
            Box("\"name\":\"武江区\",\"parent\":\"440200\"", 113.0, 113.2),
            Box("\"name\":\"浈江区\",\"parent\":\"440200\"", 113.2, 113.4),
            Box("\"code\":\"440221\",\"name\":\"曲江县\",\"parent\":\"440200\"", 113.4, 113.6)) + "]}";
    }

    protected static readonly Dictionary<string, string> ThreeLevels = new()
    {
        ["Wangge__Grids__Levels__0"] = "City", ["Wangge__Grids__Levels__1"] = "District", ["Wangge__Grids__Levels__2"] = "Grid",
    };

    protected sealed record Run(int Exit, string Out, string Err)
    {
        public override string ToString() => $"exit {Exit}\n{Out}\n{Err}";
    }

    protected async Task<Run> RunAsync(string[] args, Dictionary<string, string> environment, string? program = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Directory.CreateTempSubdirectory("wangge-run-").FullName,
        };
        string[] arguments = [Path.Combine(program ?? await Published.Value, "wangge.dll"), .. args, "--db", _database!.Database.ConnectionString];
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["WANGGE_DB"] = null;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Run(process.ExitCode, await output, await error);
    }

    protected async Task<T> InDatabaseAsync<T>(Func<WanggeDbContext, Task<T>> query)
    {
        var services = new ServiceCollection();
        services.AddSingleton<Core.Common.ICallerAccessor, SystemCallers>();
        services.AddWanggeData(_database!.Database);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WanggeDbContext>());
    }

    protected static async Task<string> WriteTempAsync(string name, string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("wangge-file-").FullName, name);
        await File.WriteAllTextAsync(path, text, Encoding.UTF8, Ct);
        return path;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> Installed = new();

    /// <summary>A copy of the published program whose own appsettings.json sets Wangge:Grids:Levels, as an installer would.</summary>
    protected static Task<string> WithSettingsAsync(string levels) => Installed.GetOrAdd(levels, l => new Lazy<Task<string>>(async () =>
    {
        var source = await Published.Value;
        var copy = Directory.CreateTempSubdirectory("wangge-installed-").FullName;
        foreach (var dir in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(copy, Path.GetRelativePath(source, dir)));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(copy, Path.GetRelativePath(source, file)));
        var path = Path.Combine(copy, "appsettings.json");
        var settings = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        if (settings["Wangge"] is not System.Text.Json.Nodes.JsonObject wangge) settings["Wangge"] = wangge = [];
        if (wangge["Grids"] is not System.Text.Json.Nodes.JsonObject grids) wangge["Grids"] = grids = [];
        grids["Levels"] = System.Text.Json.Nodes.JsonNode.Parse(l);
        await File.WriteAllTextAsync(path, settings.ToJsonString());
        return copy;
    })).Value;

    /// <summary>One publish per test run, of the program this test project was built with (no second build).</summary>
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    private static async Task<string> PublishAsync()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Wangge.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        var output = Directory.CreateTempSubdirectory("wangge-published-").FullName;
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "publish", Path.Combine(root.FullName, "src", "Wangge", "Wangge.csproj"), "-c", configuration, "--no-build", "-o", output, "-nologo", "-v", "q" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var err = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet publish failed: {await log}{await err}");
        Assert.True(File.Exists(Path.Combine(output, DivisionNames.RelativePath)), "the division list is not in the published output");
        return output;
    }
}

/// <summary>A city bureau's border file through the installed program, on each database.</summary>
[Trait("Category", "Published")]
public abstract class PublishedBuildSpecification : PublishedProgram
{
    [Fact]
    public async Task GridsImport_CityFileWithCountyNames_NamesMatchedToCodesAndRetiredCodeWarned()
    {
        var file = await WriteTempAsync("shaoguan.geojson", CityFile());

        var run = await RunAsync(["grids", "import", file], ThreeLevels);

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("4 new", run.Out, StringComparison.Ordinal);
        Assert.Contains("warning: 440221 is not a current District code", run.Out, StringComparison.Ordinal);
        var grids = await InDatabaseAsync(db => db.Grids.Where(g => g.ValidTo == null).OrderBy(g => g.Code)
            .Select(g => new { g.Code, g.Name, g.Level, g.ScopePathValue }).ToListAsync(Ct));
        Assert.Equal(["440200", "440203", "440204", "440221"], grids.Select(g => g.Code));
        Assert.Equal(GridLevelKind.City, grids[0].Level);
        Assert.All(grids.Skip(1), g => Assert.Equal((GridLevelKind.District, true), (g.Level, g.ScopePathValue.StartsWith(grids[0].ScopePathValue, StringComparison.Ordinal))));
        Assert.Equal("武江区", grids[1].Name);
    }

    [Theory]
    [InlineData("", Label = "Wangge__Grids__Levels__0, as the README shows")]
    [InlineData("WANGGE_", Label = "WANGGE_Wangge__Grids__Levels__0, the web host's prefix, works for every verb too")]
    public async Task GridsCheck_LevelsFromTheEnvironment_ConfigureAThreeLevelHierarchy(string prefix)
    {
        var file = await WriteTempAsync("shaoguan.geojson", CityFile());

        var run = await RunAsync(["grids", "check", file], ThreeLevels.ToDictionary(kv => prefix + kv.Key, kv => kv.Value));

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("no problems", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GridsCheck_DefaultLevels_CityFileIsTooDeep()
    {
        // Without the setting the tree's top is a district, so a city's counties would be zones: their codes are refused.
        var file = await WriteTempAsync("shaoguan.geojson", CityFile());

        var run = await RunAsync(["grids", "check", file], new());

        Assert.Equal(1, run.Exit);
    }
}

/// <summary>Settings as the installed program reads them; they stop it before it touches a database, so one database will do.</summary>
[Trait("Category", "Published")]
[Collection("sqlite")]
public sealed class PublishedSettingsTests : PublishedProgram
{
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(TestDatabase.Sqlite());

    [Theory]
    [InlineData("serve")]
    [InlineData("demo")]
    [InlineData("migrate")]
    [InlineData("grids", "export", "--out", "grids.geojson")]
    [InlineData("users", "list")]
    public async Task AnyVerb_BadLevelsInTheEnvironment_OneLineNamingTheSettingAndExitTwo(params string[] verb)
    {
        var run = await RunAsync(verb, new() { ["Wangge__Grids__Levels__0"] = "Town", ["Wangge__Grids__Levels__1"] = "Grid" });

        Assert.True(run.Exit == StartupErrors.ExitCode, run.ToString());
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["error: Wangge:Grids:Levels:0 is 'Town', which is no level; the levels are Province, City, District, Zone, Street, Village, Grid."], lines);
    }

    [Theory]
    [InlineData("""["District","Zone","Street","Grid"]""", 0, Label = "the default restated")]
    [InlineData("""["City","District","Grid"]""", 0, Label = "three levels")]
    [InlineData("""["District","Grid","Zone"]""", StartupErrors.ExitCode, Label = "out of order")]
    public async Task Migrate_LevelsInTheInstalledAppsettings_ReplaceTheDefaultOrStopWithOneLine(string levels, int exit)
    {
        var run = await RunAsync(["migrate"], new(), program: await WithSettingsAsync(levels));

        Assert.True(run.Exit == exit, run.ToString());
        if (exit != 0) Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}

[Collection("sqlite")]
public sealed class SqlitePublishedBuildTests : PublishedBuildSpecification
{
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(TestDatabase.Sqlite());
}

[Collection("postgres")]
public sealed class PostgresPublishedBuildTests : PublishedBuildSpecification
{
    protected override async Task<TestDatabase?> CreateDatabaseAsync() => await TestDatabase.PostgresAsync();
}
