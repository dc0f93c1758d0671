using System.Net;
using System.Net.Http.Json;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Diagnostics;

/// <summary>After real work, <c>/metrics</c> (Prometheus text) names JobEngine's own instruments and ASP.NET Core's.</summary>
public sealed class MetricsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task AfterTokensActionsDenialsAndLeases_MetricsNameEachOfThem()
    {
        var submitter = fixture.ClientFor(TestClient.Submitter, "orch:read orch:submit");
        var worker = fixture.ClientFor(TestClient.Worker, "orch:work");
        var operatorClient = fixture.OperatorFor(TestClient.Operator);
        var viewer = fixture.ClientFor(TestClient.Viewer, "orch:read");
        var jobType = ApiCalls.NewJobType();
        var canceled = await submitter.SubmitAsync(jobType);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostJsonAsync($"/api/v1/jobs/{canceled}/cancel")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostJsonAsync($"/api/v1/jobs/{canceled}/retry")).Status);
        await submitter.SubmitAsync(jobType);
        Assert.NotNull(await worker.LeaseAsync(jobType));
        Assert.Equal(400, (await fixture.Tokens.RequestAsync(TestClient.Operator, "orch:operate")).Status);

        var metrics = await fixture.Anonymous().GetStringAsync("/metrics");

        var lines = metrics.Split('\n');
        AssertSeries(lines, "jobengine_tokens_issued_total", "operator=\"true\"");
        AssertSeries(lines, "jobengine_tokens_refused_total", "error=\"invalid_request\"");
        AssertSeries(lines, "jobengine_operator_actions_total", "route=\"/api/v1/jobs/{jobId}/cancel\"");
        AssertSeries(lines, "jobengine_operator_denials_total", "status=\"403\"");
        AssertSeries(lines, "jobengine_leases_total", "outcome=\"granted\"");
        AssertSeries(lines, "jobengine_ledger_appends_total", "otel_scope_name=\"JobEngine\"");
        AssertSeries(lines, "jobengine_ledger_batch_size_bucket", "le=\"256\"");
        Assert.Contains(lines, line => line.StartsWith("jobengine_ledger_queue_depth{", StringComparison.Ordinal));
        AssertSeries(lines, "jobengine_lease_duration_seconds_bucket", "le=\"0.5\"");
        AssertSeries(lines, "http_server_request_duration_seconds_bucket", "http_route=\"/api/v1/jobs/{jobId}/cancel\"");
        Assert.DoesNotContain("TICKET-123", metrics);
    }

    [Fact]
    public async Task AnOperatorAction_IsLinkedFromTheLedgerBatchThatAppendedItsEntry()
    {
        var batches = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "JobEngine",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = batches.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var submitter = fixture.ClientFor(TestClient.Submitter, "orch:read orch:submit");
        var operatorClient = fixture.OperatorFor(TestClient.Operator);
        var jobId = await submitter.SubmitAsync(ApiCalls.NewJobType());
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom();

        using var cancel = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/jobs/{jobId}/cancel") { Content = JsonContent.Create(new { }) };
        cancel.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-01");
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.SendAsync(cancel)).StatusCode);

        Assert.Contains(batches, batch => batch.OperationName == "ledger.batch" && batch.Links.Any(link => link.Context.TraceId == traceId));
    }

    /// <summary>A series of <paramref name="metric"/> with <paramref name="label"/> among its labels, and a value above zero.</summary>
    private static void AssertSeries(string[] lines, string metric, string label) =>
        Assert.True(lines.Any(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal)
                                      && double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture) > 0),
            $"no series {metric} with {label} above zero");
}
