using System.Diagnostics.Metrics;

namespace JobEngine.Infrastructure.Diagnostics;

/// <summary>
/// The service's own instruments, on the meter <see cref="MeterName"/>: what the platform team
/// running JobEngine watches. Tags carry kinds and outcomes only, never tokens, secrets or free
/// text a person wrote.
/// </summary>
public sealed class JobEngineMetrics
{
    public const string MeterName = "JobEngine";

    /// <summary>Seconds, from a millisecond to ten seconds: what a lease or an append can take.</summary>
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public JobEngineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        TokensIssued = meter.CreateCounter<long>("jobengine.tokens.issued", "{token}", "Access tokens issued by the Authority");
        TokensRefused = meter.CreateCounter<long>("jobengine.tokens.refused", "{request}", "Token requests refused, by OAuth error");
        OperatorActions = meter.CreateCounter<long>("jobengine.operator.actions", "{action}", "Operator actions carried out, by route");
        OperatorDenials = meter.CreateCounter<long>("jobengine.operator.denials", "{action}", "Operator actions refused, by status");
        LedgerAppends = meter.CreateCounter<long>("jobengine.ledger.appends", "{entry}", "Entries appended to the ledger (committed)");
        LedgerBatchSize = meter.CreateHistogram<long>("jobengine.ledger.batch.size", "{entry}", "Entries one ledger writer transaction committed",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        CheckpointsSigned = meter.CreateCounter<long>("jobengine.checkpoints.signed", "{checkpoint}", "Checkpoints signed by this process");
        CheckpointPassDuration = meter.CreateHistogram<double>("jobengine.checkpoints.pass.duration", "s",
            "Time one pass of the signing service took over every tenant due: longer than the checkpoint interval means it falls behind",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        SinkDeliveries = meter.CreateCounter<long>("jobengine.sink.deliveries", "{entry}", "Entries a sink acknowledged, by sink");
        SinkFailures = meter.CreateCounter<long>("jobengine.sink.failures", "{batch}", "Batches a sink did not take, by sink");
        Leases = meter.CreateCounter<long>("jobengine.leases", "{lease}", "Lease requests, by outcome (granted or empty)");
        LeaseDuration = meter.CreateHistogram<double>("jobengine.lease.duration", "s", "Time to answer a lease request",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        Meter = meter;
    }

    public Meter Meter { get; }

    public Counter<long> TokensIssued { get; }

    public Counter<long> TokensRefused { get; }

    public Counter<long> OperatorActions { get; }

    public Counter<long> OperatorDenials { get; }

    public Counter<long> LedgerAppends { get; }

    public Histogram<long> LedgerBatchSize { get; }

    public Counter<long> CheckpointsSigned { get; }

    public Histogram<double> CheckpointPassDuration { get; }

    public Counter<long> SinkDeliveries { get; }

    public Counter<long> SinkFailures { get; }

    public Counter<long> Leases { get; }

    public Histogram<double> LeaseDuration { get; }
}
