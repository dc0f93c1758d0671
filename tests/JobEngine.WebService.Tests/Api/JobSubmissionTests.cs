using System.Net;
using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Api;

public sealed class JobSubmissionTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient _submitter = fixture.ClientFor(TestClient.Submitter, "orch:read orch:submit");

    [Fact]
    public async Task Submit_Returns201WithLocationAndTheJob()
    {
        using var response = await _submitter.PostAsync("/api/v1/jobs",
            JsonContent("""{"jobType":"email.send","payload":{"to":"ops@acme.test","n":[1,2]},"priority":7,"maxAttempts":5}"""));
        var job = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/jobs/{job.GetProperty("jobId").GetString()}", response.Headers.Location?.ToString());
        Assert.Equal("acme", job.GetProperty("tenantId").GetString());
        Assert.Equal("Pending", job.GetProperty("status").GetString());
        Assert.Equal(7, job.GetProperty("priority").GetInt32());
        Assert.Equal(5, job.GetProperty("maxAttempts").GetInt32());
        Assert.Equal("acme-submitter", job.GetProperty("submittedBy").GetString());
        Assert.Equal("ops@acme.test", job.GetProperty("payload").GetProperty("to").GetString());
        Assert.Equal(Sha256Hex("""{"to":"ops@acme.test","n":[1,2]}"""), job.GetProperty("payloadSha256").GetString());
        Assert.EndsWith("Z", job.GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task RepeatedIdempotencyKey_ReturnsTheFirstJobWith200()
    {
        var key = Guid.NewGuid().ToString();
        var (first, created) = await _submitter.PostJsonAsync("/api/v1/jobs", new { jobType = "report", payload = 1, idempotencyKey = key });
        var (again, repeated) = await _submitter.PostJsonAsync("/api/v1/jobs", new { jobType = "report", payload = 2, idempotencyKey = key });

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(created.GetProperty("jobId").GetString(), repeated.GetProperty("jobId").GetString());
        Assert.Equal(1, repeated.GetProperty("payload").GetInt32());
    }

    [Fact]
    public async Task ConcurrentSubmissionsWithOneKey_CreateOneJob()
    {
        var key = Guid.NewGuid().ToString();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _submitter.PostJsonAsync("/api/v1/jobs", new { jobType = "report", payload = 1, idempotencyKey = key })));

        Assert.Single(results, result => result.Status == HttpStatusCode.Created);
        Assert.All(results, result => Assert.Contains(result.Status, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        Assert.Single(results.Select(result => result.Body.GetProperty("jobId").GetString()).Distinct());
    }

    [Fact]
    public async Task SameIdempotencyKeyInAnotherTenant_IsAnotherJob()
    {
        var key = Guid.NewGuid().ToString();
        var (_, acme) = await _submitter.PostJsonAsync("/api/v1/jobs", new { jobType = "report", payload = 1, idempotencyKey = key });
        var (status, globex) = await fixture.ClientFor(TestClient.GlobexSubmitter, "orch:submit")
            .PostJsonAsync("/api/v1/jobs", new { jobType = "report", payload = 1, idempotencyKey = key });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.NotEqual(acme.GetProperty("jobId").GetString(), globex.GetProperty("jobId").GetString());
    }

    [Theory]
    [InlineData("""{"payload":1}""", "jobType")]
    [InlineData("""{"jobType":"","payload":1}""", "jobType")]
    [InlineData("""{"jobType":"has space","payload":1}""", "jobType")]
    [InlineData("""{"jobType":"email"}""", "payload")]
    [InlineData("""{"jobType":"email","payload":1,"priority":101}""", "priority")]
    [InlineData("""{"jobType":"email","payload":1,"maxAttempts":0}""", "maxAttempts")]
    [InlineData("""{"jobType":"email","payload":1,"idempotencyKey":""}""", "idempotencyKey")]
    public async Task InvalidField_Is400NamingIt(string json, string field)
    {
        var (status, body) = await _submitter.PostJsonAsync("/api/v1/jobs", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        body.AssertProblem("urn:jobengine:problem:validation", field);
    }

    [Theory]
    [InlineData("""{"jobType":"email","payload":1,"tenantId":"globex"}""", "tenantId")]
    [InlineData("""{"jobType":"email","payload":1,"status":"Succeeded"}""", "status")]
    [InlineData("""{"jobType":"email","payload":1,"canceledBy":"mallory"}""", "canceledBy")]
    [InlineData("""{"jobType":"email","payload":1,"submittedBy":"mallory"}""", "submittedBy")]
    [InlineData("""{"jobType":"email","payload":1,"priority":"high"}""", "priority")]
    [InlineData("""{"jobType":"email","payload":1,"priority":"5"}""", "priority")]
    [InlineData("""{"jobType":"email","payload":1,"maxAttempts":"3"}""", "maxAttempts")]
    [InlineData("""{"jobType":"email","payload":1,"notBefore":"tomorrow"}""", "notBefore")]
    [InlineData("""{"jobType":"email","payload":1,"notBefore":"2026-01-01T00:00:00"}""", "notBefore")]
    public async Task UnknownOrMistypedMember_Is400NamingIt_AndCreatesNothing(string json, string field)
    {
        var jobType = ApiCalls.NewJobType();
        var (status, body) = await _submitter.PostJsonAsync("/api/v1/jobs", json.Replace("\"email\"", $"\"{jobType}\""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        body.AssertProblem("urn:jobengine:problem:malformed-request", field);
        var (_, list) = await _submitter.GetJsonAsync($"/api/v1/jobs?jobType={jobType}");
        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("[]")]
    public async Task MalformedBody_Is400(string json)
    {
        var (status, body) = await _submitter.PostJsonAsync("/api/v1/jobs", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        body.AssertProblem("urn:jobengine:problem:malformed-request");
    }

    [Fact]
    public async Task PayloadWithInvalidUtf8_Is400NamingPayload_AndCreatesNothing()
    {
        var jobType = ApiCalls.NewJobType();
        var body = System.Text.Encoding.UTF8.GetBytes($$"""{"jobType":"{{jobType}}","payload":{"name":"caf""")
            .Concat(new byte[] { 0xC3, 0x28, 0xFF })
            .Concat(System.Text.Encoding.UTF8.GetBytes("\"}}"))
            .ToArray();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await _submitter.PostAsync("/api/v1/jobs", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.AssertProblem("urn:jobengine:problem:validation", "payload");
        var (_, list) = await _submitter.GetJsonAsync($"/api/v1/jobs?jobType={jobType}");
        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task PayloadAboveTheLimit_Is413()
    {
        var (status, body) = await _submitter.PostJsonAsync("/api/v1/jobs", new { jobType = "big", payload = new string('x', 300 * 1024) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        body.AssertProblem("urn:jobengine:problem:payload-too-large", "payload");
    }

    [Fact]
    public async Task List_PagesWithOpaqueCursors_UntilTheEnd()
    {
        var jobType = ApiCalls.NewJobType();
        var submitted = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            submitted.Add(await _submitter.SubmitAsync(jobType, i));
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var (status, page) = await _submitter.GetJsonAsync($"/api/v1/jobs?jobType={jobType}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(job => job.GetProperty("jobId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(submitted.Order(), seen.Order());
        Assert.Equal(5, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=cXVvdGFzOmVtYWls", "cursor")]
    [InlineData("status=Done", "status")]
    [InlineData("status=1", "status")]
    [InlineData("jobType=a%20b", "jobType")]
    public async Task MalformedListParameter_Is400NamingIt(string query, string field)
    {
        var (status, body) = await _submitter.GetJsonAsync($"/api/v1/jobs?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        body.AssertProblem("urn:jobengine:problem:validation", field);
    }

    [Fact]
    public async Task StatusFilter_ReturnsOnlyThatStatus()
    {
        var jobType = ApiCalls.NewJobType();
        await _submitter.SubmitAsync(jobType);
        await fixture.ClientFor(TestClient.Worker, "orch:work").LeaseAsync(jobType);
        await _submitter.SubmitAsync(jobType);

        var (_, leased) = await _submitter.GetJsonAsync($"/api/v1/jobs?jobType={jobType}&status=leased");

        Assert.Equal("Leased", Assert.Single(leased.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task UnknownOrMalformedJobId_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _submitter.GetJsonAsync($"/api/v1/jobs/{Guid.NewGuid()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _submitter.GetJsonAsync("/api/v1/jobs/not-a-guid")).Status);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
