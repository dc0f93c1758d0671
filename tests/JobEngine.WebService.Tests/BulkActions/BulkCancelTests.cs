using System.Net;
using System.Text.Json.Nodes;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.BulkActions;

public sealed class BulkCancelTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _submitter = fixture.ClientFor(TestClient.Submitter, "orch:read orch:submit");
    private readonly HttpClient _worker = fixture.ClientFor(TestClient.Worker, "orch:work");
    private readonly HttpClient _operator = fixture.OperatorFor(TestClient.Operator, reason: "incident", ticket: "INC-7");
    private readonly HttpClient _auditor = fixture.ClientFor(TestClient.Auditor, "orch:read orch:audit");

    [Fact]
    public async Task ABulkCancelOf10000Jobs_Gives10001EntriesSharingOneBatchId_InAValidChain()
    {
        var jobType = ApiCalls.NewJobType();
        var jobs = await fixture.App.SeedJobsAsync("acme", jobType, 10_000);

        var (status, bulk) = await _operator.PostJsonAsync("/api/v1/jobs/bulk-cancel", new { jobType, max = 10_000, comment = "runaway producer" });

        Assert.True(status == HttpStatusCode.OK, bulk.ToString());
        Assert.Equal(10_000, bulk.GetProperty("matched").GetInt32());
        Assert.Equal(10_000, bulk.GetProperty("canceled").GetInt32());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, bulk.GetProperty("completedAt").ValueKind);
        var batchId = bulk.GetProperty("batchId").GetString();

        var export = await _auditor.ExportAsync();
        var batch = export.Where(entry => entry["batchId"]?.GetValue<string>() == batchId).ToList();
        Assert.Equal(10_001, batch.Count);
        var canceled = batch.Where(entry => entry["eventType"]!.GetValue<string>() == "job.canceled").ToList();
        Assert.Equal(jobs.Select(id => id.ToString()).Order(), canceled.Select(entry => entry["resourceId"]!.GetValue<string>()).Order());
        Assert.All(canceled, entry => Assert.Equal("INC-7", entry["operatorTicket"]!.GetValue<string>()));
        var summary = Assert.Single(batch, entry => entry["eventType"]!.GetValue<string>() == "jobs.bulk-canceled");
        Assert.Equal(batch.Max(entry => entry["sequence"]!.GetValue<long>()), summary["sequence"]!.GetValue<long>());
        Assert.Equal(jobType, summary["newState"]!["jobType"]!.GetValue<string>());
        Assert.Equal(10_000, summary["newState"]!["canceled"]!.GetValue<int>());
        Assert.Equal("runaway producer", summary["comment"]!.GetValue<string>());

        var (_, verify) = await _auditor.GetJsonAsync("/api/v1/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        await AssertIndependentlyValidAsync(export);
    }

    [Fact]
    public async Task MoreMatchesThanMax_Is409WithTheRealCount_AndCancelsNothing()
    {
        var jobType = ApiCalls.NewJobType();
        var jobs = await fixture.App.SeedJobsAsync("acme", jobType, 7);

        var (status, problem) = await _operator.PostJsonAsync("/api/v1/jobs/bulk-cancel", new { jobType, max = 5 });

        Assert.Equal(HttpStatusCode.Conflict, status);
        problem.AssertProblem("urn:jobengine:problem:conflict");
        Assert.StartsWith("7 jobs match", problem.GetProperty("detail").GetString());
        var (_, job) = await _submitter.GetJsonAsync($"/api/v1/jobs/{jobs[0]}");
        Assert.Equal("Pending", job.GetProperty("status").GetString());
        Assert.Empty((await _auditor.GetJsonAsync($"/api/v1/audit?eventType=job.canceled&resourceId={jobs[0]}")).Body.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task TheFilter_SelectsByTypeStatusAndSubmissionTime()
    {
        var jobType = ApiCalls.NewJobType();
        var early = await _submitter.SubmitAsync(jobType);
        var leased = (await _worker.LeaseAsync(jobType))!.Value.JobId;
        await Task.Delay(50);
        var cutoff = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        var late = await _submitter.SubmitAsync(jobType);
        var other = await _submitter.SubmitAsync(ApiCalls.NewJobType());

        var (status, bulk) = await _operator.PostJsonAsync("/api/v1/jobs/bulk-cancel",
            new { jobType, status = "Pending", submittedBefore = cutoff, max = 10 });

        Assert.True(status == HttpStatusCode.OK, bulk.ToString());
        Assert.Equal(0, bulk.GetProperty("canceled").GetInt32());
        Assert.Equal(early, leased);

        var (_, all) = await _operator.PostJsonAsync("/api/v1/jobs/bulk-cancel", new { jobType, max = 10 });

        Assert.Equal(2, all.GetProperty("canceled").GetInt32());
        Assert.Equal("Canceled", (await _submitter.GetJsonAsync($"/api/v1/jobs/{late}")).Body.GetProperty("status").GetString());
        Assert.Equal("Canceled", (await _submitter.GetJsonAsync($"/api/v1/jobs/{leased}")).Body.GetProperty("status").GetString());
        Assert.Equal("Pending", (await _submitter.GetJsonAsync($"/api/v1/jobs/{other}")).Body.GetProperty("status").GetString());
        var (read, served) = await _submitter.GetJsonAsync($"/api/v1/jobs/bulk-cancel/{all.GetProperty("batchId").GetString()}");
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal(2, served.GetProperty("canceled").GetInt32());
    }

    [Theory]
    [InlineData("{\"jobType\":\"x\"}", "max")]
    [InlineData("{\"max\":0}", "max")]
    [InlineData("{\"max\":5,\"status\":\"Succeeded\"}", "status")]
    [InlineData("{\"max\":5,\"tenantId\":\"globex\"}", "tenantId")]
    public async Task ABadFilter_IsRefusedNamingTheField_AndRecordedAsDenied(string body, string field)
    {
        var (status, problem) = await _operator.PostJsonAsync("/api/v1/jobs/bulk-cancel", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var (_, denials) = await _auditor.GetJsonAsync("/api/v1/audit?eventType=operator.action.denied&resourceType=jobs");
        Assert.Contains(denials.GetProperty("items").EnumerateArray(),
            entry => entry.GetProperty("description").GetString()!.Contains(problem.GetProperty("detail").GetString()!, StringComparison.Ordinal));
    }

    private static async Task AssertIndependentlyValidAsync(List<JsonObject> export)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bulk-export-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllLinesAsync(file, export.Select(entry => entry.ToJsonString()));
        try
        {
            var (exitCode, output) = await LedgerCalls.RunPythonAsync(LedgerCalls.LedgerVerifier, "verify", file);
            Assert.True(exitCode == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
