namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// Whether appends maintain the tenant's Merkle tree: always, except in a server started for
/// <c>bench/run.sh</c> with <see cref="BenchmarkOnlyVariable"/> set to 1, which measures what the
/// tree costs an audited action against the same action without it. Deliberately not a setting:
/// it is read from that one environment variable only, never from configuration, and a ledger
/// appended without its tree cannot be proven or checkpointed until a start without the variable
/// rebuilds the tree (<see cref="AuditTreeBackfill"/>).
/// </summary>
public sealed class AuditTreeUpkeep
{
    public const string BenchmarkOnlyVariable = "JOBENGINE_BENCHMARK_ONLY_SKIP_AUDIT_TREE";

    private AuditTreeUpkeep(bool maintained) => Maintained = maintained;

    public bool Maintained { get; }

    public static AuditTreeUpkeep FromEnvironment() =>
        Environment.GetEnvironmentVariable(BenchmarkOnlyVariable) == "1" ? new(maintained: false) : new(maintained: true);
}
