using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using JobEngine.Core.Audit;
using JobEngine.Core.Operators;

namespace JobEngine.Benchmarks;

/// <summary>
/// Verifying a chain from memory (canonicalize, hash and link every entry) against the floor of
/// that work: SHA-256 over the same canonical bytes, already serialized.
/// </summary>
[MemoryDiagnoser]
public class ChainVerificationBenchmarks
{
    private AuditEntry[] _entries = [];
    private byte[][] _canonical = [];

    public const int Size = 10_000;

    [Params(Size)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        OperatorReason.TryCreate("nightly maintenance of the report workers", out var reason, out _);
        OperatorTicket.TryCreate("CHG-2026-1129", out var ticket, out _);
        var by = new OperatorContext("acme", "acme-operator", "acme-operator", Guid.NewGuid().ToString(), reason, ticket, "stuck since 02:00",
            new RequestMetadata("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "POST", "/api/v1/jobs/0192/cancel", "10.0.0.7", "jobctl/0.1"));
        var entries = new List<AuditEntry>(Entries);
        var start = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Entries; i++)
        {
            var record = AuditRecord.ForOperator(by, AuditEventTypes.JobCanceled, AuditResourceTypes.Job, Guid.NewGuid().ToString(), "Job canceled",
                Stored("""{"jobType":"report.build","status":"Pending","priority":0,"attempts":0,"maxAttempts":3}"""),
                Stored("""{"jobType":"report.build","status":"Canceled","priority":0,"attempts":0,"maxAttempts":3,"cancelTicket":"CHG-2026-1129"}"""));
            var previous = i == 0 ? (0L, AuditEntry.GenesisHash) : (entries[^1].Sequence, entries[^1].ContentHash);
            entries.Add(AuditEntry.Seal(record, previous.Item1, previous.Item2, Guid.NewGuid(), start.AddMilliseconds(i)));
        }

        _entries = [.. entries];
        _canonical = [.. _entries.Select(entry => JsonCanonicalizer.ToUtf8(AuditEntryJson.ToJson(entry, withContentHash: false)))];
    }

    /// <summary>A state as the ledger stores it (AuditStates writes the canonical form).</summary>
    private static string Stored(string state) => JsonCanonicalizer.ToText(JsonNode.Parse(state));

    [Benchmark(Baseline = true)]
    public int Sha256OverCanonicalBytes()
    {
        var sum = 0;
        foreach (var bytes in _canonical)
        {
            sum += SHA256.HashData(bytes)[0];
        }

        return sum;
    }

    [Benchmark]
    public bool VerifyChainFromMemory()
    {
        var verifier = new ChainVerifier();
        foreach (var entry in _entries)
        {
            verifier.Check(entry);
        }

        return verifier.Valid;
    }
}
