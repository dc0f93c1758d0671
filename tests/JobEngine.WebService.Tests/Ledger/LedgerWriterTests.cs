using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobEngine.Application.Audit;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Diagnostics;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JobEngine.WebService.Tests.Ledger;

/// <summary>
/// The one ledger writer, on the store under test: concurrent actions of several tenants share
/// batches (on SQLite one commit for every waiting tenant) and still get one entry each on valid chains and trees; a command that fails at the
/// store fails alone, in a batch of one tenant or of several; a full queue refuses with 503 and Retry-After and loses nothing; shutdown
/// writes what is queued or refuses it, never acknowledging an unwritten entry.
/// </summary>
public sealed class LedgerWriterTests : IAsyncLifetime
{
    private static readonly string[] Tenants = ["wr-one", "wr-two", "wr-three", "wr-four"];

    private JobEngineApp _app = null!;

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        TestStore.Delete(_app.DataDirectory);
    }

    [Fact]
    public async Task ConcurrentActionsOfSeveralTenants_WriteOneEntryEach_OnValidChainsAndTrees()
    {
        var jobs = await SubmitForEveryTenantAsync(12);
        var operators = await OperatorsAsync();

        var answers = await Task.WhenAll(Tenants.SelectMany(tenant => jobs[tenant].Select(async jobId =>
            (await operators[tenant].PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")).Status)));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        await AssertOneCancelEntryEachAsync(jobs);
    }

    [Fact]
    public async Task ActionsOfSeveralTenantsQueuedTogether_ShareOneCommitOnSqlite_AndOnlyTheirTenantsOnPostgres()
    {
        var jobs = await SubmitForEveryTenantAsync(3);
        var operators = await OperatorsAsync();

        using var batches = new BatchSizes(_app);
        Task<(HttpStatusCode Status, JsonElement Body)>[] cancels;
        await using (await WriterHold.TakeAsync(_app, Tenants))
        {
            cancels = [.. Tenants.SelectMany(tenant => jobs[tenant].Select(jobId => operators[tenant].PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")))];
            foreach (var tenant in Tenants)
            {
                await WriterHold.UntilQueuedAsync(_app, tenant, 3);
            }
        }

        Assert.All(await Task.WhenAll(cancels), answer => Assert.Equal(HttpStatusCode.OK, answer.Status));

        // SQLite's one writer commits every waiting tenant's commands at once; on PostgreSQL each
        // tenant's three are a transaction of their own.
        Assert.Equal(TestStore.IsPostgres ? [3, 3, 3, 3] : [12], batches.Committed.Order());
        await AssertOneCancelEntryEachAsync(jobs);
    }

    [Fact]
    public async Task ATenantWaitingForItsHead_HoldsUpNoOtherTenantOnPostgres_WhileSqlitesOneWriterHoldsUpEveryone()
    {
        var jobs = await SubmitForEveryTenantAsync(1);
        var operators = await OperatorsAsync();
        var (held, others) = (Tenants[0], Tenants[1..]);

        Task<(HttpStatusCode Status, JsonElement Body)> heldCancel;
        Task<(HttpStatusCode Status, JsonElement Body)>[] otherCancels;
        await using (await WriterHold.TakeAsync(_app, held))
        {
            heldCancel = operators[held].PostJsonAsync($"/api/v1/jobs/{jobs[held][0]}/cancel");
            await WriterHold.UntilQueuedAsync(_app, held, 1);
            otherCancels = [.. others.Select(tenant => operators[tenant].PostJsonAsync($"/api/v1/jobs/{jobs[tenant][0]}/cancel"))];
            if (TestStore.IsPostgres)
            {
                // Every other tenant's batch goes to a free writer, whatever writer waits for the held head.
                var answered = await Task.WhenAll(otherCancels).WaitAsync(TimeSpan.FromSeconds(30));
                Assert.All(answered, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
            }
            else
            {
                // The file has one writer, and it waits for the held write gate.
                foreach (var tenant in others)
                {
                    await WriterHold.UntilQueuedAsync(_app, tenant, 1);
                }

                Assert.DoesNotContain(otherCancels, cancel => cancel.IsCompleted);
            }

            Assert.False(heldCancel.IsCompleted);
        }

        Assert.Equal(HttpStatusCode.OK, (await heldCancel).Status);
        Assert.All(await Task.WhenAll(otherCancels), answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        await AssertOneCancelEntryEachAsync(jobs);
    }

    [Fact]
    public async Task ABatchOfSeveralTenantsWithACommandTheStoreRefuses_FailsThatCommandAlone_AndTheOtherTenantStillCommitsTogether()
    {
        var (good, bad) = (Tenants[2], Tenants[3]);
        var goodJobs = await SubmitAsync(good, 3);
        var badJobs = await SubmitAsync(bad, 3);
        var refused = badJobs[1];
        var (goodOperator, badOperator) = (Operator(good), Operator(bad));
        await Task.WhenAll(goodOperator.GetAsync("/api/v1/jobs?limit=1"), badOperator.GetAsync("/api/v1/jobs?limit=1"));
        using (var connection = TestStore.Open(_app.DataDirectory))
        {
            RefuseEntriesFor(connection, refused);
        }

        using var batches = new BatchSizes(_app);
        Task<(HttpStatusCode Status, JsonElement Body)>[] goodCancels, badCancels;
        await using (await WriterHold.TakeAsync(_app, good, bad))
        {
            goodCancels = [.. goodJobs.Select(jobId => goodOperator.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel"))];
            badCancels = [.. badJobs.Select(jobId => badOperator.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel"))];
            await WriterHold.UntilQueuedAsync(_app, good, 3);
            await WriterHold.UntilQueuedAsync(_app, bad, 3);
        }

        Assert.All(await Task.WhenAll(goodCancels), answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        var badAnswers = await Task.WhenAll(badCancels);

        // The good tenant's three commit together (after the shared batch failed, on SQLite); the
        // bad tenant's run alone, and its two good ones commit.
        Assert.Equal([1, 1, 3], batches.Committed.Order());
        for (var i = 0; i < badJobs.Count; i++)
        {
            var expected = badJobs[i] == refused ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
            Assert.Equal(expected, badAnswers[i].Status);
            Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, (await EntriesAsync(Auditor(bad), "job.canceled", badJobs[i])).Count);
        }

        foreach (var jobId in goodJobs)
        {
            Assert.Single(await EntriesAsync(Auditor(good), "job.canceled", jobId));
        }

        await AssertChainAndTreeValidAsync(Auditor(good));
        await AssertChainAndTreeValidAsync(Auditor(bad));
    }

    [Fact]
    public async Task AnAppendOntoAHeadAnotherProcessMovedSinceThisOneRememberedIt_RunsAgainOnTheHeadRead_AndTheChainStaysWhole()
    {
        var tenant = Tenants[0];
        var jobIds = await SubmitAsync(tenant, 3);
        var operatorHttp = Operator(tenant);
        Assert.Equal(HttpStatusCode.OK, (await operatorHttp.PostJsonAsync($"/api/v1/jobs/{jobIds[0]}/cancel")).Status);
        var remembered = _app.Services.GetRequiredService<ChainHeadMemory>().Recall(tenant);
        Assert.NotNull(remembered);

        await using (var other = new JobEngineApp(Clients(), _app.DataDirectory))
        {
            var otherOperator = ApiFixture.ClientFor(other, new TestClient($"{tenant}-operator", "writer-test-secret", [tenant], ["Orch.Operator"]),
                "orch:read orch:operate", ("operator_reason", "writer test"), ("operator_ticket", "WRITER-1"));
            Assert.Equal(HttpStatusCode.OK, (await otherOperator.PostJsonAsync($"/api/v1/jobs/{jobIds[1]}/cancel")).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await operatorHttp.PostJsonAsync($"/api/v1/jobs/{jobIds[2]}/cancel")).Status);
        Assert.True(_app.Services.GetRequiredService<ChainHeadMemory>().Recall(tenant)!.Sequence > remembered.Sequence + 2);
        await AssertOneCancelEntryEachAsync(new Dictionary<string, List<string>> { [tenant] = jobIds });
    }

    [Fact]
    public async Task ABatchThatFailsAfterItsCommit_IsAnsweredAsCommitted_AndNeverRunAgain()
    {
        var tenant = Tenants[1];
        var jobId = (await SubmitAsync(tenant, 1))[0];
        var operatorHttp = Operator(tenant);
        await operatorHttp.GetAsync("/api/v1/jobs?limit=1");

        // Recording the batch's size runs after its commit; a listener that throws there stands
        // for anything that fails once the rows are durable.
        using var failing = new BatchSizes(_app, _ => throw new InvalidOperationException("after the commit"));
        var (status, _) = await operatorHttp.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");

        Assert.Equal(HttpStatusCode.OK, status);
        var auditor = Auditor(tenant);
        Assert.Single(await EntriesAsync(auditor, "job.canceled", jobId));
        Assert.Equal("Canceled", (await auditor.GetJsonAsync($"/api/v1/jobs/{jobId}")).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ALaterCommandOfABatch_SeesWhatAnEarlierOneChanged()
    {
        var tenant = Tenants[0];
        var jobId = (await SubmitAsync(tenant, 1))[0];
        var operatorHttp = Operator(tenant);
        await operatorHttp.GetAsync("/api/v1/jobs?limit=1");

        Task<(HttpStatusCode Status, JsonElement Body)> cancel, retry;
        await using (await WriterHold.TakeAsync(_app, tenant))
        {
            cancel = operatorHttp.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");
            await WriterHold.UntilQueuedAsync(_app, tenant, 1);
            retry = operatorHttp.PostJsonAsync($"/api/v1/jobs/{jobId}/retry");
            await WriterHold.UntilQueuedAsync(_app, tenant, 2);
        }

        Assert.Equal(HttpStatusCode.OK, (await cancel).Status);
        var (retryStatus, retried) = await retry;
        Assert.Equal(HttpStatusCode.OK, retryStatus);
        Assert.Equal("Pending", retried.GetProperty("status").GetString());
        var auditor = Auditor(tenant);
        var canceled = Assert.Single(await EntriesAsync(auditor, "job.canceled", jobId));
        var retriedEntry = Assert.Single(await EntriesAsync(auditor, "job.retried", jobId));
        Assert.Equal(canceled.GetProperty("sequence").GetInt64() + 1, retriedEntry.GetProperty("sequence").GetInt64());
        await AssertChainAndTreeValidAsync(auditor);
    }

    [Fact]
    public async Task ABatchWithACommandTheStoreRefuses_AnswersThatCommandWithAnError_AndCommitsTheOthers()
    {
        var tenant = Tenants[1];
        var jobIds = await SubmitAsync(tenant, 6);
        var bad = jobIds[3];
        var operatorHttp = Operator(tenant);
        await operatorHttp.GetAsync("/api/v1/jobs?limit=1");
        using (var connection = TestStore.Open(_app.DataDirectory))
        {
            RefuseEntriesFor(connection, bad);
        }

        Task<(HttpStatusCode Status, JsonElement Body)>[] cancels;
        await using (await WriterHold.TakeAsync(_app, tenant))
        {
            cancels = [.. jobIds.Select(jobId => operatorHttp.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel"))];
            await WriterHold.UntilQueuedAsync(_app, tenant, jobIds.Count);
        }

        var answers = await Task.WhenAll(cancels);
        var auditor = Auditor(tenant);
        for (var i = 0; i < jobIds.Count; i++)
        {
            var (_, job) = await auditor.GetJsonAsync($"/api/v1/jobs/{jobIds[i]}");
            if (jobIds[i] == bad)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, answers[i].Status);
                answers[i].Body.AssertProblem("urn:jobengine:problem:ledger-unavailable");
                Assert.Equal("Pending", job.GetProperty("status").GetString());
                Assert.Empty(await EntriesAsync(auditor, "job.canceled", bad));
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, answers[i].Status);
                Assert.Equal("Canceled", job.GetProperty("status").GetString());
                Assert.Single(await EntriesAsync(auditor, "job.canceled", jobIds[i]));
            }
        }

        await AssertChainAndTreeValidAsync(auditor);
    }

    [Fact]
    public async Task AFullQueue_Answers503WithRetryAfter_AndLosesNothing()
    {
        await _app.DisposeAsync();
        await StartAsync(new Dictionary<string, string?> { ["JobEngine:Ledger:WriterQueueLimit"] = "3" });
        var tenant = Tenants[2];
        var jobIds = await SubmitAsync(tenant, 8);
        var operatorHttp = Operator(tenant);
        await operatorHttp.GetAsync("/api/v1/jobs?limit=1");

        Task<HttpResponseMessage>[] cancels;
        HttpResponseMessage[] refused;
        await using (await WriterHold.TakeAsync(_app, tenant))
        {
            cancels = [.. jobIds.Select(jobId => operatorHttp.PostAsync($"/api/v1/jobs/{jobId}/cancel", JsonContent.Create(new { })))];
            await WriterHold.UntilQueuedAsync(_app, tenant, 3);
            refused = await UntilAnsweredAsync(cancels, 5);
        }

        Assert.All(refused, response =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        });
        var answers = await Task.WhenAll(cancels);
        Assert.Equal(3, answers.Count(answer => answer.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, answers.Count(answer => answer.StatusCode == HttpStatusCode.ServiceUnavailable));

        var auditor = Auditor(tenant);
        for (var i = 0; i < jobIds.Count; i++)
        {
            var accepted = answers[i].StatusCode == HttpStatusCode.OK;
            var (_, job) = await auditor.GetJsonAsync($"/api/v1/jobs/{jobIds[i]}");
            Assert.Equal(accepted ? "Canceled" : "Pending", job.GetProperty("status").GetString());
            Assert.Equal(accepted ? 1 : 0, (await EntriesAsync(auditor, "job.canceled", jobIds[i])).Count);
        }

        await AssertChainAndTreeValidAsync(auditor);
    }

    [Fact]
    public async Task Shutdown_WritesWhatIsQueued_AndTakesNothingMore()
    {
        var tenant = Tenants[3];
        var jobIds = await SubmitAsync(tenant, 6);
        var operatorHttp = Operator(tenant);
        await operatorHttp.GetAsync("/api/v1/jobs?limit=1");
        var writer = _app.Services.GetRequiredService<LedgerWriter>();

        Task<(HttpStatusCode Status, JsonElement Body)>[] queued;
        Task stopping;
        await using (await WriterHold.TakeAsync(_app, tenant))
        {
            queued = [.. jobIds.Take(5).Select(jobId => operatorHttp.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel"))];
            await WriterHold.UntilQueuedAsync(_app, tenant, 5);
            stopping = writer.StopAsync(CancellationToken.None);

            var (lateStatus, late) = await operatorHttp.PostJsonAsync($"/api/v1/jobs/{jobIds[5]}/cancel");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, lateStatus);
            late.AssertProblem("urn:jobengine:problem:ledger-unavailable");
            Assert.False(stopping.IsCompleted);
        }

        await stopping;
        Assert.All(await Task.WhenAll(queued), answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        var auditor = Auditor(tenant);
        foreach (var jobId in jobIds.Take(5))
        {
            Assert.Single(await EntriesAsync(auditor, "job.canceled", jobId));
        }

        Assert.Equal("Pending", (await auditor.GetJsonAsync($"/api/v1/jobs/{jobIds[5]}")).Body.GetProperty("status").GetString());
        Assert.Empty(await EntriesAsync(auditor, "job.canceled", jobIds[5]));
    }

    [Fact]
    public async Task Shutdown_ThatCannotWaitForTheWriter_RefusesWhatIsQueued_AndWritesNoneOfIt()
    {
        var tenant = Tenants[0];
        var jobIds = await SubmitAsync(tenant, 4);
        var operatorHttp = Operator(tenant);
        await operatorHttp.GetAsync("/api/v1/jobs?limit=1");
        var writer = _app.Services.GetRequiredService<LedgerWriter>();

        (HttpStatusCode Status, JsonElement Body)[] answers;
        await using (await WriterHold.TakeAsync(_app, tenant))
        {
            var queued = jobIds.Select(jobId => operatorHttp.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")).ToArray();
            await WriterHold.UntilQueuedAsync(_app, tenant, jobIds.Count);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await writer.StopAsync(timeout.Token);
            answers = await Task.WhenAll(queued);
        }

        Assert.All(answers, answer =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
            answer.Body.AssertProblem("urn:jobengine:problem:ledger-unavailable");
        });

        await using var restarted = new JobEngineApp(Clients(), _app.DataDirectory);
        var auditor = ApiFixture.ClientFor(restarted, new TestClient($"{tenant}-auditor", "writer-test-secret", [tenant], ["Orch.Auditor"]), "orch:read orch:audit");
        foreach (var jobId in jobIds)
        {
            Assert.Equal("Pending", (await auditor.GetJsonAsync($"/api/v1/jobs/{jobId}")).Body.GetProperty("status").GetString());
            Assert.Empty(await EntriesAsync(auditor, "job.canceled", jobId));
        }

        await AssertChainAndTreeValidAsync(auditor);
    }

    /// <summary>The answers that came back while the writer was held: the ones the full queue refused at once.</summary>
    private static async Task<HttpResponseMessage[]> UntilAnsweredAsync(Task<HttpResponseMessage>[] answers, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (answers.Count(answer => answer.IsCompleted) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "The full queue did not refuse the requests beyond it.");
            await Task.Delay(20);
        }

        return await Task.WhenAll(answers.Where(answer => answer.IsCompleted));
    }

    private Task StartAsync(IDictionary<string, string?>? settings = null)
    {
        var directory = _app?.DataDirectory ?? Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));
        _app = new JobEngineApp(Clients(), directory, settings);
        _ = _app.Server;
        return Task.CompletedTask;
    }

    private static List<TestClient> Clients() =>
    [
        .. Tenants.SelectMany(tenant => new[]
        {
            new TestClient($"{tenant}-submitter", "writer-test-secret", [tenant], ["Orch.Submitter"]),
            new TestClient($"{tenant}-operator", "writer-test-secret", [tenant], ["Orch.Operator"]),
            new TestClient($"{tenant}-auditor", "writer-test-secret", [tenant], ["Orch.Auditor"]),
        }),
    ];

    private HttpClient Operator(string tenant) =>
        ApiFixture.ClientFor(_app, new TestClient($"{tenant}-operator", "writer-test-secret", [tenant], ["Orch.Operator"]), "orch:read orch:operate",
            ("operator_reason", "writer test"), ("operator_ticket", "WRITER-1"));

    private HttpClient Auditor(string tenant) =>
        ApiFixture.ClientFor(_app, new TestClient($"{tenant}-auditor", "writer-test-secret", [tenant], ["Orch.Auditor"]), "orch:read orch:audit");

    private async Task<Dictionary<string, List<string>>> SubmitForEveryTenantAsync(int count)
    {
        var jobs = new Dictionary<string, List<string>>();
        foreach (var tenant in Tenants)
        {
            jobs[tenant] = await SubmitAsync(tenant, count);
        }

        return jobs;
    }

    /// <summary>Every tenant's operator, with its token already issued (and recorded), so that only the actions reach the writer from here on.</summary>
    private async Task<Dictionary<string, HttpClient>> OperatorsAsync()
    {
        var operators = Tenants.ToDictionary(tenant => tenant, Operator);
        await Task.WhenAll(operators.Values.Select(http => http.GetAsync("/api/v1/jobs?limit=1")));
        return operators;
    }

    /// <summary>Each canceled job has exactly one entry, and every tenant's chain and tree verify.</summary>
    private async Task AssertOneCancelEntryEachAsync(Dictionary<string, List<string>> jobs)
    {
        foreach (var (tenant, jobIds) in jobs)
        {
            var auditor = Auditor(tenant);
            foreach (var jobId in jobIds)
            {
                Assert.Single(await EntriesAsync(auditor, "job.canceled", jobId));
            }

            await AssertChainAndTreeValidAsync(auditor);
        }
    }

    private async Task<List<string>> SubmitAsync(string tenant, int count)
    {
        var submitter = ApiFixture.ClientFor(_app, new TestClient($"{tenant}-submitter", "writer-test-secret", [tenant], ["Orch.Submitter"]),
            "orch:read orch:submit");
        var jobType = ApiCalls.NewJobType();
        var jobIds = new List<string>();
        for (var i = 0; i < count; i++)
        {
            jobIds.Add(await submitter.SubmitAsync(jobType));
        }

        return jobIds;
    }

    private static async Task<List<JsonElement>> EntriesAsync(HttpClient auditor, string eventType, string resourceId)
    {
        var (status, page) = await auditor.GetJsonAsync($"/api/v1/audit?eventType={eventType}&resourceId={resourceId}");
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>A checkpoint signed over the stored tree, then the chain and that checkpoint checked against the entries.</summary>
    private static async Task AssertChainAndTreeValidAsync(HttpClient auditor)
    {
        var (signStatus, _) = await auditor.PostJsonAsync("/api/v1/audit/checkpoints");
        Assert.True(signStatus is HttpStatusCode.Created or HttpStatusCode.OK, $"Signing a checkpoint answered {signStatus}.");
        var (_, verify) = await auditor.GetJsonAsync("/api/v1/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.True(verify.GetProperty("checkpointsChecked").GetInt32() >= 1, verify.ToString());
    }

    /// <summary>Makes the store refuse the ledger entry of one resource, as a failing disk page would.</summary>
    private static void RefuseEntriesFor(System.Data.Common.DbConnection connection, string resourceId) => connection.Execute(TestStore.IsPostgres
        ? $"""
          CREATE OR REPLACE FUNCTION refuse_one_entry() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF NEW.resource_id = '{resourceId}' THEN RAISE EXCEPTION 'could not write block: I/O error'; END IF;
            RETURN NEW;
          END $$;
          CREATE TRIGGER refuse_one_entry BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION refuse_one_entry();
          """
        : $"""
          CREATE TRIGGER refuse_one_entry BEFORE INSERT ON audit_entries WHEN NEW.resource_id = '{resourceId}'
          BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;
          """);

    /// <summary>The size of every ledger batch the app under test commits from now on (its own meter, not another test's).</summary>
    private sealed class BatchSizes : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<long> _committed = new();

        public BatchSizes(JobEngineApp app, Action<long>? onCommitted = null)
        {
            var meter = app.Services.GetRequiredService<JobEngineMetrics>().Meter;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == meter && instrument.Name == "jobengine.ledger.batch.size")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, size, _, _) =>
            {
                _committed.Enqueue(size);
                onCommitted?.Invoke(size);
            });
            _listener.Start();
        }

        public IReadOnlyCollection<long> Committed => [.. _committed];

        public void Dispose() => _listener.Dispose();
    }
}
