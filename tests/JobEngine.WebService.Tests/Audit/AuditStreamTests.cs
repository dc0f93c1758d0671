using System.Net;
using System.Text.Json.Nodes;
using JobEngine.Core.Audit;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Audit;

/// <summary>
/// <c>GET /api/v1/audit/stream</c>: the tenant's entries after a sequence, in order, as the API
/// serves them, then each new one as it commits; resumable with <c>Last-Event-ID</c>.
/// </summary>
public sealed class AuditStreamTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly HttpClient _submitter = fixture.ClientFor(TestClient.Submitter, "orch:read orch:submit");
    private readonly HttpClient _operator = fixture.OperatorFor(TestClient.Operator);
    private readonly HttpClient _auditor = fixture.ClientFor(TestClient.Auditor, "orch:read orch:audit");

    [Fact]
    public async Task History_ThenLiveEntries_InOrder_AsServed()
    {
        await CancelNewJobAsync();
        await CancelNewJobAsync();
        var head = await HeadAsync();

        using var response = await OpenAsync(_auditor, $"?afterSequence={head - 2}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync());

        for (var expected = head - 1; expected <= head; expected++)
        {
            var entry = await EntryAsync(stream, expected);
            Assert.Equal(AuditHasher.ContentHash(entry.AsObject()), entry["contentHash"]!.GetValue<string>());
            var served = (await _auditor.GetJsonAsync($"/api/v1/audit/{entry["entryId"]!.GetValue<string>()}")).Body;
            Assert.Equal(served.GetProperty("contentHash").GetString(), entry["contentHash"]!.GetValue<string>());
            Assert.Equal(served.GetProperty("previousHash").GetString(), entry["previousHash"]!.GetValue<string>());
        }

        var endOfHistory = await stream.NextAsync(Patience);
        Assert.Contains("caught-up", endOfHistory!.Comments);

        var canceled = await CancelNewJobAsync();
        var live = await EntryAsync(stream, head + 1);
        Assert.Equal("job.canceled", live["eventType"]!.GetValue<string>());
        Assert.Equal(canceled, live["resourceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task LastEventId_Resumes_AfterTheSequenceItNames_OverAfterSequence()
    {
        await CancelNewJobAsync();
        var head = await HeadAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit/stream?afterSequence=0");
        request.Headers.Add("Last-Event-ID", (head - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await _auditor.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync());

        await EntryAsync(stream, head);
    }

    [Theory]
    [InlineData("?afterSequence=abc", null, "afterSequence")]
    [InlineData("?afterSequence=-1", null, "afterSequence")]
    [InlineData("", "not-a-number", "Last-Event-ID")]
    public async Task ABadStartingPoint_IsRefusedNamingIt(string query, string? lastEventId, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit/stream" + query);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await _auditor.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"the problem should name '{field}': {problem}");
    }

    [Fact]
    public async Task WithoutTheAuditScope_TheStreamIsForbidden()
    {
        var viewer = fixture.ClientFor(TestClient.Viewer, "orch:read");

        using var response = await OpenAsync(viewer, "");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnotherTenantsEntries_NeverReachTheStream()
    {
        var globex = fixture.ClientFor(TestClient.GlobexAuditor, "orch:read orch:audit");
        var globexSubmitter = fixture.ClientFor(TestClient.GlobexSubmitter, "orch:read orch:submit");
        var globexOperator = fixture.OperatorFor(TestClient.GlobexOperator);
        using var response = await OpenAsync(globex, "");
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync());

        await CancelNewJobAsync();
        var globexJob = await globexSubmitter.SubmitAsync(ApiCalls.NewJobType());
        Assert.Equal(HttpStatusCode.OK, (await globexOperator.PostJsonAsync($"/api/v1/jobs/{globexJob}/cancel")).Status);

        JsonNode entry;
        do
        {
            entry = JsonNode.Parse((await stream.NextEventAsync(Patience)).Data!)!;
            Assert.Equal("globex", entry["tenantId"]!.GetValue<string>());
        }
        while (entry["resourceId"]?.GetValue<string>() != globexJob);
    }

    [Fact]
    public async Task TheStream_EndsWhenTheTokenThatOpenedItExpires()
    {
        await using var app = new JobEngineApp(settings: new Dictionary<string, string?> { ["JobEngine:Authority:AccessTokenLifetime"] = "00:00:03" });
        var auditor = ApiFixture.ClientFor(app, TestClient.Auditor, "orch:read orch:audit");
        using var response = await OpenAsync(auditor, "");
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync());

        SseMessage? message;
        do
        {
            message = await stream.NextAsync(Patience);
        }
        while (message is not null);

        TestStore.Delete(app.DataDirectory);
    }

    private async Task<string> CancelNewJobAsync()
    {
        var jobId = await _submitter.SubmitAsync(ApiCalls.NewJobType());
        Assert.Equal(HttpStatusCode.OK, (await _operator.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")).Status);
        return jobId;
    }

    private async Task<long> HeadAsync() =>
        (await _auditor.GetJsonAsync("/api/v1/audit/verify")).Body.GetProperty("headSequence").GetInt64();

    private static Task<HttpResponseMessage> OpenAsync(HttpClient http, string query) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit/stream" + query), HttpCompletionOption.ResponseHeadersRead);

    private static async Task<JsonNode> EntryAsync(SseReader stream, long sequence)
    {
        var message = await stream.NextEventAsync(Patience);
        Assert.Equal("entry", message.Event);
        Assert.Equal(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Id);
        var entry = JsonNode.Parse(message.Data!)!;
        Assert.Equal(sequence, entry["sequence"]!.GetValue<long>());
        return entry;
    }
}
