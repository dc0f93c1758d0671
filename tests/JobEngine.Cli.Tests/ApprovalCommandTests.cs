using System.Text.Json;
using JobEngine.WebService.Tests.Approvals;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.Cli.Tests;

public sealed class ApprovalCommandTests(ApprovalFixture fixture) : IClassFixture<ApprovalFixture>, IDisposable
{
    private readonly CliHarness _cli = new(fixture.Api);

    [Fact]
    public async Task AHeldCancel_IsListedShownAndApprovedByAnother_ButNotByItsRequester()
    {
        var jobId = await fixture.Api.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync(ApiCalls.NewJobType());
        await _cli.LoginAsync(TestClient.Admin, "orch:read orch:operate orch:approve", "stuck deploy", "CHG-300");

        var held = await _cli.RunAsync("jobs", "cancel", jobId, "--comment", "duplicate");

        Assert.Equal(5, held.ExitCode);
        Assert.Contains("held for approval", held.Error);
        var approvalId = Line(held.Output, "approval");
        var list = await _cli.RunAsync("approvals", "list", "--status", "Pending");
        Assert.True(list.Output.Contains(approvalId, StringComparison.Ordinal), list.Error);
        Assert.Contains("CHG-300", (await _cli.RunAsync("approvals", "show", approvalId)).Output);

        var own = await _cli.RunAsync("approvals", "approve", approvalId);

        Assert.Equal(1, own.ExitCode);
        Assert.Contains("403", own.Error);

        await _cli.LoginAsync(TestClient.Approver, "orch:read orch:approve", "second pair of eyes", "CHG-301");
        var approved = await _cli.RunAsync("approvals", "approve", approvalId, "--comment", "runbook checked", "--json");

        Assert.Equal(0, approved.ExitCode);
        Assert.Equal("Approved", JsonDocument.Parse(approved.Output).RootElement.GetProperty("status").GetString());
        Assert.Contains("Canceled", (await _cli.RunAsync("jobs", "show", jobId)).Output);
    }

    [Fact]
    public async Task AHeldBulkCancel_RunsOnceApproved_AndARequestCanBeWithdrawn()
    {
        var submitter = fixture.Api.ClientFor(TestClient.Submitter, "orch:submit");
        var jobType = ApiCalls.NewJobType();
        var jobs = new[] { await submitter.SubmitAsync(jobType), await submitter.SubmitAsync(jobType) };
        await _cli.LoginAsync(TestClient.Operator, "orch:read orch:operate", "incident", "INC-12");

        var held = await _cli.RunAsync("jobs", "bulk-cancel", "--job-type", jobType, "--max", "2");
        var other = await _cli.RunAsync("jobs", "bulk-cancel", "--job-type", jobType, "--max", "2");
        var withdrawn = await _cli.RunAsync("approvals", "withdraw", Line(other.Output, "approval"), "--json");

        Assert.True(held.ExitCode == 5, held.Error);
        Assert.Equal(0, withdrawn.ExitCode);
        Assert.Equal("Withdrawn", JsonDocument.Parse(withdrawn.Output).RootElement.GetProperty("status").GetString());

        await _cli.LoginAsync(TestClient.Approver, "orch:read orch:approve", "incident review", "INC-12");
        Assert.Equal(0, (await _cli.RunAsync("approvals", "approve", Line(held.Output, "approval"))).ExitCode);
        foreach (var jobId in jobs)
        {
            Assert.Contains("Canceled", (await _cli.RunAsync("jobs", "show", jobId)).Output);
        }
    }

    public void Dispose() => _cli.Dispose();

    /// <summary>The id a properties listing shows for <paramref name="name"/>.</summary>
    private static string Line(string output, string name) =>
        System.Text.RegularExpressions.Regex.Match(output, name + @"\W+([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})").Groups[1].Value;
}
