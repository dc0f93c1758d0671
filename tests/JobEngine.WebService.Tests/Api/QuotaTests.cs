using System.Net;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Api;

public sealed class QuotaTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _submitter = fixture.ClientFor(TestClient.Submitter, "orch:read orch:submit");
    private readonly HttpClient _worker = fixture.ClientFor(TestClient.Worker, "orch:work");
    private readonly HttpClient _admin = fixture.OperatorFor(TestClient.Admin, "orch:read orch:quota", "capacity planning", "CHG-900");

    [Fact]
    public async Task SetQuota_CreatesThenUpdates_WithOperatorAttribution()
    {
        var jobType = ApiCalls.NewJobType();

        var (created, quota) = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/quotas/{jobType}", new { maxActive = 2, maxPerHour = 100 });
        var (updated, changed) = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/quotas/{jobType}", new { maxActive = 3, maxPerHour = 50, comment = "more" });

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(2, quota.GetProperty("maxActive").GetInt32());
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Equal(3, changed.GetProperty("maxActive").GetInt32());
        Assert.Equal(50, changed.GetProperty("maxPerHour").GetInt32());
        Assert.Equal("acme-admin", changed.GetProperty("updatedBy").GetString());
        Assert.Equal("capacity planning", changed.GetProperty("updateReason").GetString());
        Assert.Equal("CHG-900", changed.GetProperty("updateTicket").GetString());

        var (_, read) = await _submitter.GetJsonAsync($"/api/v1/quotas/{jobType}");
        Assert.Equal(3, read.GetProperty("maxActive").GetInt32());
        var (_, list) = await _submitter.GetJsonAsync("/api/v1/quotas?limit=500");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), item => item.GetProperty("jobType").GetString() == jobType);
    }

    [Theory]
    [InlineData("""{"maxPerHour":10}""", "maxActive")]
    [InlineData("""{"maxActive":-1,"maxPerHour":10}""", "maxActive")]
    [InlineData("""{"maxActive":1}""", "maxPerHour")]
    [InlineData("""{"maxActive":1,"maxPerHour":1000001}""", "maxPerHour")]
    public async Task InvalidQuota_Is400NamingTheField_AndCreatesNothing(string json, string field)
    {
        var jobType = ApiCalls.NewJobType();

        var (status, body) = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/quotas/{jobType}", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        body.AssertProblem("urn:jobengine:problem:validation", field);
        Assert.Equal(HttpStatusCode.NotFound, (await _submitter.GetJsonAsync($"/api/v1/quotas/{jobType}")).Status);
    }

    [Fact]
    public async Task MaxActive_LimitsConcurrentLeases()
    {
        var jobType = ApiCalls.NewJobType();
        await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/quotas/{jobType}", new { maxActive = 1, maxPerHour = 100 });
        await _submitter.SubmitAsync(jobType);
        await _submitter.SubmitAsync(jobType);

        var first = (await _worker.LeaseAsync(jobType))!.Value;
        Assert.Null(await _worker.LeaseAsync(jobType));
        await _worker.PostJsonAsync($"/api/v1/jobs/{first.JobId}/complete", new { leaseId = first.LeaseId });
        Assert.NotNull(await _worker.LeaseAsync(jobType));
    }

    [Fact]
    public async Task MaxPerHour_LimitsLeasesPerHour()
    {
        var jobType = ApiCalls.NewJobType();
        await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/quotas/{jobType}", new { maxActive = 100, maxPerHour = 2 });
        for (var i = 0; i < 3; i++)
        {
            await _submitter.SubmitAsync(jobType);
        }

        Assert.NotNull(await _worker.LeaseAsync(jobType));
        Assert.NotNull(await _worker.LeaseAsync(jobType));
        Assert.Null(await _worker.LeaseAsync(jobType));
    }

    [Fact]
    public async Task PausedQuota_LetsNothingThrough_UntilResumed()
    {
        var jobType = ApiCalls.NewJobType();
        await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/quotas/{jobType}", new { maxActive = 5, maxPerHour = 100 });
        await _submitter.SubmitAsync(jobType);

        var (paused, quota) = await _admin.PostJsonAsync($"/api/v1/quotas/{jobType}/pause", new { comment = "db maintenance" });
        Assert.Equal(HttpStatusCode.OK, paused);
        Assert.True(quota.GetProperty("paused").GetBoolean());
        Assert.Null(await _worker.LeaseAsync(jobType));
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostJsonAsync($"/api/v1/quotas/{jobType}/pause")).Status);

        Assert.Equal(HttpStatusCode.OK, (await _admin.PostJsonAsync($"/api/v1/quotas/{jobType}/resume")).Status);
        Assert.NotNull(await _worker.LeaseAsync(jobType));
    }

    [Fact]
    public async Task PausingAQuotaThatDoesNotExist_Is404()
    {
        var (status, body) = await _admin.PostJsonAsync($"/api/v1/quotas/{ApiCalls.NewJobType()}/pause");

        Assert.Equal(HttpStatusCode.NotFound, status);
        body.AssertProblem("urn:jobengine:problem:not-found");
    }

    [Fact]
    public async Task QuotaActions_NeedTheQuotaScope_NotJustOperate()
    {
        var operatorOnly = fixture.OperatorFor(TestClient.Operator);

        var (status, _) = await operatorOnly.SendJsonAsync(HttpMethod.Put, $"/api/v1/quotas/{ApiCalls.NewJobType()}", new { maxActive = 1, maxPerHour = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task QuotaList_RejectsAForeignCursor()
    {
        var (_, jobs) = await _submitter.GetJsonAsync("/api/v1/jobs?limit=1");
        var cursor = jobs.GetProperty("nextCursor").GetString() ?? "am9iczp4";

        var (status, body) = await _submitter.GetJsonAsync($"/api/v1/quotas?cursor={cursor}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        body.AssertProblem("urn:jobengine:problem:validation", "cursor");
    }
}
