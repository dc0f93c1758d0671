using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using JobEngine.WebService.Tests.Infrastructure;
using JobEngine.WebService.Tests.Ledger;
using JobEngine.Infrastructure.Audit;
using Npgsql;

namespace JobEngine.WebService.Tests.Persistence;

/// <summary>
/// What the write paths send PostgreSQL. A ledger batch of one command, on a head this process
/// remembers, reads no head and saves the job it changed, the moved chain head, its entry and its
/// tree nodes in one round trip; a batch of more rows than
/// that saves the changed rows, then inserts its entries with one multi-row statement. A bulk
/// cancel's progress is read with its row locked. A lease counts the active jobs only of the types
/// a quota limits.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresRoundTripTests() : PostgresAppTests("PostgreSQL's round trips",
    new TestClient($"{Tenant}-submitter", "round-trip-secret", [Tenant], ["Orch.Submitter"]),
    new TestClient($"{Tenant}-operator", "round-trip-secret", [Tenant], ["Orch.Operator"]),
    new TestClient($"{Tenant}-admin", "round-trip-secret", [Tenant], ["Orch.Admin"]),
    new TestClient($"{Tenant}-worker", "round-trip-secret", [Tenant], ["Orch.Worker"]))
{
    private const string Tenant = "round-trips";

    [Fact]
    public async Task ACancelAlone_SavesItsJobTheHeadAndItsEntry_InOneRoundTrip()
    {
        var jobIds = await SubmitAsync(2);
        var operatorHttp = Operator();
        Assert.Equal(HttpStatusCode.OK, (await operatorHttp.PostJsonAsync($"/api/v1/jobs/{jobIds[0]}/cancel")).Status);

        using var commands = new CommandsSent(Directory);
        Assert.Equal(HttpStatusCode.OK, (await operatorHttp.PostJsonAsync($"/api/v1/jobs/{jobIds[1]}/cancel")).Status);

        var entryWrites = commands.Texts.Where(text => text.Contains("audit_entries", StringComparison.Ordinal)
                                                       && text.Contains("INSERT", StringComparison.Ordinal)).ToList();
        var write = Assert.Single(entryWrites);
        Assert.Contains("UPDATE jobs", write, StringComparison.Ordinal);
        Assert.Contains("UPDATE audit_chain_heads", write, StringComparison.Ordinal);
        Assert.DoesNotContain("unnest", write, StringComparison.Ordinal);

        // The head this process committed last is not read again: its update locks it.
        Assert.DoesNotContain(commands.Texts, text => text.Contains("FROM audit_chain_heads", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABatchOfSeveralCancels_SavesTheChangedRows_ThenInsertsItsEntriesInOneStatement()
    {
        var jobIds = await SubmitAsync(LedgerRows.SavedWithChanges + 1);
        var operatorHttp = Operator();
        await operatorHttp.GetAsync("/api/v1/jobs?limit=1");

        using var commands = new CommandsSent(Directory);
        Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)>[] cancels;
        await using (await WriterHold.TakeAsync(App, Tenant))
        {
            cancels = [.. jobIds.Select(jobId => operatorHttp.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel"))];
            await WriterHold.UntilQueuedAsync(App, Tenant, jobIds.Count);
        }

        Assert.All(await Task.WhenAll(cancels), answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        var entryWrites = commands.Texts.Where(text => text.Contains("audit_entries", StringComparison.Ordinal)
                                                       && text.Contains("INSERT", StringComparison.Ordinal)).ToList();
        var write = Assert.Single(entryWrites);
        Assert.Contains("unnest", write, StringComparison.Ordinal);
        Assert.DoesNotContain("UPDATE jobs", write, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABulkCancelsChunks_ReadItsProgressWithItsRowLocked()
    {
        var jobType = ApiCalls.NewJobType();
        var submitter = Submitter();
        for (var i = 0; i < 3; i++)
        {
            await submitter.SubmitAsync(jobType);
        }

        var operatorHttp = Operator();
        await operatorHttp.GetAsync("/api/v1/jobs?limit=1");

        using var commands = new CommandsSent(Directory);
        var (status, bulk) = await operatorHttp.PostJsonAsync("/api/v1/jobs/bulk-cancel", new { jobType, max = 10 });

        Assert.True(status == HttpStatusCode.OK, bulk.ToString());
        Assert.Equal(3, bulk.GetProperty("canceled").GetInt32());

        // A chunk that cancels nothing appends no entry, so the head does not keep two processes' chunks apart: the row lock does.
        Assert.Contains(commands.Texts, text => text.Contains("FROM bulk_cancels", StringComparison.Ordinal) && text.Contains("FOR UPDATE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALeaseOfTypesWithoutQuotas_CountsNoActiveJobs_WhileAQuotaTypesLeaseCountsThem()
    {
        var free = ApiCalls.NewJobType();
        var limited = ApiCalls.NewJobType();
        var submitter = Submitter();
        await submitter.SubmitAsync(free);
        await submitter.SubmitAsync(limited);
        var admin = ApiFixture.ClientFor(App, new TestClient($"{Tenant}-admin", "round-trip-secret", [Tenant], ["Orch.Admin"]), "orch:read orch:quota",
            ("operator_reason", "round trip test"), ("operator_ticket", "TRIP-2"));
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/quotas/{limited}", new { maxActive = 5, maxPerHour = 100 })).Status);
        var worker = ApiFixture.ClientFor(App, new TestClient($"{Tenant}-worker", "round-trip-secret", [Tenant], ["Orch.Worker"]), "orch:work");
        await worker.GetAsync("/api/v1/jobs?limit=1");

        IReadOnlyCollection<string> Counts(CommandsSent commands) =>
            [.. commands.Texts.Where(text => text.Contains("count(*)", StringComparison.Ordinal) && text.Contains("FROM jobs", StringComparison.Ordinal))];

        using (var commands = new CommandsSent(Directory))
        {
            Assert.NotNull(await worker.LeaseAsync(free));
            Assert.Empty(Counts(commands));
        }

        using (var commands = new CommandsSent(Directory))
        {
            Assert.NotNull(await worker.LeaseAsync(limited));
            Assert.Single(Counts(commands));
        }
    }

    private HttpClient Submitter() =>
        ApiFixture.ClientFor(App, new TestClient($"{Tenant}-submitter", "round-trip-secret", [Tenant], ["Orch.Submitter"]), "orch:read orch:submit");

    private HttpClient Operator() =>
        ApiFixture.ClientFor(App, new TestClient($"{Tenant}-operator", "round-trip-secret", [Tenant], ["Orch.Operator"]), "orch:read orch:operate",
            ("operator_reason", "round trip test"), ("operator_ticket", "TRIP-1"));

    private async Task<List<string>> SubmitAsync(int count)
    {
        var submitter = Submitter();
        var jobType = ApiCalls.NewJobType();
        var jobIds = new List<string>();
        for (var i = 0; i < count; i++)
        {
            jobIds.Add(await submitter.SubmitAsync(jobType));
        }

        return jobIds;
    }

    /// <summary>The text of every command (or batch of statements) Npgsql sends to this test's database from now on, one per round trip.</summary>
    private sealed class CommandsSent : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<string> _texts = new();

        public CommandsSent(string directory)
        {
            var database = new NpgsqlConnectionStringBuilder(TestStore.SettingsFor(directory)["JobEngine:Storage:ConnectionString"]).Database;
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("db.namespace") as string == database && activity.GetTagItem("db.query.text") is string text)
                    {
                        _texts.Enqueue(text);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyCollection<string> Texts => _texts;

        public void Dispose() => _listener.Dispose();
    }
}
