using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobEngine.WebService.Health;

/// <summary>Ready when the store answers and every migration this build knows is applied.</summary>
internal sealed class StoreReadinessCheck(JobEngineDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The store cannot be reached.");
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy("The store is reachable and migrated.")
            : HealthCheckResult.Unhealthy($"Migrations not applied: {string.Join(", ", pending)}.");
    }
}
