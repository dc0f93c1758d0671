using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.Cli.Tests;

public sealed class OperatorCommandTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IDisposable
{
    private readonly CliHarness _cli = new(fixture);

    [Fact]
    public async Task Jobs_SubmitListShowCancelRetry()
    {
        var jobType = ApiCalls.NewJobType();
        await _cli.LoginAsync(TestClient.Submitter, "orch:read orch:submit");
        var submitted = await _cli.RunAsync("jobs", "submit", "--job-type", jobType, "--payload", "{\"to\":\"ops@acme.test\"}", "--priority", "5", "--json");
        Assert.Equal(0, submitted.ExitCode);
        var jobId = JsonDocument.Parse(submitted.Output).RootElement.GetProperty("jobId").GetString()!;

        var list = await _cli.RunAsync("jobs", "list", "--job-type", jobType, "--json");
        Assert.Equal(jobId, JsonDocument.Parse(list.Output).RootElement.GetProperty("items")[0].GetProperty("jobId").GetString());
        var table = await _cli.RunAsync("jobs", "list", "--job-type", jobType);
        Assert.Contains(jobId, table.Output);
        Assert.Contains("Pending", (await _cli.RunAsync("jobs", "show", jobId)).Output);

        await _cli.LoginAsync(TestClient.Operator, "orch:read orch:operate", "duplicate import", "CHG-200");
        var canceled = await _cli.RunAsync("jobs", "cancel", jobId, "--comment", "imported twice", "--json");
        Assert.Equal(0, canceled.ExitCode);
        var job = JsonDocument.Parse(canceled.Output).RootElement;
        Assert.Equal("Canceled", job.GetProperty("status").GetString());
        Assert.Equal("CHG-200", job.GetProperty("cancelTicket").GetString());

        var again = await _cli.RunAsync("jobs", "cancel", jobId);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("409", again.Error);

        var retried = await _cli.RunAsync("jobs", "retry", jobId);
        Assert.Equal(0, retried.ExitCode);
        Assert.Contains("Pending", retried.Output);
    }

    [Fact]
    public async Task OperatorAction_WithATokenWithoutReasonAndTicket_SaysExactlyWhatToDo()
    {
        var jobId = await fixture.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync(ApiCalls.NewJobType());
        await _cli.LoginAsync(TestClient.Operator, "orch:read");

        var result = await _cli.RunAsync("jobs", "cancel", jobId);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no operator reason and ticket", result.Error);
        Assert.Contains("jobctl login --server http://localhost/ --client-id acme-operator --scope \"orch:read orch:operate\" --reason", result.Error);
    }

    [Fact]
    public async Task JobTypes_PauseAndResume()
    {
        var jobType = ApiCalls.NewJobType();
        await _cli.LoginAsync(TestClient.Operator, "orch:read orch:operate", "incident", "INC-7");

        var paused = await _cli.RunAsync("job-types", "pause", jobType, "--comment", "db failover", "--json");
        Assert.Equal(0, paused.ExitCode);
        Assert.True(JsonDocument.Parse(paused.Output).RootElement.GetProperty("paused").GetBoolean());
        Assert.Equal(1, (await _cli.RunAsync("job-types", "pause", jobType)).ExitCode);
        Assert.Contains("no", (await _cli.RunAsync("job-types", "resume", jobType)).Output);
    }

    [Fact]
    public async Task Quotas_SetListShowPauseResume()
    {
        var jobType = ApiCalls.NewJobType();
        await _cli.LoginAsync(TestClient.Admin, "orch:read orch:quota", "capacity", "CHG-300");

        Assert.Equal(0, (await _cli.RunAsync("quotas", "set", jobType, "--max-active", "2", "--max-per-hour", "60")).ExitCode);
        var show = JsonDocument.Parse((await _cli.RunAsync("quotas", "show", jobType, "--json")).Output).RootElement;
        Assert.Equal(60, show.GetProperty("maxPerHour").GetInt32());
        Assert.Equal("CHG-300", show.GetProperty("updateTicket").GetString());
        Assert.Contains(jobType, (await _cli.RunAsync("quotas", "list")).Output);
        Assert.Contains("yes", (await _cli.RunAsync("quotas", "pause", jobType)).Output);
        Assert.Contains("no", (await _cli.RunAsync("quotas", "resume", jobType)).Output);

        var invalid = await _cli.RunAsync("quotas", "set", jobType, "--max-active", "-1", "--max-per-hour", "1");
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("maxActive", invalid.Error);
    }

    [Fact]
    public async Task QuotaSet_WithAnOperateOnlyToken_SaysWhichScopeIsMissing()
    {
        await _cli.LoginAsync(TestClient.Operator, "orch:read orch:operate", "r", "T-1");

        var result = await _cli.RunAsync("quotas", "set", "email", "--max-active", "1", "--max-per-hour", "1");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("orch:quota", result.Error);
    }

    public void Dispose() => _cli.Dispose();
}
