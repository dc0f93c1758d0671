using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobEngine.WebService.Health;

/// <summary>Ready when the store answers, every migration this build knows is applied, and it takes a durable write.</summary>
internal sealed class StoreReadinessCheck(JobEngineDbContext db, StoreWriteProbe writes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The store cannot be reached.");
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            return HealthCheckResult.Unhealthy($"Migrations not applied: {string.Join(", ", pending)}.");
        }

        return await writes.ProbeAsync(cancellationToken) is { } failure
            ? HealthCheckResult.Unhealthy($"The store does not take writes: {failure.Detail}")
            : HealthCheckResult.Healthy("The store is reachable, migrated and takes writes.");
    }
}
