using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;
using JobEngine.WebService.Tests.MultiProcess;
using Xunit.Abstractions;

namespace JobEngine.WebService.Tests.Chaos;

/// <summary>
/// A real server process under load is killed (SIGKILL, no shutdown) at a random moment, again and
/// again, on the store under test; then what it acknowledged must all be there: every submitted
/// job, every cancel with exactly one ledger entry (several at once, so kills land inside ledger batches) and no canceled job without its entry, every completion, no job leased twice, and
/// chains that verify. CI runs a few cycles; <c>tests/chaos.sh</c> runs many.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class ChaosTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string CyclesVariable = "JOBENGINE_CHAOS_CYCLES";
    private const int AnswersBeforeKill = 20;

    /// <summary>Concurrent cancels, so that the kill also lands in the middle of ledger batches of several commands.</summary>
    private const int CancelLoops = 6;
    private static readonly TestClient[] Clients = [TestClient.Submitter, TestClient.Worker, TestClient.Operator, TestClient.Auditor];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", "chaos-" + Guid.NewGuid().ToString("N"));
    private readonly string _jobType = "chaos-" + Guid.NewGuid().ToString("N")[..8];
    private readonly Acknowledged _acknowledged = new();
    private readonly int _port = ServerProcess.FreePort();

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        TestStore.Delete(_directory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task KilledUnderLoad_KeepsEverythingItAcknowledged()
    {
        var cycles = int.TryParse(Environment.GetEnvironmentVariable(CyclesVariable), out var configured) ? configured : 3;
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            await using var server = await StartAsync();
            using var stop = new CancellationTokenSource();
            var load = RunLoadAsync(server, stop.Token);

            // The kill lands while the load is running: once this cycle has had answers, at a random moment after.
            await _acknowledged.WaitForAsync(_acknowledged.Count + AnswersBeforeKill, TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1500)));
            await server.DisposeAsync();
            await stop.CancelAsync();
            await load;
        }

        output.WriteLine($"{cycles} kills; acknowledged: {_acknowledged.Submitted.Count} submits, {_acknowledged.Leased.Count} leases, "
                         + $"{_acknowledged.Completed.Count} completions, {_acknowledged.Canceled.Count} cancels");
        await using var survivor = await StartAsync();
        await AssertEverythingAcknowledgedIsThereAsync(survivor);
    }

    private async Task<ServerProcess> StartAsync()
    {
        var settings = new Dictionary<string, string?>(TestStore.SettingsFor(_directory))
        {
            ["JobEngine:Authority:Issuer"] = $"http://127.0.0.1:{_port}/",
        };
        for (var i = 0; i < Clients.Length; i++)
        {
            settings[$"JobEngine:Bootstrap:Clients:{i}:ClientId"] = Clients[i].ClientId;
            settings[$"JobEngine:Bootstrap:Clients:{i}:ClientSecret"] = Clients[i].Secret;
            settings[$"JobEngine:Bootstrap:Clients:{i}:Tenants:0"] = Clients[i].Tenants[0];
            settings[$"JobEngine:Bootstrap:Clients:{i}:Roles:0"] = Clients[i].Roles[0];
        }

        var server = ServerProcess.Start(_port, settings);
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        return server;
    }

    private async Task RunLoadAsync(ServerProcess server, CancellationToken stop)
    {
        HttpClient submitter, worker, operatorClient;
        try
        {
            submitter = await ClientAsync(server, TestClient.Submitter, "orch:read orch:submit");
            worker = await ClientAsync(server, TestClient.Worker, "orch:work");
            operatorClient = await ClientAsync(server, TestClient.Operator, "orch:read orch:operate",
                ("operator_reason", "chaos test"), ("operator_ticket", "CHAOS-1"));
        }
        catch (Exception exception) when (IsCutOff(exception))
        {
            // Killed before the load began: nothing was acknowledged in this cycle.
            return;
        }

        await Task.WhenAll(
            Enumerable.Range(0, 4).Select(_ => LoopAsync(() => SubmitAsync(submitter), stop))
                .Concat(Enumerable.Range(0, 2).Select(_ => LoopAsync(() => WorkAsync(worker), stop)))
                .Concat(Enumerable.Range(0, CancelLoops).Select(_ => LoopAsync(() => CancelAsync(operatorClient), stop))));
    }

    /// <summary>Repeats <paramref name="step"/> until stopped or the server is gone; failed requests were never acknowledged.</summary>
    private static async Task LoopAsync(Func<Task> step, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await step();
            }
            catch (Exception exception) when (IsCutOff(exception))
            {
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    private async Task SubmitAsync(HttpClient submitter)
    {
        var key = Guid.NewGuid().ToString("N");
        using var response = await submitter.PostAsJsonAsync("/api/v1/jobs", new { jobType = _jobType, payload = new { key }, idempotencyKey = key });
        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            _acknowledged.Submitted.Add(JobId(await response.Content.ReadFromJsonAsync<JsonElement>()));
        }
    }

    private async Task WorkAsync(HttpClient worker)
    {
        using var lease = await worker.PostAsJsonAsync("/api/v1/workers/lease", new { workerId = "chaos", jobTypes = new[] { _jobType }, leaseSeconds = 600 });
        if (lease.StatusCode != HttpStatusCode.OK)
        {
            return;
        }

        var body = await lease.Content.ReadFromJsonAsync<JsonElement>();
        var jobId = JobId(body.GetProperty("job"));
        _acknowledged.Leased.Add(jobId);
        using var complete = await worker.PostAsJsonAsync($"/api/v1/jobs/{jobId}/complete", new { leaseId = body.GetProperty("leaseId").GetString() });
        if (complete.StatusCode == HttpStatusCode.OK)
        {
            _acknowledged.Completed.Add(jobId);
        }
    }

    private async Task CancelAsync(HttpClient operatorClient)
    {
        if (_acknowledged.Submitted.IsEmpty)
        {
            await Task.Delay(10);
            return;
        }

        var jobId = _acknowledged.Submitted.ElementAt(Random.Shared.Next(_acknowledged.Submitted.Count));
        using var response = await operatorClient.PostAsJsonAsync($"/api/v1/jobs/{jobId}/cancel", new { comment = "chaos" });
        if (response.StatusCode == HttpStatusCode.OK)
        {
            _acknowledged.Canceled.Add(jobId);
        }
    }

    private async Task AssertEverythingAcknowledgedIsThereAsync(ServerProcess server)
    {
        var reader = await ClientAsync(server, TestClient.Submitter, "orch:read");
        var auditor = await ClientAsync(server, TestClient.Auditor, "orch:read orch:audit");
        var canceled = _acknowledged.Canceled.ToHashSet();
        var completed = _acknowledged.Completed.ToHashSet();
        // The run exercised every path it checks.
        Assert.NotEmpty(_acknowledged.Submitted);
        Assert.NotEmpty(completed);
        Assert.NotEmpty(canceled);

        foreach (var jobId in _acknowledged.Submitted.Distinct())
        {
            var (status, job) = await reader.GetJsonAsync($"/api/v1/jobs/{jobId}");
            Assert.Equal(HttpStatusCode.OK, status);
            var expected = canceled.Contains(jobId) ? "Canceled" : completed.Contains(jobId) ? "Succeeded" : null;
            if (expected is not null)
            {
                Assert.Equal(expected, job.GetProperty("status").GetString());
            }
        }

        Assert.Empty(canceled.Intersect(completed));
        Assert.All(_acknowledged.Leased.GroupBy(jobId => jobId), leases => Assert.Single(leases));
        foreach (var jobId in canceled)
        {
            var (_, entries) = await auditor.GetJsonAsync($"/api/v1/audit?eventType=job.canceled&resourceId={jobId}");
            Assert.Equal(1, entries.GetProperty("items").GetArrayLength());
        }

        // Nothing half-written: every job the store holds as canceled has its one entry, acknowledged or not.
        var (_, canceledPage) = await reader.GetJsonAsync($"/api/v1/jobs?status=Canceled&jobType={_jobType}&limit=200");
        foreach (var job in canceledPage.GetProperty("items").EnumerateArray())
        {
            var (_, entries) = await auditor.GetJsonAsync($"/api/v1/audit?eventType=job.canceled&resourceId={JobId(job)}");
            Assert.Equal(1, entries.GetProperty("items").GetArrayLength());
        }

        var (_, verify) = await auditor.GetJsonAsync("/api/v1/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
    }

    private static async Task<HttpClient> ClientAsync(ServerProcess server, TestClient client, string scope, params (string Name, string Value)[] extra)
    {
        var http = server.Client();
        http.Timeout = TimeSpan.FromSeconds(10);
        var token = (await new TokenClient(server.Client()).RequestAsync(client, scope, extra)).AccessToken;
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>A request the kill cut off (refused, reset, timed out, or its answer cut short).</summary>
    private static bool IsCutOff(Exception exception) =>
        exception is HttpRequestException or TaskCanceledException or IOException or JsonException or InvalidOperationException;

    private static string JobId(JsonElement job) => job.GetProperty("jobId").GetString()!;

    /// <summary>What the server answered with success: only these must survive a kill.</summary>
    private sealed class Acknowledged
    {
        public int Count => Submitted.Count + Leased.Count + Completed.Count + Canceled.Count;

        public async Task WaitForAsync(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (Count < count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }

        public ConcurrentBag<string> Submitted { get; } = [];

        public ConcurrentBag<string> Leased { get; } = [];

        public ConcurrentBag<string> Completed { get; } = [];

        public ConcurrentBag<string> Canceled { get; } = [];
    }
}
