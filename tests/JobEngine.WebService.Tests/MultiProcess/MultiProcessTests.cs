using System.Net;
using System.Text.Json.Nodes;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.MultiProcess;

/// <summary>
/// Two real server processes on one fresh PostgreSQL database: A plays both roles, B only the
/// JobEngine API and validates A's tokens through discovery and JWKS. The guarantees that hold
/// across threads must hold across processes.
/// </summary>
[Trait("Category", "MultiProcess")]
public sealed class MultiProcessTests : IAsyncLifetime
{
    private const int Cancels = 120;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));
    private ServerProcess? _both;
    private ServerProcess? _apiOnly;

    private ServerProcess Both => _both!;

    private string Witness => Path.Combine(_directory, "witness");

    private ServerProcess ApiOnly => _apiOnly!;

    public async Task InitializeAsync()
    {
        if (!TestStore.IsPostgres)
        {
            throw new InvalidOperationException(
                $"The multi-process tests run on PostgreSQL: set {TestStore.StoreVariable}=Postgres (./test.sh does).");
        }

        Directory.CreateDirectory(_directory);
        var store = TestStore.SettingsFor(_directory);
        store["JobEngine:Ledger:CheckpointInterval"] = "00:00:00.100";
        store["JobEngine:Ledger:Witnesses:0"] = Witness;
        var portA = ServerProcess.FreePort();
        var portB = ServerProcess.FreePort();
        var issuer = $"http://127.0.0.1:{portA}/";

        var authority = new Dictionary<string, string?>(store)
        {
            ["JobEngine:Authority:Issuer"] = issuer,
        };
        var clients = new[] { TestClient.Submitter, TestClient.Worker, TestClient.Operator, TestClient.Auditor, TestClient.Viewer };
        for (var i = 0; i < clients.Length; i++)
        {
            authority[$"JobEngine:Bootstrap:Clients:{i}:ClientId"] = clients[i].ClientId;
            authority[$"JobEngine:Bootstrap:Clients:{i}:ClientSecret"] = clients[i].Secret;
            authority[$"JobEngine:Bootstrap:Clients:{i}:Tenants:0"] = clients[i].Tenants[0];
            authority[$"JobEngine:Bootstrap:Clients:{i}:Roles:0"] = clients[i].Roles[0];
        }

        var apiOnly = new Dictionary<string, string?>(store)
        {
            ["JobEngine:Roles"] = "jobengine",
            ["JobEngine:Authority:Issuer"] = issuer,
        };

        // Both start at once, so they also race on the migrations.
        _both = ServerProcess.Start(portA, authority);
        _apiOnly = ServerProcess.Start(portB, apiOnly);
        await Task.WhenAll(Both.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)), ApiOnly.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)));
    }

    public async Task DisposeAsync()
    {
        // The servers' logs outlive the test, for whoever has to understand a failure.
        var logs = Path.Combine(RepositoryRoot.Find(), "artifacts", "multi-process");
        Directory.CreateDirectory(logs);
        if (_both is not null)
        {
            await _both.DisposeAsync();
            await File.WriteAllTextAsync(Path.Combine(logs, "authority-and-jobengine.log"), _both.Log);
        }

        if (_apiOnly is not null)
        {
            await _apiOnly.DisposeAsync();
            await File.WriteAllTextAsync(Path.Combine(logs, "jobengine-only.log"), _apiOnly.Log);
        }

        TestStore.Delete(_directory);
    }

    [Fact]
    public async Task TwoProcessesOnOneDatabase_KeepEveryGuarantee()
    {
        await TokensFromTheAuthority_AreAcceptedByTheApiOnlyHost();
        await ConcurrentCancelsOverBothProcesses_GiveOneEntryEach_AndOneValidChain();
        await RacingCancelsOfOneJob_GiveOne200AndOnly409s();
        await ConcurrentLeasesFromBothProcesses_NeverHandOutAJobTwice();
        await TheExport_VerifiesWithTheIndependentProcedure();
        await TwoSigners_NeverGiveOneTreeSizeTwoCheckpoints();
        await AStreamOnOneProcess_CarriesEntriesTheOtherCommitted();
    }

    private async Task TokensFromTheAuthority_AreAcceptedByTheApiOnlyHost()
    {
        var viewer = await ClientAsync(ApiOnly, TestClient.Viewer, "orch:read");
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetJsonAsync("/api/v1/jobs")).Status);

        using var anonymous = ApiOnly.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent([]))).StatusCode);
    }

    private async Task ConcurrentCancelsOverBothProcesses_GiveOneEntryEach_AndOneValidChain()
    {
        var submitter = await ClientAsync(Both, TestClient.Submitter, "orch:submit");
        var jobs = new List<string>();
        for (var i = 0; i < Cancels; i++)
        {
            jobs.Add(await submitter.SubmitAsync("multi.cancel"));
        }

        var operators = new[] { await OperatorAsync(Both), await OperatorAsync(ApiOnly) };
        var results = await Task.WhenAll(jobs.Select((jobId, i) => operators[i % 2].PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")));

        Assert.All(results, result => Assert.Equal(HttpStatusCode.OK, result.Status));
        var export = await ExportAsync(ApiOnly);
        var canceled = export.Where(e => e["eventType"]!.GetValue<string>() == "job.canceled").Select(e => e["resourceId"]!.GetValue<string>()).ToList();
        Assert.Equal(jobs.Order(), canceled.Order());
        Assert.Equal(Enumerable.Range(1, export.Count).Select(i => (long)i), export.Select(e => e["sequence"]!.GetValue<long>()));

        var onBoth = await Task.WhenAll(VerifyAsync(Both), VerifyAsync(ApiOnly));
        Assert.All(onBoth, verify => Assert.True(verify["valid"]!.GetValue<bool>()));
        Assert.Equal(onBoth[0]["headHash"]!.GetValue<string>(), onBoth[1]["headHash"]!.GetValue<string>());
        Assert.Equal(export.Count, onBoth[0]["entriesChecked"]!.GetValue<long>());
    }

    private async Task RacingCancelsOfOneJob_GiveOne200AndOnly409s()
    {
        var jobId = await (await ClientAsync(Both, TestClient.Submitter, "orch:submit")).SubmitAsync("multi.race");
        var operators = new[] { await OperatorAsync(Both), await OperatorAsync(ApiOnly) };

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => operators[i % 2].PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")));

        Assert.Single(results, result => result.Status == HttpStatusCode.OK);
        Assert.All(results.Where(result => result.Status != HttpStatusCode.OK), result => Assert.Equal(HttpStatusCode.Conflict, result.Status));
        Assert.Single(await ExportAsync(Both), e => e["resourceId"]?.GetValue<string>() == jobId && e["eventType"]!.GetValue<string>() == "job.canceled");
    }

    private async Task ConcurrentLeasesFromBothProcesses_NeverHandOutAJobTwice()
    {
        var submitter = await ClientAsync(Both, TestClient.Submitter, "orch:submit");
        var jobs = new HashSet<string>();
        for (var i = 0; i < 60; i++)
        {
            jobs.Add(await submitter.SubmitAsync("multi.lease"));
        }

        var workers = new[] { await ClientAsync(Both, TestClient.Worker, "orch:work"), await ClientAsync(ApiOnly, TestClient.Worker, "orch:work") };
        var leases = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => workers[i % 2].LeaseAsync("multi.lease", $"worker-{i}")));

        var granted = leases.Where(lease => lease is not null).Select(lease => lease!.Value.JobId).ToList();
        Assert.Equal(granted.Count, granted.Distinct().Count());
        Assert.Equal(jobs, granted.ToHashSet());
    }

    private async Task TheExport_VerifiesWithTheIndependentProcedure()
    {
        var auditor = await ClientAsync(ApiOnly, TestClient.Auditor, "orch:audit");
        var file = Path.Combine(_directory, "export.ndjson");
        await File.WriteAllTextAsync(file, await auditor.GetStringAsync("/api/v1/audit/export"));

        var (exitCode, output) = await LedgerCalls.RunPythonAsync(LedgerCalls.LedgerVerifier, "verify", file);

        Assert.True(exitCode == 0, output);
        Assert.StartsWith("valid:", output);
    }

    /// <summary>
    /// Both processes' background signers (every 100 ms) and explicit signing calls race against
    /// appends through both: whoever signs a size, every answer, the store and the shared witness
    /// directory agree on one note per size, neither process takes the other's newer checkpoint
    /// for a cut ledger, and the ledger verifies against all of them.
    /// </summary>
    private async Task TwoSigners_NeverGiveOneTreeSizeTwoCheckpoints()
    {
        var submitter = await ClientAsync(Both, TestClient.Submitter, "orch:submit");
        var jobs = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            jobs.Add(await submitter.SubmitAsync("multi.sign"));
        }

        var operators = new[] { await OperatorAsync(Both), await OperatorAsync(ApiOnly) };
        var auditors = new[] { await ClientAsync(Both, TestClient.Auditor, "orch:audit"), await ClientAsync(ApiOnly, TestClient.Auditor, "orch:audit") };
        var cancels = Task.WhenAll(jobs.Select((jobId, i) => operators[i % 2].PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")));
        var signings = Task.WhenAll(Enumerable.Range(0, 40).Select(i => auditors[i % 2].PostJsonAsync("/api/v1/audit/checkpoints")));
        await Task.WhenAll(cancels, signings);

        var answered = signings.Result.Select(result =>
        {
            Assert.True(result.Status is HttpStatusCode.OK or HttpStatusCode.Created, result.Body.ToString());
            return (Size: result.Body.GetProperty("treeSize").GetInt64(), Note: result.Body.GetProperty("note").GetString()!);
        }).ToList();
        // The witness's files first: each was stored before it was delivered, so the list read after holds them all.
        var witnessed = Directory.EnumerateFiles(Path.Combine(Witness, "acme"), "*.checkpoint").ToList();
        var (_, listed) = await auditors[0].GetJsonAsync("/api/v1/audit/checkpoints?limit=1000");
        var stored = listed.GetProperty("items").EnumerateArray()
            .ToDictionary(checkpoint => checkpoint.GetProperty("treeSize").GetInt64(), checkpoint => checkpoint.GetProperty("note").GetString()!);
        Assert.All(answered, answer => Assert.Equal(stored[answer.Size], answer.Note));
        Assert.All(cancels.Result, result => Assert.Equal(HttpStatusCode.OK, result.Status));
        foreach (var file in witnessed)
        {
            Assert.Equal(stored[long.Parse(Path.GetFileNameWithoutExtension(file), System.Globalization.CultureInfo.InvariantCulture)], await File.ReadAllTextAsync(file));
        }

        foreach (var server in new[] { Both, ApiOnly })
        {
            using var anonymous = server.Client();
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
        }

        var verify = await VerifyAsync(ApiOnly);
        Assert.True(verify["valid"]!.GetValue<bool>(), verify.ToJsonString());
        Assert.True(verify["checkpointsChecked"]!.GetValue<int>() >= stored.Count, verify.ToJsonString());
    }

    private async Task AStreamOnOneProcess_CarriesEntriesTheOtherCommitted()
    {
        var head = (await VerifyAsync(ApiOnly))["headSequence"]!.GetValue<long>();
        var auditor = await ClientAsync(ApiOnly, TestClient.Auditor, "orch:read orch:audit");
        using var response = await auditor.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"/api/v1/audit/stream?afterSequence={head}"), HttpCompletionOption.ResponseHeadersRead);
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync());

        var jobId = await (await ClientAsync(Both, TestClient.Submitter, "orch:submit")).SubmitAsync("multi.stream");
        Assert.Equal(HttpStatusCode.OK, (await (await OperatorAsync(Both)).PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")).Status);

        var expected = head + 1;
        JsonNode entry;
        do
        {
            var message = await stream.NextEventAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Id);
            entry = JsonNode.Parse(message.Data!)!;
            expected++;
        }
        while (entry["resourceId"]?.GetValue<string>() != jobId);

        Assert.Equal("job.canceled", entry["eventType"]!.GetValue<string>());
    }

    private async Task<HttpClient> OperatorAsync(ServerProcess server) =>
        await ClientAsync(server, TestClient.Operator, "orch:read orch:operate", ("operator_reason", "multi-process drill"), ("operator_ticket", "DRILL-1"));

    /// <summary>A client of <paramref name="server"/> holding a token from the Authority process.</summary>
    private async Task<HttpClient> ClientAsync(ServerProcess server, TestClient client, string scope, params (string Name, string Value)[] extra)
    {
        using var authority = Both.Client();
        var token = (await new TokenClient(authority).RequestAsync(client, scope, extra)).AccessToken;
        var http = server.Client();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private async Task<List<JsonObject>> ExportAsync(ServerProcess server)
    {
        using var auditor = await ClientAsync(server, TestClient.Auditor, "orch:audit");
        var text = await auditor.GetStringAsync("/api/v1/audit/export");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];
    }

    private async Task<JsonObject> VerifyAsync(ServerProcess server)
    {
        var auditor = await ClientAsync(server, TestClient.Auditor, "orch:audit");
        return JsonNode.Parse(await auditor.GetStringAsync("/api/v1/audit/verify"))!.AsObject();
    }
}
