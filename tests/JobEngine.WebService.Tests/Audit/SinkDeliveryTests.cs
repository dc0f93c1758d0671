using System.Net;
using System.Text.Json.Nodes;
using JobEngine.Core.Audit;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Audit;

/// <summary>
/// Push sinks with real receivers: every entry arrives once and in order, signed; a sink that is
/// down catches up after a restart; two processes never both deliver; a file sink writes NDJSON,
/// in the ledger's own format or as OCSF.
/// </summary>
public sealed class SinkDeliveryTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        TestStore.Delete(_directory);
    }

    [Fact]
    public async Task EveryEntry_ArrivesOnceInOrder_Signed_AndVerifiable()
    {
        await using var app = new JobEngineApp(dataDirectory: _directory, settings: Webhook());
        await CancelJobsAsync(app, 3);

        var head = await HeadAsync(app);
        var received = await ReceivedUpToAsync(head);

        Assert.Equal(0, _receiver.BadSignatures);
        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), received.Select(entry => entry["sequence"]!.GetValue<long>()));
        var previous = new string('0', 64);
        foreach (var entry in received)
        {
            Assert.Equal("acme", entry["tenantId"]!.GetValue<string>());
            Assert.Equal(AuditHasher.ContentHash(entry), entry["contentHash"]!.GetValue<string>());
            Assert.Equal(previous, entry["previousHash"]!.GetValue<string>());
            previous = entry["contentHash"]!.GetValue<string>();
        }
    }

    [Fact]
    public async Task ASinkThatIsDown_IsReportedDegraded_AndCatchesUpAfterARestart_InOrder()
    {
        _receiver.Down = true;
        await using (var first = new JobEngineApp(dataDirectory: _directory, settings: Webhook()))
        {
            await CancelJobsAsync(first, 2);
            // Degraded, with the entries the sink has not taken as its lag; no URL path, no error text for anonymous callers.
            var sinks = await Eventually.ProbeAsync(async () =>
            {
                var report = JsonNode.Parse(await first.CreateClient().GetStringAsync("/readyz"))!["checks"]!["sinks"]!;
                return report["status"]!.GetValue<string>() == "Degraded" && report["data"]!.AsObject().Single().Value!.GetValue<long>() > 0 ? report : null;
            });
            var (id, _) = sinks["data"]!.AsObject().Single();
            Assert.StartsWith("webhook http://127.0.0.1:", id);
            Assert.DoesNotContain("/hook", id);
            Assert.Null(sinks["description"]);
        }

        await using var restarted = new JobEngineApp(dataDirectory: _directory, settings: Webhook());
        await CancelJobsAsync(restarted, 1);
        Assert.Empty(_receiver.Entries);
        _receiver.Down = false;

        var head = await HeadAsync(restarted);
        var received = await ReceivedUpToAsync(head);
        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), received.Select(entry => entry["sequence"]!.GetValue<long>()));
    }

    [Fact]
    public async Task TwoProcessesOnOneStore_NeverBothDeliverAnEntry()
    {
        await using var first = new JobEngineApp(dataDirectory: _directory, settings: Webhook());
        await using var second = new JobEngineApp(dataDirectory: _directory, settings: Webhook());
        await Task.WhenAll(CancelJobsAsync(first, 4), CancelJobsAsync(second, 4));

        var head = await HeadAsync(first);
        var received = await ReceivedUpToAsync(head);

        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), received.Select(entry => entry["sequence"]!.GetValue<long>()));
    }

    [Fact]
    public async Task AFileSink_WritesEveryEntryAsOcsfLines_InOrder()
    {
        var file = Path.Combine(_directory, "siem", "acme.ocsf.ndjson");
        await using var app = new JobEngineApp(dataDirectory: _directory, settings: new Dictionary<string, string?>
        {
            ["JobEngine:Ledger:Sinks:0:Type"] = "file",
            ["JobEngine:Ledger:Sinks:0:Path"] = file,
            ["JobEngine:Ledger:Sinks:0:Format"] = "ocsf",
        });
        var canceled = await CancelJobsAsync(app, 2);
        var head = await HeadAsync(app);

        var lines = await Eventually.ProbeAsync(() => Task.FromResult(
            File.Exists(file) && File.ReadAllLines(file) is { } all && all.Length >= head ? all : null));

        var events = lines.Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), events.Select(e => e["metadata"]!["sequence"]!.GetValue<long>()));
        Assert.All(events, e => Assert.Equal(6003, e["class_uid"]!.GetValue<int>()));
        var cancel = Assert.Single(events, e => e["resources"]![0]!["uid"]!.GetValue<string>() == canceled[^1]);
        Assert.Equal("job.canceled", cancel["api"]!["operation"]!.GetValue<string>());
        Assert.Equal(600303, cancel["type_uid"]!.GetValue<int>());
        Assert.Equal("acme-operator", cancel["actor"]!["user"]!["uid"]!.GetValue<string>());
        Assert.Equal("TICKET-123", cancel["unmapped"]!["operator_ticket"]!.GetValue<string>());
        Assert.Equal("Canceled", cancel["unmapped"]!["new_state"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ASyslogSink_SendsEveryEntryAsAnRfc5424Frame_InOrder()
    {
        await using var collector = new SyslogListener();
        await using var app = new JobEngineApp(dataDirectory: _directory, settings: new Dictionary<string, string?>
        {
            ["JobEngine:Ledger:Sinks:0:Type"] = "syslog",
            ["JobEngine:Ledger:Sinks:0:Host"] = $"127.0.0.1:{collector.Port}",
        });
        await CancelJobsAsync(app, 2);
        var head = await HeadAsync(app);

        await Eventually.ProbeAsync(() => Task.FromResult(collector.Messages.Any(message => message.Sequence == head) ? "all" : null));

        Assert.Empty(collector.Malformed);
        var messages = collector.Messages.ToList();
        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), messages.Select(message => message.Sequence));
        Assert.All(messages, message =>
        {
            var entry = JsonNode.Parse(message.Message)!.AsObject();
            Assert.Equal(message.Sequence, entry["sequence"]!.GetValue<long>());
            Assert.Equal(message.MessageId, entry["eventType"]!.GetValue<string>());
            Assert.Equal("acme", message.Tenant);
            Assert.Equal((13 * 8) + 6, message.Priority);
            Assert.Equal(AuditHasher.ContentHash(entry), entry["contentHash"]!.GetValue<string>());
        });
    }

    [Theory]
    [InlineData("syslog", "Host", "JobEngine:Ledger:Sinks:0:Host")]
    [InlineData("webhook", "Url", "JobEngine:Ledger:Sinks:0:Url")]
    [InlineData("webhook", "Secret", "JobEngine:Ledger:Sinks:0:Secret")]
    [InlineData("smoke-signal", "Type", "JobEngine:Ledger:Sinks:0:Type")]
    [InlineData("file", "Path", "JobEngine:Ledger:Sinks:0:Path")]
    [InlineData("webhook", "Format", "JobEngine:Ledger:Sinks:0:Format must be 'jobengine' or 'ocsf'")]
    public async Task ASinkThatCannotWork_StopsStartUpNamingTheSetting(string type, string missing, string named)
    {
        var settings = Webhook();
        settings["JobEngine:Ledger:Sinks:0:Type"] = type;
        settings[$"JobEngine:Ledger:Sinks:0:{missing}"] = missing == "Type" ? type : "";

        await using var app = new JobEngineApp(dataDirectory: _directory, settings: settings);

        var refused = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains(named, refused.ToString());
    }

    private Dictionary<string, string?> Webhook() => new()
    {
        ["JobEngine:Ledger:Sinks:0:Type"] = "webhook",
        ["JobEngine:Ledger:Sinks:0:Url"] = _receiver.Url,
        ["JobEngine:Ledger:Sinks:0:Secret"] = WebhookReceiver.Secret,
        ["JobEngine:Ledger:Sinks:0:Tenants:0"] = "acme",
    };

    private static async Task<List<string>> CancelJobsAsync(JobEngineApp app, int count)
    {
        var submitter = ApiFixture.ClientFor(app, TestClient.Submitter, "orch:read orch:submit");
        var operatorClient = ApiFixture.ClientFor(app, TestClient.Operator, "orch:read orch:operate",
            ("operator_reason", "maintenance"), ("operator_ticket", "TICKET-123"));
        var jobs = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var jobId = await submitter.SubmitAsync(ApiCalls.NewJobType());
            Assert.Equal(HttpStatusCode.OK, (await operatorClient.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel")).Status);
            jobs.Add(jobId);
        }

        return jobs;
    }

    private static async Task<long> HeadAsync(JobEngineApp app) =>
        (await ApiFixture.ClientFor(app, TestClient.Auditor, "orch:read orch:audit").GetJsonAsync("/api/v1/audit/verify"))
            .Body.GetProperty("headSequence").GetInt64();

    /// <summary>What the receiver holds once it holds the head; any duplicate would show in the sequence list.</summary>
    private async Task<List<JsonObject>> ReceivedUpToAsync(long head)
    {
        await Eventually.ProbeAsync(() => Task.FromResult(_receiver.Entries.Any(entry => entry["sequence"]!.GetValue<long>() == head) ? "all" : null));

        // A moment more, so that a duplicate delivery, were there one, would be seen.
        await Task.Delay(TimeSpan.FromSeconds(2));
        return [.. _receiver.Entries];
    }
}
