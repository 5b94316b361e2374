using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using NetTopologySuite.IO.Converters;
using Wangge.Audit;
using Wangge.Auth;
using Wangge.Businesses;
using Wangge.Components;
using Wangge.Core.Common;
using Wangge.Data;
using Wangge.Grids;
using Wangge.Users;
using Wangge.Imports;

namespace Wangge.Hosting;

/// <summary>Composes the web process: API groups, Blazor UI, authentication, scope, errors, health.</summary>
public static class WebHost
{
    public static async Task<int> RunAsync(HostSettings settings, CancellationToken ct)
    {
        var app = Build(settings);
        // Settings given on the command line are read only here: a bad one stops the process before it migrates anything.
        _ = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GridsOptions>>().Value;
        _ = app.Services.GetRequiredService<DivisionNames>();
        await DatabaseSetup.MigrateAsync(app.Services, ct);
        await AccountService.RefuseDemoPasswordsAsync(app.Services, settings.DemoMode, ct);
        await app.StartAsync(ct);
        Console.WriteLine($"Wangge is serving {settings.Database.Describe()} at {string.Join(", ", app.Urls)}");
        await app.WaitForShutdownAsync(ct);
        return 0;
    }

    public static WebApplication Build(HostSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = settings.ExtraArgs,
            ApplicationName = typeof(WebHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.UseStaticWebAssets();
        builder.Configuration.AddEnvironmentVariables("WANGGE_");
        builder.Services.Configure<WanggeOptions>(builder.Configuration.GetSection(WanggeOptions.Section));
        builder.Services.PostConfigure<WanggeOptions>(o =>
        {
            o.DemoMode = settings.DemoMode;
            o.Db = settings.Database.ConnectionString;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        if (settings.DemoMode)
        {
            // A person trying the demo reads the console; a deployment's collector reads JSON.
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o =>
                o.FormatterName = Microsoft.Extensions.Logging.Console.ConsoleFormatterNames.Simple);
            // One line per message, stamped with the time a person reads on their own clock.
            builder.Services.PostConfigure<Microsoft.Extensions.Logging.Console.SimpleConsoleFormatterOptions>(o =>
            {
                o.TimestampFormat = "HH:mm:ss ";
                o.UseUtcTimestamp = false;
                o.SingleLine = true;
            });
        }

        builder.Services.AddWanggeAudit(builder.Configuration, settings.Database);
        builder.Services.AddHostedService<Audit.AuditAnchorService>();
        builder.Services.AddWanggeFeatures();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CallerContext>();
        builder.Services.AddScoped<ICallerAccessor>(sp => sp.GetRequiredService<CallerContext>());
        builder.Services.AddWanggeAuthentication();
        builder.Services.AddAntiforgery(o => o.HeaderName = CookieAntiforgery.HeaderName);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, ct) => AccountEndpoints.TooManyAttemptsAsync(ctx.HttpContext, ct);
            o.AddPolicy(AccountService.LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<WanggeOptions>>().Value.LoginAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                }));
        });

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddUploadLimits();
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new GeometryInputConverter());
            o.SerializerOptions.Converters.Add(new GeoJsonConverterFactory());
            o.SerializerOptions.Converters.Add(new RequestTextConverter());
            o.SerializerOptions.RespectNullableAnnotations = true;
        });
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        builder.Services.AddLocalization();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAuthenticationState>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CallerCircuitHandler>();
        configure?.Invoke(builder);

        var app = builder.Build();
        // A bad Wangge:TimeZone stops the start, not the first request that asks for today.
        app.Services.GetRequiredService<JurisdictionClock>();
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.Use(ProblemMapping.FillEmptyAsync);
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture("zh-CN").AddSupportedCultures("zh-CN", "en").AddSupportedUICultures("zh-CN", "en");
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new QueryStringRequestCultureProvider()];
        });
        app.UseUploadLimits();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<CallerMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<PasswordChangeGate>();
        app.Use(RequestText.CheckAsync);
        app.UseAntiforgery();
        app.UseMiddleware<CookieAntiforgery>();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api-docs";
            o.SwaggerEndpoint("/openapi/v1.json", "Wangge API v1");
        });
        app.MapHealthChecks("/healthz");

        // Pages get the 404 page; the API keeps its own problem+json answers.
        var api = app.MapGroup("/api/v1").WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());
        api.MapAuthApi();
        api.MapGridsApi().RequireAuthorization();
        api.MapBusinessesApi().RequireAuthorization();
        api.MapLedgerApi().RequireAuthorization();
        api.MapUsersApi();
        api.MapMeApi();
        api.MapAuditApi();
        app.MapFallback("/api/{**rest}", ProblemMapping.UnknownApiRoute).WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());
        app.MapAccountEndpoints();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
