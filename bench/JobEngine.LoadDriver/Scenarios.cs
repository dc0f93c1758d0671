using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace JobEngine.LoadDriver;

/// <summary>The measurements, each against its baseline in the same run.</summary>
internal sealed class Scenarios(BenchSettings settings)
{
    private const string Tenant = "bench";

    /// <summary>
    /// Audited cancels by 16 clients, all in one tenant or one tenant each (<see cref="ServerHost.LedgerTenants"/>),
    /// against the same entry rows inserted with raw SQL by as many connections (<see cref="LedgerBaseline"/>).
    /// </summary>
    public async Task<Measurement> LedgerAppendAsync(ServerHost server, BenchStore store, string storeName, int tenantCount)
    {
        using var clients = new BenchClients(server);
        var tenants = tenantCount == 1 ? [Tenant] : ServerHost.LedgerTenants.Take(tenantCount).ToArray();
        var operators = new HttpClient[tenants.Length];
        var jobs = new List<Guid>[tenants.Length];
        var next = new int[tenants.Length];
        for (var t = 0; t < tenants.Length; t++)
        {
            operators[t] = tenantCount == 1
                ? await clients.AsAsync(0, "orch:read orch:operate", operatorToken: true)
                : await clients.AsOperatorAsync(ServerHost.TenantOperator(tenants[t]));
            jobs[t] = store.SeedJobs(tenants[t], $"ledger.{storeName}.{tenantCount}", settings.SeededJobs / tenants.Length);
            next[t] = -1;
        }

        try
        {
            var commitsBefore = await store.CommitsAsync(settle: true);
            var (ours, cpuPerAction) = await ClosedLoop.RunWithCpuAsync(settings.Concurrency, settings.Warmup, settings.Duration, server.CpuTime, async (worker, ct) =>
            {
                var t = worker % tenants.Length;
                var index = Interlocked.Increment(ref next[t]);
                if (index >= jobs[t].Count)
                {
                    throw new InvalidOperationException("Seed more jobs: the run canceled them all.");
                }

                using var response = await operators[t].PostAsync($"api/v1/jobs/{jobs[t][index]}/cancel", null, ct);
                return response.StatusCode == HttpStatusCode.OK;
            });
            var commitsPerAction = await store.CommitsAsync(settle: true) - commitsBefore is { } commits ? (double)commits / ours.Attempts : (double?)null;

            using var baselineRows = LedgerBaseline.Create(store, settings.Concurrency, tenants[0], "job.canceled");
            var baseline = await ClosedLoop.RunAsync(settings.Concurrency, settings.Warmup, settings.Duration, async (worker, _) =>
            {
                await baselineRows.AppendAsync(worker, tenants[worker % tenants.Length]);
                return true;
            });
            var ratio = ours.PerSecond / baseline.PerSecond;
            var tenantLabel = tenantCount == 1 ? "1 tenant" : $"{tenantCount} tenants";
            return new Measurement($"ledger append ({storeName}, {tenantLabel})", "audited cancels/s", ours.PerSecond, baseline.PerSecond,
                $"the same entry row, a prepared raw-SQL INSERT into a table with the ledger's columns, primary key and {baselineRows.SecondaryIndexes} secondary indexes, one durable transaction each, same {storeName} store, same concurrency and tenants"
                + (store.IsPostgres ? "" : ", queued for the write lock in-process"),
                "≥ 0.5 of the durable-insert baseline of the same rows, p99 under 50 ms at 16 clients", ratio >= 0.5 && ours.P99Ms < 50,
                $"{ours.Latency} (baseline p50 {baseline.P50Ms:F2} ms, p99 {baseline.P99Ms:F2} ms); server CPU per action {cpuPerAction:F2} ms"
                + (commitsPerAction is { } perAction ? $"; database commits per action {perAction:F2} (all of the database's transactions, reads included)" : ""),
                ours.FailureNote);
        }
        finally
        {
            foreach (var http in operators)
            {
                http?.Dispose();
            }
        }
    }

