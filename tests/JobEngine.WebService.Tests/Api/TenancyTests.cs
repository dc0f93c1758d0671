using System.Net;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Api;

public sealed class TenancyTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task MatchingTenantHeader_IsAccepted()
    {
        var viewer = fixture.ClientFor(TestClient.Viewer, "orch:read");
        viewer.DefaultRequestHeaders.Add("X-Tenant-Id", "acme");

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetJsonAsync("/api/v1/jobs")).Status);
    }

    [Fact]
    public async Task DifferentTenantHeader_Is403AndChangesNothing()
    {
        var jobType = ApiCalls.NewJobType();
        var jobId = await fixture.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync(jobType);
        var operatorClient = fixture.OperatorFor(TestClient.Operator);
        operatorClient.DefaultRequestHeaders.Add("X-Tenant-Id", "globex");

        var (status, body) = await operatorClient.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        body.AssertProblem("urn:jobengine:problem:tenant-mismatch");
        var (_, job) = await fixture.ClientFor(TestClient.Viewer, "orch:read").GetJsonAsync($"/api/v1/jobs/{jobId}");
        Assert.Equal("Pending", job.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnotherTenantsJob_Is404ForReadsAndActions_AndChangesNothing()
    {
        var jobType = ApiCalls.NewJobType();
        var jobId = await fixture.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync(jobType);
        var globexOperator = fixture.OperatorFor(TestClient.GlobexOperator, "orch:read orch:operate");
        var globexWorker = fixture.ClientFor(TestClient.GlobexWorker, "orch:work");

        Assert.Equal(HttpStatusCode.NotFound, (await globexOperator.GetJsonAsync($"/api/v1/jobs/{jobId}")).Status);
        var (cancel, problem) = await globexOperator.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");
        Assert.Equal(HttpStatusCode.NotFound, cancel);
        Assert.DoesNotContain(jobType, problem.ToString());
        Assert.Null(await globexWorker.LeaseAsync(jobType));
        Assert.Equal(HttpStatusCode.NotFound,
            (await globexWorker.PostJsonAsync($"/api/v1/jobs/{jobId}/complete", new { leaseId = Guid.NewGuid() })).Status);
        var (_, list) = await globexOperator.GetJsonAsync($"/api/v1/jobs?jobType={jobType}");
        Assert.Empty(list.GetProperty("items").EnumerateArray());

        var (_, job) = await fixture.ClientFor(TestClient.Viewer, "orch:read").GetJsonAsync($"/api/v1/jobs/{jobId}");
        Assert.Equal("Pending", job.GetProperty("status").GetString());
        Assert.Equal(0, job.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task AnotherTenantsQuota_IsInvisible()
    {
        var jobType = ApiCalls.NewJobType();
        var admin = fixture.OperatorFor(TestClient.Admin, "orch:read orch:quota");
        Assert.Equal(HttpStatusCode.Created,
            (await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/quotas/{jobType}", new { maxActive = 1, maxPerHour = 10 })).Status);

        var globex = fixture.OperatorFor(TestClient.GlobexOperator, "orch:read orch:quota");
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetJsonAsync($"/api/v1/quotas/{jobType}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.PostJsonAsync($"/api/v1/quotas/{jobType}/pause")).Status);
    }
}
