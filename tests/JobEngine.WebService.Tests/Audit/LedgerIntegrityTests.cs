using System.Data.Common;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Audit;

/// <summary>Each test runs on a fresh store, since several of them tamper with it.</summary>
public sealed class LedgerIntegrityTests : IAsyncLifetime
{
    private readonly ApiFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task ConcurrentOperatorActions_GiveAContiguousValidChain()
    {
        var submitter = _fixture.ClientFor(TestClient.Submitter, "orch:submit");
        var jobs = new List<string>();
        for (var i = 0; i < 32; i++)
        {
            jobs.Add(await submitter.SubmitAsync("bulk"));
        }

        var operatorClient = _fixture.OperatorFor(TestClient.Operator);
        var results = await Task.WhenAll(jobs.Select(jobId => operatorClient.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")));

        Assert.All(results, result => Assert.Equal(HttpStatusCode.OK, result.Status));
        var export = await LedgerCalls.ExportAsync(Auditor());
        var canceled = export.Where(e => e["eventType"]!.GetValue<string>() == "job.canceled").ToList();
        Assert.Equal(jobs.Order(), canceled.Select(e => e["resourceId"]!.GetValue<string>()).Order());
        Assert.Equal(Enumerable.Range(1, export.Count).Select(i => (long)i), export.Select(e => e["sequence"]!.GetValue<long>()));
        var verify = await VerifyAsync(Auditor());
        Assert.True(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(export.Count, verify.GetProperty("entriesChecked").GetInt64());
        Assert.Equal(export[^1]["contentHash"]!.GetValue<string>(), verify.GetProperty("headHash").GetString());
    }

    [Fact]
    public async Task RacingCancelsOfOneJob_GiveOne200AndOneEntry()
    {
        var jobId = await _fixture.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync("race");
        var operatorClient = _fixture.OperatorFor(TestClient.Operator);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => operatorClient.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")));

        Assert.Single(results, result => result.Status == HttpStatusCode.OK);
        Assert.All(results.Where(result => result.Status != HttpStatusCode.OK), result => Assert.Equal(HttpStatusCode.Conflict, result.Status));
        Assert.Single(await LedgerCalls.ExportAsync(Auditor()), e => e["eventType"]!.GetValue<string>() == "job.canceled");
    }

    [Fact]
    public async Task TenantsSeeOnlyTheirOwnLedger()
    {
        var jobId = await _fixture.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync("isolated");
        await _fixture.OperatorFor(TestClient.Operator, ticket: "ACME-ONLY").PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");
        var acmeEntry = (await LedgerCalls.ExportAsync(Auditor())).Single(e => e["eventType"]!.GetValue<string>() == "job.canceled");
        var globex = _fixture.ClientFor(TestClient.GlobexAuditor, "orch:audit");

        var (_, list) = await globex.GetJsonAsync("/api/v1/audit?operatorTicket=ACME-ONLY");
        Assert.Empty(list.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetJsonAsync($"/api/v1/audit/{acmeEntry["entryId"]}")).Status);
        Assert.All(await LedgerCalls.ExportAsync(globex), e => Assert.Equal("globex", e["tenantId"]!.GetValue<string>()));
        Assert.Equal(0, (await VerifyAsync(globex)).GetProperty("entriesChecked").GetInt64());

        var globexHeader = Auditor();
        globexHeader.DefaultRequestHeaders.Add("X-Tenant-Id", "globex");
        Assert.Equal(HttpStatusCode.Forbidden, (await globexHeader.GetJsonAsync("/api/v1/audit/export")).Status);
    }

    [Fact]
    public async Task TheStoreRefusesUpdateAndDeleteOfEntries()
    {
        await _fixture.ProduceEntriesAsync(2);

        using var connection = Open();
        var update = Assert.ThrowsAny<DbException>(() => connection.Execute("UPDATE audit_entries SET operator_ticket = 'FORGED'"));
        var delete = Assert.ThrowsAny<DbException>(() => connection.Execute("DELETE FROM audit_entries"));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.True((await VerifyAsync(Auditor())).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task RewrittenEntry_IsNamedByVerify()
    {
        await _fixture.ProduceEntriesAsync(4);
        using (var connection = Open())
        {
            TestStore.DropTrigger(connection, "audit_entries_refuse_update");
            connection.Execute("UPDATE audit_entries SET operator_reason = 'nothing to see' WHERE tenant_id = 'acme' AND sequence = 3");
        }

        var verify = await VerifyAsync(Auditor());

        Assert.False(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(3, verify.GetProperty("firstInvalidSequence").GetInt64());
    }

    [Fact]
    public async Task DeletedEntry_IsNamedByVerify()
    {
        await _fixture.ProduceEntriesAsync(4);
        using (var connection = Open())
        {
            TestStore.DropTrigger(connection, "audit_entries_refuse_delete");
            connection.Execute("DELETE FROM audit_entries WHERE tenant_id = 'acme' AND sequence = 2");
        }

        Assert.Equal(2, (await VerifyAsync(Auditor())).GetProperty("firstInvalidSequence").GetInt64());
    }

    [Fact]
    public async Task WhenTheLedgerCannotBeWritten_TheActionIs503_AndNothingChanges()
    {
        var submitter = _fixture.ClientFor(TestClient.Submitter, "orch:read orch:submit");
        var jobId = await submitter.SubmitAsync("fragile");
        var operatorClient = _fixture.OperatorFor(TestClient.Operator);
        await operatorClient.GetJsonAsync("/api/v1/jobs");
        var before = (await VerifyAsync(Auditor())).GetProperty("entriesChecked").GetInt64();
        using (var connection = Open())
        {
            TestStore.SimulateFullDisk(connection);
        }

        var (status, body) = await operatorClient.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        body.AssertProblem("urn:jobengine:problem:ledger-unavailable");
        Assert.Equal("Pending", (await submitter.GetJsonAsync($"/api/v1/jobs/{jobId}")).Body.GetProperty("status").GetString());
        using (var connection = Open())
        {
            TestStore.EndFullDisk(connection);
        }

        var after = await VerifyAsync(Auditor());
        Assert.Equal(before, after.GetProperty("entriesChecked").GetInt64());
        Assert.True(after.GetProperty("valid").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")).Status);
    }

    [Fact]
    public async Task WhenTheLedgerCannotBeWritten_NoOperatorTokenIsIssued()
    {
        using (var connection = Open())
        {
            TestStore.SimulateFullDisk(connection);
        }

        var response = await _fixture.Tokens.RequestAsync(TestClient.Operator, "orch:operate",
            ("operator_reason", "maintenance"), ("operator_ticket", "TICKET-123"));

        Assert.Equal("temporarily_unavailable", response.Error);
        Assert.False(response.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Export_VerifiesWithTheIndependentProcedure()
    {
        await _fixture.ProduceEntriesAsync(5, reason: "Wartung — Störung 😀 \"quoted\"");
        using var response = await Auditor().GetAsync("/api/v1/audit/export");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var file = Path.Combine(_fixture.App.DataDirectory, "export.ndjson");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());

        var (exitCode, output) = await LedgerCalls.RunPythonAsync(LedgerCalls.LedgerVerifier, "verify", file);
        Assert.True(exitCode == 0, output);
        Assert.StartsWith("valid: 6 entries", output);

        var lines = await File.ReadAllLinesAsync(file);
        var forged = JsonNode.Parse(lines[3])!.AsObject();
        forged["operatorTicket"] = "FORGED-1";
        lines[3] = forged.ToJsonString();
        await File.WriteAllLinesAsync(file, lines);
        (exitCode, output) = await LedgerCalls.RunPythonAsync(LedgerCalls.LedgerVerifier, "verify", file);
        Assert.Equal(1, exitCode);
        Assert.StartsWith("line 4 (sequence 4)", output);
    }

    private HttpClient Auditor() => _fixture.ClientFor(TestClient.Auditor, "orch:audit");

    private static async Task<JsonElement> VerifyAsync(HttpClient auditor)
    {
        var (status, body) = await auditor.GetJsonAsync("/api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private DbConnection Open() => TestStore.Open(_fixture.App.DataDirectory);

}
