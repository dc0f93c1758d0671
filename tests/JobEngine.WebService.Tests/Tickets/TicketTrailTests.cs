using System.Net;
using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Tickets;

/// <summary>The trail links each entry to its ticket and reason code, as stamped on the token when it was issued.</summary>
public sealed class TicketTrailTests(TicketSystemFixture fixture) : IClassFixture<TicketSystemFixture>
{
    private readonly HttpClient _auditor = fixture.Api.ClientFor(TestClient.Auditor, "orch:read orch:audit");
    private readonly HttpClient _globexAuditor = fixture.Api.ClientFor(TestClient.GlobexAuditor, "orch:read orch:audit");

    [Fact]
    public async Task AnActionsEntry_CarriesTheTicketSystemLinkAndReasonCode_AndIsFoundByThem()
    {
        var ticket = $"CHG-{Random.Shared.Next(1, int.MaxValue)}";
        var jobId = await CancelAsync(TestClient.Operator, TestClient.Submitter, ticket, ("operator_reason_code", "incident"));

        var entry = await SingleAsync(_auditor, $"eventType=job.canceled&resourceId={jobId}");
        Assert.Equal(ticket, entry.GetProperty("operatorTicket").GetString());
        Assert.Equal("jira", entry.GetProperty("operatorTicketSystem").GetString());
        Assert.Equal(TicketSystemFixture.JiraLink + ticket, entry.GetProperty("ticketUrl").GetString());
        Assert.Equal("incident", entry.GetProperty("operatorReasonCode").GetString());

        Assert.Equal(jobId, (await SingleAsync(_auditor, $"eventType=job.canceled&operatorTicket={ticket}&operatorTicketSystem=jira"))
            .GetProperty("resourceId").GetString());
        Assert.Empty(await ListAsync(_auditor, $"operatorTicket={ticket}&operatorTicketSystem=servicenow"));
        Assert.Contains(await ListAsync(_auditor, "eventType=job.canceled&operatorReasonCode=incident&limit=500"),
            item => item.GetProperty("resourceId").GetString() == jobId);
        Assert.DoesNotContain(await ListAsync(_auditor, "eventType=job.canceled&operatorReasonCode=change&limit=500"),
            item => item.GetProperty("resourceId").GetString() == jobId);
    }

    [Fact]
    public async Task AnEntryWithoutALinkOrReasonCode_OmitsThoseMembers_RatherThanServingNull()
    {
        var jobId = await CancelAsync(TestClient.GlobexOperator, TestClient.GlobexSubmitter, "INC0000007");

        var entry = await SingleAsync(_globexAuditor, $"eventType=job.canceled&resourceId={jobId}");
        Assert.Equal("servicenow", entry.GetProperty("operatorTicketSystem").GetString());
        Assert.False(entry.TryGetProperty("ticketUrl", out _));
        Assert.False(entry.TryGetProperty("operatorReasonCode", out _));
    }

    [Theory]
    [InlineData("operatorReasonCode=urgent", "operatorReasonCode")]
    [InlineData("operatorTicketSystem=", "operatorTicketSystem")]
    public async Task ABadFilter_IsAProblemNamingTheField(string query, string field)
    {
        var (status, body) = await _auditor.GetJsonAsync($"/api/v1/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(field, body.ToString());
    }

    [Fact]
    public async Task AnUnknownReasonCode_IsRefusedNamingTheParameterAndTheCodes()
    {
        var response = await fixture.Api.Tokens.RequestAsync(TestClient.Operator, "orch:operate",
            ("operator_reason", "rolling restart"), ("operator_ticket", "CHG-5"), ("operator_reason_code", "urgent"));

        response.AssertRefused("invalid_request", "The 'operator_reason_code' parameter must be one of incident, change, maintenance, customer-request, security, test.");
    }

    [Fact]
    public async Task TheEntriesWithTheNewMembers_HashAlikeForTheIndependentVerifier()
    {
        await CancelAsync(TestClient.Operator, TestClient.Submitter, "CHG-9", ("operator_reason_code", "maintenance"));
        await CancelAsync(TestClient.GlobexOperator, TestClient.GlobexSubmitter, "INC0000009");

        foreach (var auditor in new[] { _auditor, _globexAuditor })
        {
            var export = Path.GetTempFileName();
            try
            {
                await File.WriteAllTextAsync(export, await auditor.GetStringAsync("/api/v1/audit/export"));
                Assert.Contains("\"operatorTicketSystem\"", await File.ReadAllTextAsync(export));

                var (exitCode, output) = await LedgerCalls.RunPythonAsync(LedgerCalls.LedgerVerifier, "verify", export);

                Assert.True(exitCode == 0, output);
            }
            finally
            {
                File.Delete(export);
            }
        }
    }

    private async Task<string> CancelAsync(TestClient operatorClient, TestClient submitter, string ticket, params (string Name, string Value)[] extra)
    {
        var jobId = await fixture.Api.ClientFor(submitter, "orch:submit").SubmitAsync(ApiCalls.NewJobType());
        var operating = fixture.Api.ClientFor(operatorClient, "orch:read orch:operate",
            [("operator_reason", "rolling restart"), ("operator_ticket", ticket), .. extra]);
        var (status, body) = await operating.PostJsonAsync($"/api/v1/jobs/{jobId}/cancel");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return jobId;
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient auditor, string query)
    {
        var (status, body) = await auditor.GetJsonAsync($"/api/v1/audit?{query}");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return [.. body.GetProperty("items").EnumerateArray()];
    }

    private static async Task<JsonElement> SingleAsync(HttpClient auditor, string query) => Assert.Single(await ListAsync(auditor, query));
}
