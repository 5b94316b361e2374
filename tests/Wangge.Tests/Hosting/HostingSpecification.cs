using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Auth;
using Wangge.Tests.Infrastructure;

namespace Wangge.Tests.Hosting;

/// <summary>Operations: health, OpenAPI, the demo-password guard.</summary>
public abstract class HostingSpecification(AppFixture app) : ApiSpecification(app)
{
    [Fact]
    public async Task Healthz_DatabaseReachable_Ok()
    {
        using var client = App.Anonymous();
        var response = await client.GetAsync("/healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task OpenApi_Document_ListsEveryFeatureApi()
    {
        using var client = App.Anonymous();
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/auth/token", paths);
        Assert.Contains("/api/v1/businesses", paths);
        Assert.Contains("/api/v1/grids/{code}", paths);
        Assert.Contains("/api/v1/audit", paths);
        Assert.Contains("/api/v1/me/password", paths);
    }

    [Fact]
    public async Task ApiDocsPage_Served()
    {
        using var client = App.Anonymous();
        var response = await client.GetAsync("/api-docs/index.html", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Migrations_CoverTheWholeModel()
    {
        Assert.False(await App.InDatabaseAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())),
            "The model has changes no migration holds: add one for each provider (docs/decisions/003).");
    }

    [Fact]
    public async Task Start_OutsideDemoModeWithDemoPassword_Refused()
    {
        await App.InDatabaseAsync(async db =>
        {
            var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<Core.People.User>();
            var u = db.Users.Single(x => x.UserName == "gridleader");
            u.SetPasswordHash(hasher.HashPassword(u, AccountService.DemoPassword));
            return await db.SaveChangesAsync(Ct);
        });
        var refused = await Assert.ThrowsAsync<Wangge.Hosting.StartupException>(() => AccountService.RefuseDemoPasswordsAsync(App.Services, demoMode: false, Ct));
        Assert.Contains("gridleader", refused.Message);
        await AccountService.RefuseDemoPasswordsAsync(App.Services, demoMode: true, Ct);
    }
}

[Collection("sqlite")]
public sealed class SqliteHostingTests(SqliteApp app) : HostingSpecification(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresHostingTests(PostgresApp app) : HostingSpecification(app), IClassFixture<PostgresApp>;
