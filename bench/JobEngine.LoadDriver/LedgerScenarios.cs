using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobEngine.Core.Ledger;

namespace JobEngine.LoadDriver;

/// <summary>
/// The verifiable ledger over the seeded million-entry tenant: inclusion and consistency proofs
/// against a primary-key read of the same entries, and checkpoint signing against the append rate.
/// </summary>
internal sealed class LedgerScenarios(BenchSettings settings)
{
    /// <summary>The default of <c>JobEngine:Ledger:CheckpointInterval</c>.</summary>
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(10);

    public async Task<Measurement> InclusionProofAsync(ServerHost server, IReadOnlyList<Guid> sampleIds, int entries)
    {
        using var clients = new BenchClients(server);
        using var auditor = await clients.AsAsync(3, "orch:audit");
        var proved = Shuffled(sampleIds, seed: 1);
        var read = Shuffled(sampleIds, seed: 2);

        // The warm-up also checks each proof against its entry's own hash: a fast wrong proof would count for nothing.
        var invalid = 0;
        for (var i = 0; i < settings.QueryRequests; i++)
        {
            invalid += await ProofHoldsAsync(auditor, proved[i % proved.Count]) ? 0 : 1;
            using var warm = await auditor.GetAsync($"api/v1/audit/{read[i % read.Count]}");
        }

        var (ours, baseline) = await ClosedLoop.AlternatingAsync(settings.QueryRequests,
            i => OkAsync(auditor, $"api/v1/audit/{proved[i % proved.Count]}/proof"),
            i => OkAsync(auditor, $"api/v1/audit/{read[i % read.Count]}"));
        return new Measurement($"inclusion proof over {entries:N0} entries (p50)", "ms", ours.P50Ms, baseline.P50Ms,
            "GET /audit/{id} of the same entries: same HTTP, token and tenant (p50)", "< 5 ms p50 (and every checked proof verifies)",
            ours.P50Ms < 5 && invalid == 0, Latencies(ours, baseline), Notes(Checked(invalid, settings.QueryRequests), Failures(ours.Failures + baseline.Failures)));
    }

    public async Task<Measurement> ConsistencyProofAsync(ServerHost server, IReadOnlyList<Guid> sampleIds, int entries)
    {
        using var clients = new BenchClients(server);
        using var auditor = await clients.AsAsync(3, "orch:audit");
        var random = new Random(3);
        var firsts = Enumerable.Range(0, settings.QueryRequests).Select(_ => random.NextInt64(1, entries)).ToArray();
        var read = Shuffled(sampleIds, seed: 4);
        Task<bool> Consistency(int i) => OkAsync(auditor, $"api/v1/audit/consistency?first={firsts[i]}&second={entries}");
        Task<bool> Read(int i) => OkAsync(auditor, $"api/v1/audit/{read[i % read.Count]}");

        await ClosedLoop.AlternatingAsync(settings.QueryRequests, Consistency, Read);
        var (ours, baseline) = await ClosedLoop.AlternatingAsync(settings.QueryRequests, Consistency, Read);
        return new Measurement($"consistency proof over {entries:N0} entries (p50)", "ms", ours.P50Ms, baseline.P50Ms,
            "GET /audit/{id}: same HTTP, token and tenant (p50)", "none set (shown beside the inclusion proof)", null,
            Latencies(ours, baseline), Failures(ours.Failures + baseline.Failures));
    }

