using JobEngine.WebService.Ledger.Sinks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobEngine.WebService.Health;

/// <summary>
/// Each sink's lag (entries not yet acknowledged, as this process last saw it) in the detail, and
/// degraded while a sink fails: worth an alert, but the service stays ready, since actions never
/// wait for sinks and delivery catches up from the stored cursor.
/// </summary>
internal sealed class SinkCheck(SinkHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = health.Sinks.ToDictionary(sink => sink.Key, sink => (object)sink.Value.EntriesBehind, StringComparer.Ordinal);
        var failing = health.Sinks.Where(sink => sink.Value.LastFailure is not null).ToList();
        return Task.FromResult(failing.Count == 0
            ? HealthCheckResult.Healthy("Every sink is taking the ledger; the data gives the entries each is behind.", data)
            : HealthCheckResult.Degraded(string.Join(" ", failing.Select(sink => $"Sink {sink.Key} fails: {sink.Value.LastFailure}")), data: data));
    }
}