    /// <summary>
    /// The first page of a ticket's entries (50, spread over the whole ledger) against the first
    /// plain page of the same ledger (50 consecutive entries, a primary-key range), same token and
    /// tenant, one request at a time, the two alternating.
    /// </summary>
    public async Task<Measurement> AuditQueryAsync(ServerHost server, string ticket, int entries)
    {
        using var clients = new BenchClients(server);
        using var auditor = await clients.AsAsync(3, "orch:audit");
        async Task<bool> PageOf50(string query)
        {
            using var response = await auditor.GetAsync($"api/v1/audit?{query}limit=50");
            return response.StatusCode == HttpStatusCode.OK
                && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength() == 50;
        }

        Task<bool> ByTicket(int _) => PageOf50($"operatorTicket={ticket}&");
        Task<bool> ByKey(int _) => PageOf50("");

        // Both paths are warmed first (a fresh server compiles them on first use).
        await ClosedLoop.AlternatingAsync(settings.QueryRequests, ByTicket, ByKey);
        var (ours, baseline) = await ClosedLoop.AlternatingAsync(settings.QueryRequests, ByTicket, ByKey);
        return new Measurement($"audit query by ticket over {entries:N0} entries (p50)", "ms", ours.P50Ms, baseline.P50Ms,
            "the plain 50-row page `GET /audit?limit=50`, a primary-key range over the same entries, same HTTP, token and tenant (p50)",
            "≤ 1.5× the 50-row primary-key page over 1,000,000 entries", ours.P50Ms <= 1.5 * baseline.P50Ms && ours.Failures + baseline.Failures == 0,
            $"p50 {ours.P50Ms:F2} ms, p99 {ours.P99Ms:F2} ms (baseline p50 {baseline.P50Ms:F2}, p99 {baseline.P99Ms:F2})",
            ours.Failures + baseline.Failures > 0 ? $"{ours.Failures + baseline.Failures} requests failed or did not return 50 entries" : null);
    }

