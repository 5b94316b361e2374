using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Wangge.Data;
using Wangge.Hosting;

namespace Wangge.Tests.Infrastructure;

/// <summary>
/// The real web process on a free loopback port over a fresh database with <see cref="TestDistrict"/>.
/// Subclasses pick the database; PostgreSQL is skipped (or, under WANGGE_REQUIRE_ALL, failed) when absent.
/// </summary>
public abstract class AppFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;
    public WanggeDatabase Database => _database!.Database;
    public string? SkipReason { get; private set; }

    protected abstract Task<TestDatabase?> CreateDatabaseAsync();
    protected virtual int LoginAttemptsPerMinute => 1000;
    /// <summary>More settings for a fixture that tests one of them, as `--Wangge:Name=value`.</summary>
    protected virtual string[] Settings => [];
    /// <summary>Services of a fixture that replaces one of the app's (e.g. its clock), after the app's own.</summary>
    protected virtual void Configure(WebApplicationBuilder builder) { }

    public async ValueTask InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        if (_database is null)
        {
            SkipReason = Prerequisites.PostgresSkipReason;
            return;
        }
        var settings = new HostSettings(_database.Database, "http://127.0.0.1:0", DemoMode: false,
            [$"--Wangge:LoginAttemptsPerMinute={LoginAttemptsPerMinute}", "--Logging:LogLevel:Default=Warning", .. Settings]);
        _app = WebHost.Build(settings, Configure);
        await DatabaseSetup.MigrateAsync(_app.Services, default);
        await TestDistrict.SeedAsync(_app.Services);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public void SkipIfUnavailable()
    {
        if (SkipReason is not null) Assert.Skip(SkipReason);
    }

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public async Task<HttpClient> SignedInAsync(string user)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password = TestDistrict.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A database context as the system caller, to check what a request did or did not change.</summary>
    public async Task<T> InDatabaseAsync<T>(Func<WanggeDbContext, Task<T>> query)
    {
        var services = new ServiceCollection();
        services.AddSingleton<Core.Common.ICallerAccessor, SystemCallers>();
        services.AddWanggeData(Database);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WanggeDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_database is not null) await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp : AppFixture
{
    protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(TestDatabase.Sqlite());
}

public sealed class PostgresApp : AppFixture
{
    protected override async Task<TestDatabase?> CreateDatabaseAsync() => await TestDatabase.PostgresAsync();
}
