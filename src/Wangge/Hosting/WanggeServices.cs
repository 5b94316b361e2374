using Microsoft.AspNetCore.Identity;
using Wangge.Audit;
using Wangge.Auth;
using Microsoft.Extensions.Options;
using Wangge.Businesses;
using Wangge.Businesses.Import;
using Wangge.Core.Risk;
using Wangge.Core.People;
using Wangge.Demo;
using Wangge.Grids;
using Wangge.Users;

namespace Wangge.Hosting;

/// <summary>Feature services shared by the API, the pages and the CLI.</summary>
public static class WanggeServices
{
    /// <summary>The database with the audit key and anchor file configuration names (decision 005).</summary>
    public static IServiceCollection AddWanggeAudit(this IServiceCollection services, IConfiguration configuration, Data.WanggeDatabase database)
    {
        var audit = AuditOptions.From(configuration);
        services.AddSingleton(audit);
        services.AddSingleton(new AuditAnchorLog(audit.AnchorPath(database)));
        return Data.WanggeDataServices.AddWanggeData(services, database, audit.KeySource(database));
    }

    public static IServiceCollection AddWanggeFeatures(this IServiceCollection services)
    {
        // Wangge:TimeZone (default Asia/Shanghai) fixes the jurisdiction's day for every date rule; decision 006.
        services.AddSingleton(sp => new Core.Common.JurisdictionClock(sp.GetRequiredService<TimeProvider>(),
            JurisdictionZone(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<AccountService>();
        services.AddScoped<PasswordChanges>();
        services.AddMemoryCache();
        services.AddSingleton<SessionStates>();
        services.AddSingleton<SignInBackoffs>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<GridQueries>();
        services.AddScoped<GridRecords>();
        services.AddScoped<GridImport>();
        services.AddScoped<GridEditor>();
        services.AddSingleton(_ => DivisionNames.Load());
        services.AddScoped<GridExport>();
        services.AddScoped<GridPlanner>();
        services.AddScoped<PlanStaffing>();
        services.AddScoped<PlacementService>();
        services.AddGridsOptions();
        services.AddOptions<Imports.ImportOptions>().BindConfiguration(Imports.ImportOptions.Section)
            .Validate(o => !o.Validate().Any(), "Wangge:Imports is invalid: every limit must be positive.").ValidateOnStart();
        services.AddScoped<BusinessService>();
        services.AddScoped<RiskService>();
        services.AddScoped<RiskRerater>();
        services.AddScoped<LedgerExport>();
        services.AddScoped<LedgerQueries>();
        services.AddScoped<Users.PersonNames>();
        services.AddScoped<BusinessImporter>();
        services.AddScoped<LivesImporter>();
        services.AddScoped<LivesExporter>();
        services.AddSingleton<LedgerBulkWriter>();
        services.AddOptions<RiskRules>().BindConfiguration(RiskRules.Section).ValidateOnStart()
            .Validate(r => { r.Validate(); return true; });
        services.AddOptions<TreatmentPolicy>().BindConfiguration(TreatmentPolicy.Section).ValidateOnStart()
            .Validate(t => { t.Validate(); return true; });
        services.AddSingleton(sp => new RiskScorer(sp.GetRequiredService<IOptions<RiskRules>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TreatmentPolicy>>().Value);
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditAnchorer>();
        services.AddScoped<DemoDistrict>();
        services.AddScoped<DemoAccounts>();
        return services;
    }

    /// <summary>The zone that Wangge:TimeZone names; an unknown one stops the process (hosts resolve the clock at start).</summary>
    private static TimeZoneInfo JurisdictionZone(IConfiguration configuration)
    {
        const string setting = $"{WanggeOptions.Section}:TimeZone";
        try
        {
            return Core.Common.JurisdictionClock.FindZone(configuration[setting]);
        }
        catch (Core.Common.RuleViolation e)
        {
            throw new StartupException($"{setting}: {e.Message}");
        }
    }
}
