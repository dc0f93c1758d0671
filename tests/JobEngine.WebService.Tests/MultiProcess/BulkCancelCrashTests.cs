using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using JobEngine.WebService.Tests.BulkActions;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.MultiProcess;

/// <summary>
/// A bulk cancel cut short by SIGKILL: what the store holds afterwards is consistent (each chunk
/// committed whole or not at all) and the trail says exactly which jobs were canceled; the next
/// start takes the bulk cancel up and finishes it, one entry per job and one summary.
/// </summary>
public sealed class BulkCancelCrashTests : IAsyncLifetime
{
    private const int Jobs = 3000;
    private static readonly TestClient[] Clients = [TestClient.Operator, TestClient.Auditor];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        TestStore.Delete(_directory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ABulkCancelKilledMidway_LeavesWhatTheTrailSays_AndFinishesAtTheNextStart()
    {
        var settings = Settings();
        var jobType = ApiCalls.NewJobType();
        List<Guid> jobs;
        await using (var seeder = new JobEngineApp(Clients, _directory, settings))
        {
            jobs = await seeder.SeedJobsAsync("acme", jobType, Jobs);
        }

        var port = ServerProcess.FreePort();
        await using (var first = ServerProcess.Start(port, settings))
        {
            await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            using var operatorClient = await first.ClientForAsync(TestClient.Operator, "orch:read orch:operate", ("operator_reason", "incident"), ("operator_ticket", "INC-9"));
            var bulk = operatorClient.PostJsonAsync("/api/v1/jobs/bulk-cancel", new { jobType, max = Jobs });
            await Eventually.ProbeAsync(() => Task.FromResult(Progress() is { Canceled: >= 300 } progress ? progress : null), TimeSpan.FromSeconds(90));

            // Killed while the bulk cancel is under way.
            Assert.False(bulk.IsCompleted, "the bulk cancel finished before the kill; the test needs a slower one");
        }

        var (batchId, canceled, completed) = Progress()!;
        Assert.False(completed);
        Assert.InRange(canceled, 1, Jobs - 1);
        var canceledJobs = Strings($"SELECT job_id FROM jobs WHERE job_type = '{jobType}' AND status = 'Canceled'");
        var trail = Strings($"SELECT resource_id FROM audit_entries WHERE batch_id = '{batchId}' AND event_type = 'job.canceled'");
        Assert.Equal(canceled, canceledJobs.Count);
        Assert.Equal(canceledJobs.Order(), trail.Order());
        Assert.Empty(Strings($"SELECT resource_id FROM audit_entries WHERE batch_id = '{batchId}' AND event_type = 'jobs.bulk-canceled'"));

        await using var second = ServerProcess.Start(port, settings);
        await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        using var auditor = await second.ClientForAsync(TestClient.Auditor, "orch:read orch:audit");
        var finished = await Eventually.ProbeAsync(async () =>
        {
            var served = JsonNode.Parse(await auditor.GetStringAsync($"/api/v1/jobs/bulk-cancel/{batchId}"))!;
            return served["completedAt"] is null ? null : served;
        }, TimeSpan.FromSeconds(90));

        Assert.Equal(Jobs, finished["canceled"]!.GetValue<int>());
        var entries = (await auditor.ExportAsync()).Where(entry => entry["batchId"]?.GetValue<string>() == batchId).ToList();
        Assert.Equal(Jobs + 1, entries.Count);
        var perJob = entries.Where(entry => entry["eventType"]!.GetValue<string>() == "job.canceled").Select(entry => entry["resourceId"]!.GetValue<string>());
        Assert.Equal(jobs.Select(id => id.ToString()).Order(), perJob.Order());
        Assert.Single(entries, entry => entry["eventType"]!.GetValue<string>() == "jobs.bulk-canceled");
        var (status, verify) = await auditor.GetJsonAsync("/api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
    }

    private BulkProgress? Progress()
    {
        using var connection = TestStore.Open(_directory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT batch_id, canceled, completed_at FROM bulk_cancels";
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new BulkProgress(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!.ToLowerInvariant(), reader.GetInt32(1), !reader.IsDBNull(2))
            : null;
    }

    private List<string> Strings(string sql)
    {
        using var connection = TestStore.Open(_directory);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using DbDataReader reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!.ToLowerInvariant());
        }

        return values;
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = TestStore.SettingsFor(_directory);
        settings["JobEngine:Authority:Issuer"] = "http://jobengine.test/";
        settings["JobEngine:Jobs:BulkCancelChunkSize"] = "100";
        ServerProcess.Register(settings, Clients);

        return settings;
    }

    private sealed record BulkProgress(string BatchId, int Canceled, bool Completed);
}
