using System.Net;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Api;

public sealed class LeasingTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _submitter = fixture.ClientFor(TestClient.Submitter, "orch:read orch:submit");
    private readonly HttpClient _worker = fixture.ClientFor(TestClient.Worker, "orch:work");

    [Fact]
    public async Task Lease_TakesHighestPriorityFirst_ThenOldest()
    {
        var jobType = ApiCalls.NewJobType();
        var oldLow = await _submitter.SubmitAsync(jobType, priority: 1);
        var high = await _submitter.SubmitAsync(jobType, priority: 9);
        var newLow = await _submitter.SubmitAsync(jobType, priority: 1);

        Assert.Equal(high, (await _worker.LeaseAsync(jobType))?.JobId);
        Assert.Equal(oldLow, (await _worker.LeaseAsync(jobType))?.JobId);
        Assert.Equal(newLow, (await _worker.LeaseAsync(jobType))?.JobId);
        Assert.Null(await _worker.LeaseAsync(jobType));
    }

    [Fact]
    public async Task Lease_ReturnsJobLeaseIdAndExpiry()
    {
        var jobType = ApiCalls.NewJobType();
        var jobId = await _submitter.SubmitAsync(jobType);

        var (status, body) = await _worker.PostJsonAsync("/api/v1/workers/lease", new { workerId = "w-7", jobTypes = new[] { jobType }, leaseSeconds = 30 });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(jobId, body.GetProperty("job").GetProperty("jobId").GetString());
        Assert.Equal("Leased", body.GetProperty("job").GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("job").GetProperty("attempts").GetInt32());
        Assert.Equal("w-7", body.GetProperty("job").GetProperty("workerId").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("leaseId").GetString(), out _));
        var until = body.GetProperty("leaseUntil").GetDateTimeOffset();
        Assert.InRange(until, DateTimeOffset.UtcNow.AddSeconds(20), DateTimeOffset.UtcNow.AddSeconds(31));
    }

    [Fact]
    public async Task JobNotBeforeInTheFuture_IsNotLeased()
    {
        var jobType = ApiCalls.NewJobType();
        await _submitter.SubmitAsync(jobType, notBefore: DateTimeOffset.UtcNow.AddHours(1).ToString("O"));

        Assert.Null(await _worker.LeaseAsync(jobType));
    }

    [Theory]
    [InlineData("""{"jobTypes":["a"]}""", "workerId")]
    [InlineData("""{"workerId":"","jobTypes":["a"]}""", "workerId")]
    [InlineData("""{"workerId":"w","jobTypes":[]}""", "jobTypes")]
    [InlineData("""{"workerId":"w"}""", "jobTypes")]
    [InlineData("""{"workerId":"w","jobTypes":["bad type"]}""", "jobTypes")]
    [InlineData("""{"workerId":"w","jobTypes":["a"],"leaseSeconds":1}""", "leaseSeconds")]
    [InlineData("""{"workerId":"w","jobTypes":["a"],"leaseSeconds":86400}""", "leaseSeconds")]
    public async Task InvalidLeaseRequest_Is400NamingTheField(string json, string field)
    {
        var (status, body) = await _worker.PostJsonAsync("/api/v1/workers/lease", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        body.AssertProblem("urn:jobengine:problem:validation", field);
    }

    [Fact]
    public async Task Heartbeat_ExtendsTheLease()
    {
        var jobType = ApiCalls.NewJobType();
        await _submitter.SubmitAsync(jobType);
        var lease = (await _worker.LeaseAsync(jobType, leaseSeconds: 10))!.Value;

        var (status, body) = await _worker.PostJsonAsync($"/api/v1/jobs/{lease.JobId}/heartbeat", new { leaseId = lease.LeaseId, leaseSeconds = 600 });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("leaseUntil").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(9));
    }

    [Fact]
    public async Task Complete_WithTheLease_SucceedsTheJob_AndAForeignLeaseIs409()
    {
        var jobType = ApiCalls.NewJobType();
        await _submitter.SubmitAsync(jobType);
        var lease = (await _worker.LeaseAsync(jobType))!.Value;

        var (foreign, problem) = await _worker.PostJsonAsync($"/api/v1/jobs/{lease.JobId}/complete", new { leaseId = Guid.NewGuid() });
        var (status, job) = await _worker.PostJsonAsync($"/api/v1/jobs/{lease.JobId}/complete", new { leaseId = lease.LeaseId, result = new { sent = 3 } });

        Assert.Equal(HttpStatusCode.Conflict, foreign);
        problem.AssertProblem("urn:jobengine:problem:conflict");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Succeeded", job.GetProperty("status").GetString());
        Assert.Equal(3, job.GetProperty("result").GetProperty("sent").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict,
            (await _worker.PostJsonAsync($"/api/v1/jobs/{lease.JobId}/complete", new { leaseId = lease.LeaseId })).Status);
    }

    [Fact]
    public async Task Complete_WithAResultAboveTheLimit_Is413_AndLeavesTheJobLeased()
    {
        var jobType = ApiCalls.NewJobType();
        await _submitter.SubmitAsync(jobType);
        var lease = (await _worker.LeaseAsync(jobType))!.Value;

        var (status, body) = await _worker.PostJsonAsync($"/api/v1/jobs/{lease.JobId}/complete",
            new { leaseId = lease.LeaseId, result = new string('x', 300 * 1024) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        body.AssertProblem("urn:jobengine:problem:payload-too-large", "result");
        Assert.Equal("Leased", (await _submitter.GetJsonAsync($"/api/v1/jobs/{lease.JobId}")).Body.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("disk\u0000full")]
    [InlineData("line one\nline two")]
    [InlineData("reads \u202Eright to left")]
    [InlineData("zero\u200Bwidth")]
    public async Task Fail_WithControlOrFormatCharactersInTheError_Is400_AndTheJobStaysLeased(string error)
    {
        var jobType = ApiCalls.NewJobType();
        var jobId = await _submitter.SubmitAsync(jobType);
        var lease = (await _worker.LeaseAsync(jobType))!.Value;

        var (status, body) = await _worker.PostJsonAsync($"/api/v1/jobs/{jobId}/fail", new { leaseId = lease.LeaseId, error });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        body.AssertProblem("urn:jobengine:problem:validation", "error");
        Assert.Equal("Leased", (await _submitter.GetJsonAsync($"/api/v1/jobs/{jobId}")).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Fail_RetriesWithBackoff_ThenFailsForGood()
    {
        var jobType = ApiCalls.NewJobType();
        var (_, submitted) = await _submitter.PostJsonAsync("/api/v1/jobs", new { jobType, payload = 1, maxAttempts = 1 });
        var once = await _submitter.PostJsonAsync("/api/v1/jobs", new { jobType = jobType + "-b", payload = 1, maxAttempts = 2 });

        var lease = (await _worker.LeaseAsync(jobType))!.Value;
        var (_, failed) = await _worker.PostJsonAsync($"/api/v1/jobs/{lease.JobId}/fail", new { leaseId = lease.LeaseId, error = "smtp down" });
        Assert.Equal(submitted.GetProperty("jobId").GetString(), lease.JobId);
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Equal("smtp down", failed.GetProperty("lastError").GetString());

        var retryable = (await _worker.LeaseAsync(jobType + "-b"))!.Value;
        var (_, pending) = await _worker.PostJsonAsync($"/api/v1/jobs/{retryable.JobId}/fail", new { leaseId = retryable.LeaseId, error = "timeout" });
        Assert.Equal(once.Body.GetProperty("jobId").GetString(), retryable.JobId);
        Assert.Equal("Pending", pending.GetProperty("status").GetString());
        Assert.True(pending.GetProperty("notBefore").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Null(await _worker.LeaseAsync(jobType + "-b"));
    }

    [Fact]
    public async Task ExpiredLease_ReturnsTheJobToPending_AndTheStaleWorkerGets409()
    {
        var jobType = ApiCalls.NewJobType();
        await _submitter.SubmitAsync(jobType);
        var stale = (await _worker.LeaseAsync(jobType, "slow-worker", leaseSeconds: 5))!.Value;

        await Task.Delay(TimeSpan.FromSeconds(5.5));
        var fresh = (await _worker.LeaseAsync(jobType, "fast-worker"))!.Value;

        Assert.Equal(stale.JobId, fresh.JobId);
        Assert.NotEqual(stale.LeaseId, fresh.LeaseId);
        var (_, job) = await _submitter.GetJsonAsync($"/api/v1/jobs/{fresh.JobId}");
        Assert.Equal(2, job.GetProperty("attempts").GetInt32());
        foreach (var action in new[] { "heartbeat", "complete", "fail" })
        {
            Assert.Equal(HttpStatusCode.Conflict,
                (await _worker.PostJsonAsync($"/api/v1/jobs/{stale.JobId}/{action}", new { leaseId = stale.LeaseId })).Status);
        }

        Assert.Equal(HttpStatusCode.OK,
            (await _worker.PostJsonAsync($"/api/v1/jobs/{fresh.JobId}/complete", new { leaseId = fresh.LeaseId })).Status);
    }

    [Fact]
    public async Task ConcurrentWorkers_NeverGetTheSameJob()
    {
        var jobType = ApiCalls.NewJobType();
        var submitted = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            submitted.Add(await _submitter.SubmitAsync(jobType));
        }

        var leases = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _worker.LeaseAsync(jobType, $"worker-{i}")));

        var granted = leases.Where(lease => lease is not null).Select(lease => lease!.Value.JobId).ToList();
        Assert.Equal(20, granted.Count);
        Assert.Equal(submitted, granted.ToHashSet());
    }

    [Fact]
    public async Task WorkerCalls_NeedTheWorkScope()
    {
        var (status, _) = await _submitter.PostJsonAsync("/api/v1/workers/lease", new { workerId = "w", jobTypes = new[] { "a" } });

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
