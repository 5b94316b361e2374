using Microsoft.AspNetCore.Identity;
using Wangge.Audit;
using Wangge.Auth;
using Wangge.Businesses;
using Wangge.Core.People;
using Wangge.Demo;
using Wangge.Grids;
using Wangge.Users;

namespace Wangge.Hosting;

/// <summary>Feature services shared by the API, the pages and the CLI.</summary>
public static class WanggeServices
{
    public static IServiceCollection AddWanggeFeatures(this IServiceCollection services)
    {
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<AccountService>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<GridQueries>();
        services.AddScoped<BusinessService>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<DemoDistrict>();
        services.AddScoped<DemoAccounts>();
        return services;
    }
}
