using JobEngine.Infrastructure.Ledger;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobEngine.WebService.Health;

/// <summary>Not ready while a tenant's ledger no longer extends its newest signed checkpoint.</summary>
internal sealed class LedgerIntegrityCheck(LedgerIntegrity integrity) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(integrity.Holds
            ? HealthCheckResult.Healthy("Every ledger extends its newest signed checkpoint.")
            : HealthCheckResult.Unhealthy(
                $"The ledger of {string.Join(", ", integrity.Violations.Keys)} no longer extends its signed checkpoint: {string.Join(" ", integrity.Violations.Values)}"));
}
