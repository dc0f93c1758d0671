using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.MultiProcess;

/// <summary>
/// A webhook sink across a crash: the server is killed (SIGKILL) while it delivers, started again,
/// and the receiver from the docs (<c>scripts/webhook-receiver.py</c>, which checks signatures and
/// hashes independently) ends up with every entry, in order, none missing; a batch delivered again
/// after the crash is counted, never a gap.
/// </summary>
public sealed class SinkCrashTests : IAsyncLifetime
{
    private const string Secret = "a-webhook-secret-of-at-least-32-characters";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));
    private Process? _receiver;
    private readonly System.Text.StringBuilder _receiverLog = new();

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        if (_receiver is { HasExited: false })
        {
            _receiver.Kill(entireProcessTree: true);
        }

        _receiver?.Dispose();
        TestStore.Delete(_directory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AKilledServer_ResumesDelivery_AndTheReceiverGetsEveryEntryInOrder()
    {
        var receiverPort = ServerProcess.FreePort();
        var received = Path.Combine(_directory, "received.ndjson");
        StartReceiver(receiverPort, received);
        var settings = Settings($"http://127.0.0.1:{receiverPort}/");

        var port = ServerProcess.FreePort();
        var jobs = new List<string>();
        await using (var first = ServerProcess.Start(port, settings))
        {
            await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            jobs.AddRange(await CancelJobsAsync(first, 30));

            // Killed while the sink is still catching up with what was just written.
        }

        await using var second = ServerProcess.Start(port, settings);
        await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        jobs.AddRange(await CancelJobsAsync(second, 5));
        using var auditor = await second.ClientForAsync(TestClient.Auditor, "orch:read orch:audit");
        var head = (await auditor.GetJsonAsync("/api/v1/audit/verify")).Body.GetProperty("headSequence").GetInt64();

        var entries = await Eventually.ProbeAsync(() => Task.FromResult(
            File.Exists(received) && File.ReadAllLines(received) is { } lines && lines.Length >= head ? lines : null), TimeSpan.FromSeconds(90));

        var log = ReceiverLog();
        Assert.DoesNotContain("FORGED", log);
        Assert.DoesNotContain("GAP", log);
        Assert.DoesNotContain("CHANGED", log);
        Assert.DoesNotContain("BROKEN", log);
        var sequences = entries.Select(line => JsonNode.Parse(line)!["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), sequences);
        var canceled = entries.Select(line => JsonNode.Parse(line)!).Where(e => e["eventType"]!.GetValue<string>() == "job.canceled")
            .Select(e => e["resourceId"]!.GetValue<string>());
        Assert.Equal(jobs.Order(), canceled.Order());
    }

    private void StartReceiver(int port, string output)
    {
        var script = Path.Combine(RepositoryRoot.Find(), "scripts", "webhook-receiver.py");
        var info = new ProcessStartInfo("python3", [script, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--secret", Secret, "--out", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _receiver = Process.Start(info)!;
        _receiver.OutputDataReceived += (_, line) => { lock (_receiverLog) { _receiverLog.AppendLine(line.Data); } };
        _receiver.ErrorDataReceived += (_, line) => { lock (_receiverLog) { _receiverLog.AppendLine(line.Data); } };
        _receiver.BeginOutputReadLine();
        _receiver.BeginErrorReadLine();
    }

    private string ReceiverLog()
    {
        lock (_receiverLog)
        {
            return _receiverLog.ToString();
        }
    }

    private Dictionary<string, string?> Settings(string receiverUrl)
    {
        var settings = TestStore.SettingsFor(_directory);
        settings["JobEngine:Authority:Issuer"] = "http://jobengine.test/";
        settings["JobEngine:Ledger:Sinks:0:Type"] = "webhook";
        settings["JobEngine:Ledger:Sinks:0:Url"] = receiverUrl;
        settings["JobEngine:Ledger:Sinks:0:Secret"] = Secret;
        var clients = new[] { TestClient.Submitter, TestClient.Operator, TestClient.Auditor };
        ServerProcess.Register(settings, clients);

        return settings;
    }

    private static async Task<List<string>> CancelJobsAsync(ServerProcess server, int count)
    {
        using var submitter = await server.ClientForAsync(TestClient.Submitter, "orch:read orch:submit");
        using var operatorClient = await server.ClientForAsync(TestClient.Operator, "orch:read orch:operate",
            ("operator_reason", "crash drill"), ("operator_ticket", "CHG-9"));
        var jobs = new List<string>();
        for (var i = 0; i < count; i++)
        {
            jobs.Add(await submitter.SubmitAsync("crash.sink"));
        }

        var results = await Task.WhenAll(jobs.Select(job => operatorClient.PostJsonAsync($"/api/v1/jobs/{job}/cancel")));
        Assert.All(results, result => Assert.Equal(HttpStatusCode.OK, result.Status));
        return jobs;
    }
}
