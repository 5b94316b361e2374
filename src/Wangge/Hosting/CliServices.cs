using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Wangge.Core.Common;
using Wangge.Data;

namespace Wangge.Hosting;

/// <summary>The services a CLI verb needs without the web server: the database as the system caller.</summary>
public static class CliServices
{
    public static ServiceProvider Create(HostSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(settings.Configuration);
        services.AddSingleton<ICallerAccessor, SystemCallers>();
        services.AddWanggeAudit(settings.Configuration, settings.Database);
        services.AddWanggeFeatures();
        var provider = services.BuildServiceProvider();
        // A bad Wangge:TimeZone stops the verb before it writes anything dated.
        provider.GetRequiredService<JurisdictionClock>();
        return provider;
    }
}