    public async Task<Measurement> JobCycleAsync(ServerHost server, BenchStore store)
    {
        using var clients = new BenchClients(server);
        using var submitter = await clients.AsAsync(1, "orch:submit");
        using var worker = await clients.AsAsync(2, "orch:work");
        var (ours, cpuPerCycle) = await ClosedLoop.RunWithCpuAsync(settings.Concurrency, settings.Warmup, settings.Duration, server.CpuTime, async (w, ct) =>
        {
            var jobType = $"cycle.w{w}";
            using var submitted = await submitter.PostAsJsonAsync("api/v1/jobs", new { jobType, payload = new { n = w } }, ct);
            if (submitted.StatusCode != HttpStatusCode.Created)
            {
                return false;
            }

            using var leased = await worker.PostAsJsonAsync("api/v1/workers/lease", new { workerId = $"w{w}", jobTypes = new[] { jobType }, leaseSeconds = 60 }, ct);
            if (leased.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            var lease = await leased.Content.ReadFromJsonAsync<JsonElement>(ct);
            var jobId = lease.GetProperty("job").GetProperty("jobId").GetString();
            using var completed = await worker.PostAsJsonAsync($"api/v1/jobs/{jobId}/complete", new { leaseId = lease.GetProperty("leaseId").GetString() }, ct);
            return completed.StatusCode == HttpStatusCode.OK;
        });

        using (var setup = store.Open())
        {
            // The claim query's index, as the jobs table has one for leasing: without it the claim scans a table that grows all run.
            BenchStore.Execute(setup, """
                CREATE TABLE IF NOT EXISTS bench_jobs (id bigserial PRIMARY KEY, worker text NOT NULL, status char(1) NOT NULL, payload text);
                CREATE INDEX IF NOT EXISTS ix_bench_jobs_claim ON bench_jobs (worker, status, id);
                """);
        }

        var connections = Enumerable.Range(0, settings.Concurrency).Select(_ => (Npgsql.NpgsqlConnection)store.Open()).ToArray();
        var statements = connections.Select((connection, w) => CycleStatements.Prepare(connection, $"w{w}")).ToArray();
        try
        {
            var baseline = await ClosedLoop.RunAsync(settings.Concurrency, settings.Warmup, settings.Duration, async (w, ct) =>
            {
                var cycle = statements[w];
                await cycle.Insert.ExecuteNonQueryAsync(ct);
                if (await cycle.Claim.ExecuteScalarAsync(ct) is not long id)
                {
                    return false;
                }

                cycle.Complete.Parameters[0].Value = id;
                return await cycle.Complete.ExecuteNonQueryAsync(ct) == 1;
            });
            return new Measurement("job cycle on PostgreSQL (submit → lease → complete)", "cycles/s", ours.PerSecond, baseline.PerSecond,
                "bare SQL insert, SKIP LOCKED claim through an index on (worker, status, id), and complete, each prepared once per connection, on the same database, same concurrency",
                "≥ 0.5 of the indexed bare-SQL loop", ours.PerSecond / baseline.PerSecond >= 0.5,
                $"{ours.Latency} (baseline p50 {baseline.P50Ms:F2} ms, p99 {baseline.P99Ms:F2} ms)",
                $"server CPU per cycle (three requests) {cpuPerCycle:F2} ms, the database's own CPU not counted" + (ours.FailureNote is { } failed ? "; " + failed : ""));
        }
        finally
        {
            foreach (var cycle in statements)
            {
                cycle.Dispose();
            }

            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>A baseline worker's three statements, prepared once on its connection as a hand-written job loop would.</summary>
    private sealed record CycleStatements(Npgsql.NpgsqlCommand Insert, Npgsql.NpgsqlCommand Claim, Npgsql.NpgsqlCommand Complete) : IDisposable
    {
        public static CycleStatements Prepare(Npgsql.NpgsqlConnection connection, string worker)
        {
            var insert = new Npgsql.NpgsqlCommand("INSERT INTO bench_jobs (worker, status, payload) VALUES (@w, 'P', '{}')", connection);
            insert.Parameters.AddWithValue("w", worker);
            var claim = new Npgsql.NpgsqlCommand(
                "UPDATE bench_jobs SET status = 'L' WHERE id = (SELECT id FROM bench_jobs WHERE worker = @w AND status = 'P' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id",
                connection);
            claim.Parameters.AddWithValue("w", worker);
            var complete = new Npgsql.NpgsqlCommand("UPDATE bench_jobs SET status = 'S' WHERE id = @id", connection);
            complete.Parameters.AddWithValue("id", 0L);
            insert.Prepare();
            claim.Prepare();
            complete.Prepare();
            return new CycleStatements(insert, claim, complete);
        }

        public void Dispose()
        {
            Insert.Dispose();
            Claim.Dispose();
            Complete.Dispose();
        }
    }
}

/// <summary>How long and how hard each measurement runs.</summary>
internal sealed record BenchSettings(bool Quick)
{
    public int Concurrency => 16;

    public TimeSpan Warmup => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);

    /// <summary>
    /// The warm-up of a fresh server's first load (token issuance, and its baseline alike): the JIT's
    /// tier-up of a ReadyToRun server goes on for tens of seconds of load on two cores (bench/analysis.md,
    /// session 5), and a deployed Authority serves for days.
    /// </summary>
    public TimeSpan FirstLoadWarmup => Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(45);

    public TimeSpan Duration => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(20);

    public int SeededJobs => Quick ? 15_000 : 150_000;

    public int LedgerEntries => Quick ? 100_000 : 1_000_000;

    public int QueryRequests => Quick ? 100 : 1000;

    /// <summary>Tenants due at once for the signing service's pass: more than one pass's fixed costs, so the rate is per checkpoint.</summary>
    public int SigningTenants => Quick ? 300 : 3000;

    /// <summary>The checkpoint interval of the signing pass's server: its first pass comes after the append load that measures what it must keep up with.</summary>
    public TimeSpan SigningPassAfter => Quick ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(120);

    public int SigningTenantEntries => 100;

    /// <summary>
    /// Pending jobs per tenant of the tree-cost row: more than a server's warm-up and phases can cancel,
    /// with room to spare for a faster server (a phase that runs out measures nothing: bench/analysis.md).
    /// </summary>
    public int TreeCostJobs => Quick ? 40_000 : 300_000;

    /// <summary>Rounds of four phases (with, without, without, with the tree; the next round the other way round): short phases, many of them, average out bursts of other load.</summary>
    public int TreeCostRounds => Quick ? 2 : 4;

    /// <summary>After the other server's phase: its writes made this server's SQLite page cache stale.</summary>
    public TimeSpan PhaseWarmup => TimeSpan.FromSeconds(1);

    public TimeSpan PhaseDuration => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5);
}
