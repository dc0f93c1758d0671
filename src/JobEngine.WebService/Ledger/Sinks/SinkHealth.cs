using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using JobEngine.Infrastructure.Diagnostics;

namespace JobEngine.WebService.Ledger.Sinks;

/// <summary>What this process last saw of each sink: how far behind the ledger it is, and its last failure.</summary>
internal sealed class SinkHealth
{
    private readonly ConcurrentDictionary<string, SinkState> _sinks = new(StringComparer.Ordinal);

    public SinkHealth(JobEngineMetrics metrics) =>
        metrics.Meter.CreateObservableGauge("jobengine.sink.lag",
            () => _sinks.Select(sink => new Measurement<long>(sink.Value.EntriesBehind, new KeyValuePair<string, object?>("sink", sink.Key))),
            "{entry}", "Entries not yet acknowledged by a sink, as this process last saw them");

    public IReadOnlyDictionary<string, SinkState> Sinks => _sinks;

    public void Lag(string sinkId, long entriesBehind) =>
        _sinks.AddOrUpdate(sinkId, _ => new SinkState(entriesBehind, null), (_, state) => state with { EntriesBehind = entriesBehind });

    public void Delivered(string sinkId) =>
        _sinks.AddOrUpdate(sinkId, _ => new SinkState(0, null), (_, state) => state with { LastFailure = null });

    public void Failed(string sinkId, string why) =>
        _sinks.AddOrUpdate(sinkId, _ => new SinkState(0, why), (_, state) => state with { LastFailure = why });
}

internal sealed record SinkState(long EntriesBehind, string? LastFailure);
