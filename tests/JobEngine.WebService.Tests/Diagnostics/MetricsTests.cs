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

        (string Metric, string Label)[] expected =
        [
            ("jobengine_tokens_issued_total", "operator=\"true\""),
            ("jobengine_tokens_refused_total", "error=\"invalid_request\""),
            ("jobengine_operator_actions_total", "route=\"/api/v1/jobs/{jobId}/cancel\""),
            ("jobengine_operator_denials_total", "status=\"403\""),
            ("jobengine_leases_total", "outcome=\"granted\""),
            ("jobengine_ledger_appends_total", "otel_scope_name=\"JobEngine\""),
            ("jobengine_ledger_batch_size_bucket", "le=\"256\""),
            ("jobengine_lease_duration_seconds_bucket", "le=\"0.5\""),
            ("http_server_request_duration_seconds_bucket", "http_route=\"/api/v1/jobs/{jobId}/cancel\""),
        ];

        // ASP.NET Core records a request's duration after its response has gone out, so a scrape may
        // precede the newest requests' series by a moment: scrape again until every series is there.
        var metrics = "";
        var missing = expected;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (missing.Length > 0 && DateTime.UtcNow < deadline)
        {
            metrics = await fixture.Anonymous().GetStringAsync("/metrics");
            var lines = metrics.Split('\n');
            missing = [.. expected.Where(series => !HasSeries(lines, series.Metric, series.Label))];
            if (missing.Length > 0)
            {
                await Task.Delay(200);
            }
        }

        Assert.True(missing.Length == 0, "no series above zero for " + string.Join(", ", missing.Select(series => $"{series.Metric} with {series.Label}"))
            + "; the scrape held:\n" + string.Join('\n', metrics.Split('\n').Where(line => missing.Any(series => line.StartsWith(series.Metric, StringComparison.Ordinal)))));
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("jobengine_ledger_queue_depth{", StringComparison.Ordinal));
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

        // The writer serves every request: its spans are no request's children, not even the one that started it.
        Assert.All(batches.Where(batch => batch.OperationName == "ledger.batch"), batch => Assert.Equal(default, batch.ParentSpanId));
    }

    /// <summary>A series of <paramref name="metric"/> with <paramref name="label"/> among its labels, and a value above zero.</summary>
    private static bool HasSeries(string[] lines, string metric, string label) =>
        lines.Any(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal)
                          && double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture) > 0);
}
