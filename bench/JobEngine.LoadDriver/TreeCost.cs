using System.Globalization;
using System.Net;

namespace JobEngine.LoadDriver;

/// <summary>
/// What maintaining the Merkle tree costs an audited action: the same cancel, through two servers
/// of the same build on the same database, one started with the benchmark-only variable that makes
/// appends skip the tree (its nodes, and the right edge on the chain head). Each server acts for
/// its own tenant (an append without the tree would break the other tenant's tree), and the two
/// are loaded in turn, in rounds ordered with, without, without, with and then the other way
/// round, so that drift cancels.
/// </summary>
internal sealed class TreeCost(BenchSettings settings)
{
    /// <summary>The server's <c>AuditTreeUpkeep.BenchmarkOnlyVariable</c>.</summary>
    public const string SkipTreeVariable = "JOBENGINE_BENCHMARK_ONLY_SKIP_AUDIT_TREE";

    public async Task<Measurement> RunAsync(ServerHost withTree, ServerHost withoutTree, BenchStore store, string storeName)
    {
        using var treeClients = new BenchClients(withTree);
        using var plainClients = new BenchClients(withoutTree);
        using var treeOperator = await treeClients.AsAsync(0, "orch:read orch:operate", operatorToken: true);
        using var plainOperator = await plainClients.AsOperatorAsync(ServerHost.SecondTenantOperator);
        var arms = new[]
        {
            new Arm(treeOperator, store.SeedJobs("bench", $"tree.{storeName}", settings.TreeCostJobs)),
            new Arm(plainOperator, store.SeedJobs(ServerHost.SecondTenant, $"tree.{storeName}", settings.TreeCostJobs)),
        };

        // Each server compiles its hot paths once, unmeasured; then one unmeasured phase of each as the
        // rounds run them (in trial runs the first phase after the warm-ups was the slowest); every
        // phase has a short warm-up of its own.
        foreach (var arm in arms)
        {
            await ClosedLoop.RunAsync(settings.Concurrency, settings.Warmup, TimeSpan.Zero, arm.CancelAsync);
        }

        foreach (var arm in arms)
        {
            await ClosedLoop.RunAsync(settings.Concurrency, settings.PhaseWarmup + settings.PhaseDuration, TimeSpan.Zero, arm.CancelAsync);
        }

        var phases = new[] { new List<ClosedLoop.Result>(), new List<ClosedLoop.Result>() };
        var cpu = new[] { TimeSpan.Zero, TimeSpan.Zero };
        var attempts = new long[2];
        var rounds = new List<double>();
        for (var round = 0; round < settings.TreeCostRounds; round++)
        {
            var perRound = new[] { new List<ClosedLoop.Result>(), new List<ClosedLoop.Result>() };
            foreach (var which in round % 2 == 0 ? new[] { 0, 1, 1, 0 } : [1, 0, 0, 1])
            {
                var server = which == 0 ? withTree : withoutTree;
                var cpuBefore = server.CpuTime();
                var result = await ClosedLoop.RunAsync(settings.Concurrency, settings.PhaseWarmup, settings.PhaseDuration, arms[which].CancelAsync);
                cpu[which] += server.CpuTime() - cpuBefore;
                attempts[which] += result.Attempts;
                phases[which].Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {(which == 0 ? "with" : "without")} the tree: {result.PerSecond:F1}/s, p50 {result.P50Ms:F1} ms"));
                perRound[which].Add(result);
            }

            rounds.Add(ClosedLoop.Result.Combine(perRound[0]).PerSecond / ClosedLoop.Result.Combine(perRound[1]).PerSecond);
        }

        var ours = ClosedLoop.Result.Combine(phases[0]);
        var baseline = ClosedLoop.Result.Combine(phases[1]);
        var failures = ours.Failures + baseline.Failures;

        // CPU per action barely moves with other load on the machine, so it shows the tree's cost when the rates are noisy.
        var cpuPerAction = cpu.Select((time, which) => time.TotalMilliseconds / Math.Max(1, attempts[which])).ToArray();

        // The switch must have held: every node of the tree-less tenant would be work the baseline was meant to skip.
        var switchHeld = store.CountTreeNodes("bench") > 0 && store.CountTreeNodes(ServerHost.SecondTenant) == 0;
        return new Measurement($"Merkle tree cost per audited action ({storeName})", "audited cancels/s", ours.PerSecond, baseline.PerSecond,
            $"the same cancels with the tree's writes switched off, same {storeName} store, same concurrency, phases alternated",
            "≥ 0.9 (≤ 10 % more cost)", switchHeld && failures == 0 && ours.PerSecond / baseline.PerSecond >= 0.9,
            string.Create(CultureInfo.InvariantCulture,
                $"p50 {ours.P50Ms:F2} ms, p99 {ours.P99Ms:F2} ms (without: p50 {baseline.P50Ms:F2}, p99 {baseline.P99Ms:F2})"),
            string.Create(CultureInfo.InvariantCulture,
                $"server CPU per action {cpuPerAction[0]:F2} ms with, {cpuPerAction[1]:F2} ms without ({(cpuPerAction[0] / cpuPerAction[1]) - 1:+0%;-0%}){(storeName == "SQLite" ? "" : ", the database's own CPU not counted")}; " +
                $"with/without ratio per round of four phases: {string.Join(", ", rounds.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))} " +
                $"(median {Median(rounds):F2})")
            + (switchHeld ? "" : "; INVALID: the tree-less tenant has tree nodes, or the other has none")
            + (failures == 0 ? "" : $"; INVALID: {failures} failed requests (a phase that ran out of seeded jobs measured nothing)"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One server's operator and the pending jobs it cancels, each once.</summary>
    private sealed class Arm(HttpClient operatorClient, List<Guid> jobs)
    {
        private int _next = -1;

        public async Task<bool> CancelAsync(int worker, CancellationToken cancellationToken)
        {
            var index = Interlocked.Increment(ref _next);
            if (index >= jobs.Count)
            {
                throw new InvalidOperationException("Seed more jobs: the run canceled them all.");
            }

            using var response = await operatorClient.PostAsync($"api/v1/jobs/{jobs[index]}/cancel", null, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
    }
}
