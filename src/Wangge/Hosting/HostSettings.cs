using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Wangge.Data;

namespace Wangge.Hosting;

/// <summary>The resolved settings of one invocation: the database, where to listen, and pass-through arguments.</summary>
public sealed record HostSettings(WanggeDatabase Database, string Urls, bool DemoMode, string[] ExtraArgs)
{
    /// <summary>appsettings and environment, for CLI verbs that run without the web host.</summary>
    public IConfiguration Configuration { get; init; } = new ConfigurationBuilder().Build();

    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static HostSettings From(ParseResult parse, string defaultDb, bool demo)
    {
        var config = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            // The web host reads WANGGE_-prefixed variables too (WANGGE_Wangge__Grids__Levels__0); every verb reads the same.
            .AddEnvironmentVariables("WANGGE_")
            .Build();
        // Bad grid levels stop every verb here, before it opens a database, with one line naming the setting.
        Grids.GridsOptions.Read(config);
        var db = parse.GetValue(WanggeCli.DbOption)
                 ?? Environment.GetEnvironmentVariable("WANGGE_DB")
                 ?? config[$"{WanggeOptions.Section}:Db"]
                 ?? defaultDb;
        var urls = parse.GetResult(WanggeCli.UrlsOption) is null ? null : parse.GetValue(WanggeCli.UrlsOption);
        urls ??= config["Urls"] ?? config["ASPNETCORE_URLS"] ?? DefaultUrls;
        return new HostSettings(WanggeDatabase.Parse(db), urls, demo, parse.UnmatchedTokens.ToArray()) { Configuration = config };
    }
}
