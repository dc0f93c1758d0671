using JobEngine.Infrastructure.Ledger.Witnesses;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobEngine.WebService.Health;

/// <summary>
/// Degraded while a witness cannot be given its checkpoints: worth an alert, but the service stays
/// ready, since actions never wait for witnesses and delivery catches up when the witness returns.
/// </summary>
internal sealed class WitnessCheck(WitnessHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failing = health.States.Where(state => state.Value.Failures > 0).ToList();
        return Task.FromResult(failing.Count == 0
            ? HealthCheckResult.Healthy("Every witness holds the checkpoints signed so far.")
            : HealthCheckResult.Degraded(string.Join(" ", failing.Select(state =>
                $"Witness {state.Key} failed {state.Value.Failures} times in a row: {state.Value.LastError}"))));
    }
}
