using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;
using JobEngine.WebService.Tests.Tickets;

namespace JobEngine.Cli.Tests;

public sealed class TicketCommandTests(TicketSystemFixture fixture) : IClassFixture<TicketSystemFixture>, IDisposable
{
    private readonly CliHarness _cli = new(fixture.Api);

    [Fact]
    public async Task LoginWithAReasonCode_ShowsTheTicketsSystemAndLink_AndTheTrailListsThemAndFiltersByThem()
    {
        var ticket = $"CHG-{Random.Shared.Next(1, int.MaxValue)}";
        var link = TicketSystemFixture.JiraLink + ticket;
        var jobId = await fixture.Api.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync(ApiCalls.NewJobType());
        _cli.Variables["JOBCTL_CLIENT_SECRET"] = TestClient.Operator.Secret;
        var login = await _cli.RunAsync("login", "--server", CliHarness.Server, "--client-id", "acme-operator",
            "--scope", "orch:read orch:operate", "--reason", "stuck import", "--ticket", ticket, "--reason-code", "incident");
        Assert.True(login.ExitCode == 0, login.Error);

        var whoami = await _cli.RunAsync("whoami");
        Assert.Contains($"{ticket} (jira)", whoami.Output);
        Assert.Contains(link, whoami.Output);
        Assert.Contains("incident", whoami.Output);
        Assert.Equal(0, (await _cli.RunAsync("jobs", "cancel", jobId)).ExitCode);
        await _cli.LoginAsync(TestClient.Auditor, "orch:read orch:audit");

        var listed = await _cli.RunAsync("audit", "list", "--ticket", ticket, "--ticket-system", "jira", "--reason-code", "incident", "--json");
        var items = JsonDocument.Parse(listed.Output).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["authority.token.issued", "job.canceled"], items.Select(e => e.GetProperty("eventType").GetString()));
        Assert.All(items, e => Assert.Equal(link, e.GetProperty("ticketUrl").GetString()));
        var table = await _cli.RunAsync("audit", "list", "--resource", $"job/{jobId}");
        Assert.Contains($"{ticket} (jira)", table.Output);
        Assert.Contains(link, table.Output);
        var none = await _cli.RunAsync("audit", "list", "--ticket", ticket, "--ticket-system", "servicenow", "--json");
        Assert.Empty(JsonDocument.Parse(none.Output).RootElement.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task LoginWithATicketOfNoSystem_SaysWhichSystemsAndForms()
    {
        _cli.Variables["JOBCTL_CLIENT_SECRET"] = TestClient.Operator.Secret;

        var result = await _cli.RunAsync("login", "--server", CliHarness.Server, "--client-id", "acme-operator",
            "--scope", "orch:operate", "--reason", "r", "--ticket", "TICKET-123");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("expected one of jira (CHG-[0-9]+)", result.Error);
    }

    [Fact]
    public async Task AuditListWithAnUnknownReasonCode_ReportsTheProblem()
    {
        await _cli.LoginAsync(TestClient.Auditor, "orch:read orch:audit");

        var result = await _cli.RunAsync("audit", "list", "--reason-code", "urgent");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("operatorReasonCode", result.Error);
    }

    public void Dispose() => _cli.Dispose();
}
