using System.Net;
using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Api;

public sealed class OperatorActionTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _submitter = fixture.ClientFor(TestClient.Submitter, "orch:read orch:submit");
    private readonly HttpClient _worker = fixture.ClientFor(TestClient.Worker, "orch:work");
    private readonly HttpClient _operator = fixture.OperatorFor(TestClient.Operator, reason: "stuck deploy", ticket: "CHG-42");

    [Fact]
    public async Task Cancel_RecordsWhoWhyAndUnderWhichTicket()
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());

        var (status, job) = await _operator.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel", new { comment = "duplicate of #12" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Canceled", job.GetProperty("status").GetString());
        Assert.Equal("acme-operator", job.GetProperty("canceledBy").GetString());
        Assert.Equal("stuck deploy", job.GetProperty("cancelReason").GetString());
        Assert.Equal("CHG-42", job.GetProperty("cancelTicket").GetString());
        Assert.False(string.IsNullOrEmpty(job.GetProperty("canceledAt").GetString()));
    }

    [Fact]
    public async Task Cancel_WithoutABody_IsAccepted()
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());

        Assert.Equal(HttpStatusCode.OK, (await _operator.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")).Status);
    }

    [Fact]
    public async Task CancelingAFinishedJob_Is409_AndChangesNothing()
    {
        var jobType = ApiCalls.NewJobType();
        await _submitter.SubmitAsync(jobType);
        var lease = (await _worker.LeaseAsync(jobType))!.Value;
        await _worker.PostJsonAsync($"/api/v1/jobs/{lease.JobId}/complete", new { leaseId = lease.LeaseId });

        var (status, body) = await _operator.PostJsonAsync($"/api/v1/jobs/{lease.JobId}/cancel");

        Assert.Equal(HttpStatusCode.Conflict, status);
        body.AssertProblem("urn:jobengine:problem:conflict");
        var (_, job) = await _submitter.GetJsonAsync($"/api/v1/jobs/{lease.JobId}");
        Assert.Equal("Succeeded", job.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, job.GetProperty("canceledBy").ValueKind);
    }

    [Fact]
    public async Task JobCanceledWhileLeased_CannotBeCompletedByItsWorker()
    {
        var jobType = ApiCalls.NewJobType();
        await _submitter.SubmitAsync(jobType);
        var lease = (await _worker.LeaseAsync(jobType))!.Value;

        Assert.Equal(HttpStatusCode.OK, (await _operator.PostJsonAsync($"/api/v1/jobs/{lease.JobId}/cancel")).Status);
        var (status, _) = await _worker.PostJsonAsync($"/api/v1/jobs/{lease.JobId}/complete", new { leaseId = lease.LeaseId });

        Assert.Equal(HttpStatusCode.Conflict, status);
        var (_, job) = await _submitter.GetJsonAsync($"/api/v1/jobs/{lease.JobId}");
        Assert.Equal("Canceled", job.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Retry_GivesACanceledJobFreshAttempts_AndOnlyFinishedJobsCanBeRetried()
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());

        Assert.Equal(HttpStatusCode.Conflict, (await _operator.PostJsonAsync($"/api/v1/jobs/{jobId}/retry")).Status);
        await _operator.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");
        var (status, job) = await _operator.PostJsonAsync($"/api/v1/jobs/{jobId}/retry", new { comment = "try again" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Pending", job.GetProperty("status").GetString());
        Assert.Equal(0, job.GetProperty("attempts").GetInt32());
        Assert.Equal("acme-operator", job.GetProperty("retriedBy").GetString());
        Assert.Equal("CHG-42", job.GetProperty("retryTicket").GetString());
        // A job that runs again no longer stands canceled; the ledger keeps the cancel.
        Assert.Equal(JsonValueKind.Null, job.GetProperty("canceledBy").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("cancelTicket").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("canceledAt").ValueKind);
    }

    [Fact]
    public async Task OperatorAction_WithoutTheScope_Is403_AndChangesNothing()
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());

        var (status, body) = await fixture.ClientFor(TestClient.Viewer, "orch:read").PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        body.AssertProblem("urn:jobengine:problem:insufficient-scope");
        Assert.Equal("Pending", (await _submitter.GetJsonAsync($"/api/v1/jobs/{jobId}")).Body.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("operator_reason")]
    [InlineData("operator_ticket")]
    public async Task OperatorAction_WithTheScopeButNoJustification_Is400_AndChangesNothing(string missing)
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());
        var claims = ApiFixture.OperatorClaims();
        claims.Remove(missing);

        var (status, body) = await fixture.WithToken(fixture.Forge(claims)).PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        body.AssertProblem("urn:jobengine:problem:missing-operator-justification", missing);
        Assert.Contains("operator_reason and operator_ticket", body.GetProperty("detail").GetString());
        Assert.Equal("Pending", (await _submitter.GetJsonAsync($"/api/v1/jobs/{jobId}")).Body.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"comment":"line\u0007bell"}""", "comment")]
    [InlineData("""{"comment":"ok","status":"Pending"}""", "status")]
    public async Task InvalidActionBody_Is400_AndChangesNothing(string json, string field)
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());

        var (status, body) = await _operator.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal("Pending", (await _submitter.GetJsonAsync($"/api/v1/jobs/{jobId}")).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PausedJobType_IsNotLeased_UntilResumed()
    {
        var jobType = ApiCalls.NewJobType();
        await _submitter.SubmitAsync(jobType);

        var (paused, control) = await _operator.PostJsonAsync($"/api/v1/job-types/{jobType}/pause", new { comment = "incident" });
        Assert.Equal(HttpStatusCode.OK, paused);
        Assert.True(control.GetProperty("paused").GetBoolean());
        Assert.Equal("CHG-42", control.GetProperty("updateTicket").GetString());
        Assert.Null(await _worker.LeaseAsync(jobType));
        Assert.Equal(HttpStatusCode.Conflict, (await _operator.PostJsonAsync($"/api/v1/job-types/{jobType}/pause")).Status);

        Assert.Equal(HttpStatusCode.OK, (await _operator.PostJsonAsync($"/api/v1/job-types/{jobType}/resume")).Status);
        Assert.NotNull(await _worker.LeaseAsync(jobType));
        Assert.Equal(HttpStatusCode.Conflict, (await _operator.PostJsonAsync($"/api/v1/job-types/{jobType}/resume")).Status);
    }

    [Fact]
    public async Task JobTypePause_NeedsTheOperateScope()
    {
        var (status, _) = await fixture.ClientFor(TestClient.Viewer, "orch:read").PostJsonAsync($"/api/v1/job-types/{ApiCalls.NewJobType()}/pause");

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
