using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobEngine.Core.Ledger;

namespace JobEngine.LoadDriver;

/// <summary>
/// The verifiable ledger over the seeded million-entry tenant: inclusion and consistency proofs
/// against a primary-key read of the same entries, and the signing service against the append rate.
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
    /// What the signer must keep up with, on the seeded tenant: the server's audited cancels per
    /// second (16 clients; an append makes at most one tenant due), and beside it the time of one
    /// on-demand checkpoint through POST /audit/checkpoints, each after one more cancel so that
    /// every call signs a new size of the large tree.
    /// </summary>
    public async Task<SigningNeed> SigningNeedAsync(ServerHost server, IReadOnlyList<Guid> jobs)
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
        var onDemand = new List<double>(settings.QueryRequests);
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
                onDemand.Add(elapsed);
            }
        }

        var appends = await ClosedLoop.RunAsync(settings.Concurrency, settings.Warmup, settings.Duration, CancelAsync);
        return new SigningNeed(appends.PerSecond, [.. onDemand.Order()], failures + appends.Failures);
    }

    /// <summary>
    /// The signing service's own first pass over <paramref name="dueTenants"/> tenants made due before
    /// the server started (each a ledger grown since its newest checkpoint, so that signing checks the
    /// tree still extends it, as it does for every tenant it signs again), after <paramref name="need"/>
    /// was measured on the same server: checkpoints it signed per second of its
    /// passes, read from the server's metrics (<c>jobengine.checkpoints.signed</c> and
    /// <c>jobengine.checkpoints.pass.duration</c>), against the appends per second of
    /// <paramref name="need"/>. Every due tenant, and the large one the append load made due, must be signed.
    /// </summary>
    public async Task<Measurement> CheckpointPassAsync(ServerHost server, SigningNeed need, int dueTenants, int entriesPerTenant, int largeTree)
    {
        // The large tenant is due too: the append load came after its last on-demand checkpoint.
        var due = dueTenants + 1;
        var (read, early) = await SignedByPassesAsync(server, due, fromNow: true);
        var perSecond = read.PassSeconds > 0 ? read.Signed / read.PassSeconds : double.NaN;
        var onDemand = need.OnDemandMs;
        return new Measurement($"checkpoints signed per second by the signing service, {dueTenants:N0} tenants due", "/s", perSecond, need.AppendsPerSecond,
            $"audited cancels per second, {settings.Concurrency} clients, same server, on a tenant of {largeTree:N0} entries: each can make one more tenant due",
            "≥ 1 (a checkpoint per append)", !early && read.Signed >= due && perSecond >= need.AppendsPerSecond,
            string.Create(CultureInfo.InvariantCulture,
                $"{read.Signed:N0} checkpoints in {read.PassSeconds:F2} s of {read.Passes:N0} passes (tenants of {entriesPerTenant:N0} entries signed at half that, and the large one)"),
            Notes(string.Create(CultureInfo.InvariantCulture,
                    $"one process keeps {perSecond * CheckpointInterval.TotalSeconds:N0} tenants current at the default {CheckpointInterval.TotalSeconds:F0} s interval; " +
                    $"appends at the measured rate can make {need.AppendsPerSecond * CheckpointInterval.TotalSeconds:N0} due per interval"),
                string.Create(CultureInfo.InvariantCulture,
                    $"one on-demand checkpoint (POST /audit/checkpoints) of the large tree: mean {onDemand.DefaultIfEmpty(double.NaN).Average():F2} ms, " +
                    $"p50 {Percentile(onDemand, 0.5):F2} ms, p99 {Percentile(onDemand, 0.99):F2} ms"),
                read.Signed < due ? $"only {read.Signed:N0} of {due:N0} due tenants were signed" : null,
                early ? "the first pass began before the append load ended: a longer SigningPassAfter is needed" : null,
                Failures(need.Failures)));
    }

    /// <summary>
    /// Waits (at most 10 minutes) until the server's signing passes have signed <paramref name="due"/>
    /// checkpoints and at least one pass has ended (a pass's duration is recorded when it ends); what
    /// they signed and took, counted from now on (<paramref name="fromNow"/>: on-demand checkpoints
    /// count in the same counter) or since the server started, and whether a pass had ended before.
    /// </summary>
    public static async Task<((double Signed, double PassSeconds, double Passes) Read, bool PassedBefore)> SignedByPassesAsync(
        ServerHost server, int due, bool fromNow)
    {
        using var metrics = new HttpClient { BaseAddress = server.BaseAddress };
        var before = fromNow ? Scraped(await metrics.GetStringAsync("metrics")) : default;
        var deadline = Stopwatch.StartNew();
        (double Signed, double PassSeconds, double Passes) read;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            read = Since(before, Scraped(await metrics.GetStringAsync("metrics")));
        }
        while ((read.Signed < due || read.Passes < 1) && deadline.Elapsed < TimeSpan.FromMinutes(10));

        // A pass still running past the last due tenant is taken in by one more scrape.
        await Task.Delay(TimeSpan.FromSeconds(3));
        return (Since(before, Scraped(await metrics.GetStringAsync("metrics"))), before.Passes > 0);
    }

    private static (double Signed, double PassSeconds, double Passes) Since(
        (double Signed, double PassSeconds, double Passes) before, (double Signed, double PassSeconds, double Passes) now) =>
        (now.Signed - before.Signed, now.PassSeconds - before.PassSeconds, now.Passes - before.Passes);

    /// <summary>Checkpoints signed, seconds spent in signing passes and the number of passes, from the Prometheus text of the server's metrics.</summary>
    private static (double Signed, double PassSeconds, double Passes) Scraped(string exposition)
    {
        double Value(string metric) => exposition.Split('\n')
            .Where(line => line.StartsWith(metric, StringComparison.Ordinal) && line.Length > metric.Length && line[metric.Length] is '{' or ' ')
            .Select(line => line[metric.Length..])
            .Select(rest => rest.StartsWith('{') ? rest[(rest.LastIndexOf('}') + 1)..] : rest)
            .Select(rest => double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Sum();
        return (Value("jobengine_checkpoints_signed_total"), Value("jobengine_checkpoints_pass_duration_seconds_sum"),
            Value("jobengine_checkpoints_pass_duration_seconds_count"));
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

/// <summary>What checkpoint signing must keep up with, and the time of one checkpoint on demand (sorted, ms).</summary>
internal sealed record SigningNeed(double AppendsPerSecond, double[] OnDemandMs, long Failures);
