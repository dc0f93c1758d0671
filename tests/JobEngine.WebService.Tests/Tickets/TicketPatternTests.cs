using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JobEngine.WebService.Tests.Tickets;

/// <summary>Each tenant's tickets must have the form of its own ticket systems, for clients and for people.</summary>
public sealed class TicketPatternTests(TicketSystemFixture fixture) : IClassFixture<TicketSystemFixture>
{
    private readonly DeviceFlow _flow = new(fixture.Api.App.CreateClient(), fixture.Api.App.CreateClient());
    private readonly CodeFlow _console = new(
        fixture.Api.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), fixture.Api.App.CreateClient());

    [Fact]
    public async Task ATicketOfNoSystemOfTheTenant_IsRefused_NamingTheSystemsAndTheirForms()
    {
        var response = await fixture.Api.Tokens.RequestAsync(TestClient.Operator, "orch:operate",
            ("operator_reason", "rolling restart"), ("operator_ticket", "TICKET-123"));

        response.AssertRefused("invalid_request", "The 'operator_ticket' parameter 'TICKET-123' is not a ticket of this tenant's ticket systems: expected one of jira (CHG-[0-9]+)");
        Assert.DoesNotContain(fixture.Jira.Questions, question => question["ticket"]!.GetValue<string>() == "TICKET-123");
        var (_, list) = await fixture.Api.ClientFor(TestClient.Auditor, "orch:audit")
            .GetJsonAsync("/api/v1/audit?eventType=authority.token.rejected&operatorTicket=TICKET-123");
        var entry = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("rolling restart", entry.GetProperty("operatorReason").GetString());
        Assert.False(entry.TryGetProperty("operatorTicketSystem", out _));
    }

    [Fact]
    public async Task ATicketValidForOneTenantsSystem_IsRefusedForAnothers()
    {
        var acme = await RequestForAsync("acme", "CHG-42");
        var globex = await RequestForAsync("globex", "CHG-42");
        var globexOwn = await RequestForAsync("globex", "INC0000042");

        Assert.Equal(200, acme.Status);
        globex.AssertRefused("invalid_request", "expected one of servicenow (INC[0-9]{7})");
        Assert.Equal(200, globexOwn.Status);
        var token = Jwt.Parse(globexOwn.AccessToken);
        Assert.Equal("servicenow", token.Claim("operator_ticket_system"));
        Assert.False(token.Has("operator_ticket_url"));
    }

    [Fact]
    public async Task APersonsDeviceRequest_ForATenantWhoseSystemsDoNotKnowTheTicket_IsRefusedBeforeAnyoneSignsIn()
    {
        var (status, body) = await _flow.StartAsync("orch:read orch:operate",
            ("operator_reason", "stuck deploy"), ("operator_ticket", "INC0000001"), ("tenant", "acme"));

        Assert.Equal(400, status);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
        Assert.Contains("jira (CHG-[0-9]+)", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task APersonsToken_IsValidatedByTheTicketSystem_WithTheirSub()
    {
        var codes = await _flow.StartOperatorAsync(extra: ("operator_reason_code", "incident"));
        await _flow.ApproveAsync(codes.UserCode, TestUser.AcmeOperator);

        var issued = await _flow.PollUntilDoneAsync(codes.DeviceCode, TimeSpan.FromSeconds(1));

        Assert.Equal(200, issued.Status);
        var token = Jwt.Parse(issued.AccessToken);
        Assert.Equal("jira", token.Claim("operator_ticket_system"));
        Assert.Equal("incident", token.Claim("operator_reason_code"));
        Assert.Contains(fixture.Jira.Questions, question => question["sub"]!.GetValue<string>() == "ada" && question["clientId"]!.GetValue<string>() == "jobctl");
    }

    [Fact]
    public async Task APersonWhoseTicketTheSystemRefuses_GetsNoToken_AndTheRefusalIsRecordedUnderTheirName()
    {
        fixture.Jira.Answers["CHG-78"] = TicketSystemStandIn.Behaviour.Refused;
        var (status, body) = await _flow.StartAsync("orch:read orch:operate", ("operator_reason", "stuck deploy"), ("operator_ticket", "CHG-78"));
        Assert.Equal(200, status);
        await _flow.ApproveAsync(body.GetProperty("user_code").GetString()!, TestUser.AcmeOperator);

        var refused = await _flow.PollUntilDoneAsync(body.GetProperty("device_code").GetString()!, TimeSpan.FromSeconds(1));

        refused.AssertRefused("invalid_request", "CHG-78 is closed");
        var (_, list) = await fixture.Api.ClientFor(TestClient.Auditor, "orch:audit")
            .GetJsonAsync("/api/v1/audit?eventType=authority.token.rejected&actorId=ada&operatorTicket=CHG-78");
        var entry = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("user", entry.GetProperty("actorType").GetString());
        Assert.Equal("jira", entry.GetProperty("operatorTicketSystem").GetString());
    }

    [Fact]
    public async Task TheConsolesRequest_ForATenantWhoseSystemsDoNotKnowTheTicket_IsRedirectedBackRefused()
    {
        var request = _console.Request();
        request["operator_ticket"] = "INC0000001";
        request["tenant"] = "acme";

        using var response = await _console.OpenAsync(request);

        var returned = CodeFlow.Returned(response);
        Assert.Equal("invalid_request", returned["error"]);
        Assert.Contains("jira (CHG-[0-9]+)", returned["error_description"]);
        Assert.False(returned.ContainsKey("code"));
    }

    [Fact]
    public async Task TheConsolesCode_IsRedeemedOnlyOnceTheTicketSystemConfirmedTheTicket()
    {
        var request = _console.Request();
        request["operator_ticket"] = "CHG-89";
        var returned = CodeFlow.Returned(await _console.SignInAsync(request, TestUser.AcmeOperator));

        var issued = await _console.RedeemAsync(returned["code"], _console.Verifier);

        Assert.Equal(200, issued.Status);
        Assert.Equal(TicketSystemFixture.JiraLink + "CHG-89", Jwt.Parse(issued.AccessToken).Claim("operator_ticket_url"));
        Assert.Contains(fixture.Jira.Questions, question => question["ticket"]!.GetValue<string>() == "CHG-89"
            && question["sub"]!.GetValue<string>() == "ada" && question["clientId"]!.GetValue<string>() == "jobengine-console");
    }

    private Task<TokenResponse> RequestForAsync(string tenant, string ticket) =>
        fixture.Api.Tokens.RequestAsync(TestClient.MultiTenant, "orch:operate",
            ("operator_reason", "rolling restart"), ("operator_ticket", ticket), ("tenant", tenant));
}