    /// <summary>
    /// One process signs checkpoints one after another, as its signing service does. Each is
    /// timed through POST /audit/checkpoints after one more audited cancel, so every call signs a
    /// new size. The need it is compared with: an append makes at most one tenant due, so signing
    /// keeps up with any spread of appends over tenants if it signs as many checkpoints per second
    /// as the store takes appends.
    /// </summary>
    public async Task<Measurement> CheckpointSigningAsync(ServerHost server, IReadOnlyList<Guid> jobs, int entries)
    {
        using var clients = new BenchClients(server);
        using var operatorClient = await clients.AsAsync(0, "orch:read orch:operate", operatorToken: true);
        using var auditor = await clients.AsAsync(3, "orch:audit");
        var next = -1;
        async Task<bool> CancelAsync(int worker, CancellationToken cancellationToken)
        {
            var index = Interlocked.Increment(ref next);
            if (index >= jobs.Count)
            {
                throw new InvalidOperationException("Seed more jobs: the run canceled them all.");
            }

            using var response = await operatorClient.PostAsync($"api/v1/jobs/{jobs[index]}/cancel", null, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }

        // As many unmeasured rounds first.
        var signing = new List<double>(settings.QueryRequests);
        var failures = 0;
        for (var i = 0; i < 2 * settings.QueryRequests; i++)
        {
            if (!await CancelAsync(0, CancellationToken.None))
            {
                failures++;
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await auditor.PostAsync("api/v1/audit/checkpoints", null);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.Created)
            {
                failures++;
            }
            else if (i >= settings.QueryRequests)
            {
                signing.Add(elapsed);
            }
        }

        var appends = await ClosedLoop.RunAsync(settings.Concurrency, settings.Warmup, settings.Duration, CancelAsync);
        var sorted = signing.Order().ToArray();
        var mean = sorted.Length == 0 ? double.NaN : sorted.Average();
        var perSecond = 1000 / mean;
        return new Measurement($"checkpoints signed per second over {entries:N0} entries, one process", "/s", perSecond, appends.PerSecond,
            $"audited cancels per second, {settings.Concurrency} clients, same server and tenant: each can make one more tenant due",
            "≥ 1 (a checkpoint per append)", perSecond >= appends.PerSecond,
            string.Create(CultureInfo.InvariantCulture,
                $"one checkpoint: mean {mean:F2} ms, p50 {Percentile(sorted, 0.5):F2} ms, p99 {Percentile(sorted, 0.99):F2} ms"),
            Notes(string.Create(CultureInfo.InvariantCulture,
                $"one process keeps {perSecond * CheckpointInterval.TotalSeconds:N0} tenants current at the default {CheckpointInterval.TotalSeconds:F0} s interval; " +
                $"appends at the measured rate can make {appends.PerSecond * CheckpointInterval.TotalSeconds:N0} due per interval"),
            Failures(failures + appends.Failures)));
    }

    private static async Task<bool> ProofHoldsAsync(HttpClient auditor, Guid entryId)
    {
        var entry = await auditor.GetFromJsonAsync<JsonElement>($"api/v1/audit/{entryId}");
        var proof = await auditor.GetFromJsonAsync<JsonElement>($"api/v1/audit/{entryId}/proof");
        var leaf = MerkleHash.Leaf(Convert.FromHexString(entry.GetProperty("contentHash").GetString()!));
        var path = proof.GetProperty("auditPath").EnumerateArray().Select(hash => Convert.FromBase64String(hash.GetString()!)).ToList();
        return proof.GetProperty("leafIndex").GetInt64() == entry.GetProperty("sequence").GetInt64() - 1
               && MerkleVerifier.VerifyInclusion(proof.GetProperty("leafIndex").GetInt64(), proof.GetProperty("treeSize").GetInt64(), leaf, path,
                   Convert.FromBase64String(proof.GetProperty("rootHash").GetString()!));
    }

    private static async Task<bool> OkAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static List<Guid> Shuffled(IReadOnlyList<Guid> ids, int seed)
    {
        var copy = ids.ToArray();
        new Random(seed).Shuffle(copy);
        return [.. copy];
    }

    private static string Latencies(ClosedLoop.Result ours, ClosedLoop.Result baseline) => string.Create(CultureInfo.InvariantCulture,
        $"p50 {ours.P50Ms:F2} ms, p99 {ours.P99Ms:F2} ms (baseline p50 {baseline.P50Ms:F2}, p99 {baseline.P99Ms:F2})");

    private static string Checked(int invalid, int count) =>
        invalid == 0 ? $"all {count} proofs checked in the warm-up verify" : $"{invalid} of {count} proofs checked in the warm-up do NOT verify";

    private static string? Failures(long failures) => failures == 0 ? null : $"{failures} failed requests";

    private static string? Notes(params string?[] notes) => notes.Any(note => note is not null) ? string.Join("; ", notes.OfType<string>()) : null;

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
