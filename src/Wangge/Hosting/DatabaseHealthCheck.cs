using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wangge.Data;

namespace Wangge.Hosting;

/// <summary>Healthy when the database answers.</summary>
public sealed class DatabaseHealthCheck(WanggeDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct)
            ? HealthCheckResult.Healthy("database reachable")
            : HealthCheckResult.Unhealthy("database unreachable");
}
