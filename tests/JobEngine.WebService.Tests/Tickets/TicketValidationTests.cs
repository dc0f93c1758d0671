using System.Diagnostics;
using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;
using Behaviour = JobEngine.WebService.Tests.Infrastructure.TicketSystemStandIn.Behaviour;

namespace JobEngine.WebService.Tests.Tickets;

public sealed class TicketValidationTests(TicketSystemFixture fixture) : IClassFixture<TicketSystemFixture>
{
    private readonly HttpClient _auditor = fixture.Api.ClientFor(TestClient.Auditor, "orch:read orch:audit");

    [Fact]
    public async Task AValidTicket_IsAskedAboutWithTheContractsQuestion_AndTheTokenCarriesItsSystemAndLink()
    {
        var ticket = NewTicket();

        var response = await RequestAsync(ticket, ("operator_reason_code", "change"));

        Assert.Equal(200, response.Status);
        var question = Assert.Single(fixture.Jira.Questions, q => q["ticket"]!.GetValue<string>() == ticket);
        Assert.Equal("acme", question["tenant"]!.GetValue<string>());
        Assert.Equal("acme-operator", question["clientId"]!.GetValue<string>());
        Assert.Equal("acme-operator", question["sub"]!.GetValue<string>());
        Assert.Equal("rolling restart", question["reason"]!.GetValue<string>());
        Assert.Equal(["orch:read", "orch:operate"], question["scopes"]!.AsArray().Select(scope => scope!.GetValue<string>()));
        var token = Jwt.Parse(response.AccessToken);
        Assert.Equal("jira", token.Claim("operator_ticket_system"));
        Assert.Equal(TicketSystemFixture.JiraLink + ticket, token.Claim("operator_ticket_url"));
        Assert.Equal("change", token.Claim("operator_reason_code"));
    }

    [Fact]
    public async Task ARefusedTicket_IsInvalidRequestWithTheSystemsAnswer_AndRecordedWithTheTicket()
    {
        var ticket = NewTicket(Behaviour.Refused);

        var response = await RequestAsync(ticket);

        response.AssertRefused("invalid_request", $"The ticket system 'jira' refused the ticket '{ticket}': {ticket} is closed");
        var entry = await RejectionOfAsync(ticket);
        Assert.Equal("jira", entry.GetProperty("operatorTicketSystem").GetString());
        Assert.Contains($"{ticket} is closed", entry.GetProperty("description").GetString());
        var answer = entry.GetProperty("newState");
        Assert.Equal("refused", answer.GetProperty("outcome").GetString());
        Assert.Equal(200, answer.GetProperty("status").GetInt32());
        Assert.Equal($"{ticket} is closed", answer.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task ASlowSystem_IsTemporarilyUnavailable_OnceTheTimeoutHasPassed_AndRecorded()
    {
        var ticket = NewTicket(Behaviour.Slow);
        var clock = Stopwatch.StartNew();

        var response = await RequestAsync(ticket);

        Assert.InRange(clock.Elapsed, TicketSystemFixture.ValidationTimeout, TicketSystemFixture.ValidationTimeout * 3);
        response.AssertRefused("temporarily_unavailable", "could not confirm");
        Assert.Contains("no answer within 3 s", response.ErrorDescription);
        var entry = await RejectionOfAsync(ticket);
        Assert.Equal("unavailable", entry.GetProperty("newState").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task ASystemThatIsDown_IsAskedAgainWithinTheTimeout_ThenTemporarilyUnavailable()
    {
        var ticket = NewTicket(Behaviour.Down);

        var response = await RequestAsync(ticket);

        response.AssertRefused("temporarily_unavailable", "answered 503");
        Assert.True(fixture.Jira.QuestionsAbout(ticket) >= 2, $"asked {fixture.Jira.QuestionsAbout(ticket)} time(s)");
        Assert.Equal(503, (await RejectionOfAsync(ticket)).GetProperty("newState").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AnUnreachableSystem_IsTemporarilyUnavailable()
    {
        var unreachable = await TicketSystemStandIn.StartAsync();
        var url = unreachable.Url;
        await unreachable.DisposeAsync();
        var app = new JobEngineApp(settings: TicketSystemFixture.Settings(url));
        try
        {
            var response = await new TokenClient(app.CreateClient()).RequestAsync(TestClient.Operator, "orch:operate",
                ("operator_reason", "rolling restart"), ("operator_ticket", "CHG-1"));

            response.AssertRefused("temporarily_unavailable", "unreachable");
        }
        finally
        {
            await app.DisposeAsync();
            TestStore.Delete(app.DataDirectory);
        }
    }

    [Theory]
    [InlineData(Behaviour.Malformed, "without a JSON object with a boolean 'valid'")]
    [InlineData(Behaviour.Redirect, "a redirect, which is not followed")]
    public async Task AnAnswerThatIsNoAnswer_IsTemporarilyUnavailable(Behaviour behaviour, string described)
    {
        var ticket = NewTicket(behaviour);

        var response = await RequestAsync(ticket);

        response.AssertRefused("temporarily_unavailable", described);
        await RejectionOfAsync(ticket);
    }

    [Fact]
    public async Task AValidAnswer_IsRemembered_ARefusalIsNot()
    {
        var valid = NewTicket();
        var refused = NewTicket(Behaviour.Refused);

        Assert.Equal(200, (await RequestAsync(valid)).Status);
        Assert.Equal(200, (await RequestAsync(valid)).Status);
        (await RequestAsync(refused)).AssertRefused("invalid_request", "refused");
        (await RequestAsync(refused)).AssertRefused("invalid_request", "refused");

        Assert.Equal(1, fixture.Jira.QuestionsAbout(valid));
        Assert.Equal(2, fixture.Jira.QuestionsAbout(refused));
    }

    private string NewTicket(Behaviour behaviour = Behaviour.Valid)
    {
        var ticket = $"CHG-{Random.Shared.Next(1, int.MaxValue)}";
        fixture.Jira.Answers[ticket] = behaviour;
        return ticket;
    }

    private Task<TokenResponse> RequestAsync(string ticket, params (string Name, string Value)[] extra) =>
        fixture.Api.Tokens.RequestAsync(TestClient.Operator, "orch:read orch:operate",
            [("operator_reason", "rolling restart"), ("operator_ticket", ticket), .. extra]);

    private async Task<JsonElement> RejectionOfAsync(string ticket)
    {
        var (_, list) = await _auditor.GetJsonAsync($"/api/v1/audit?eventType=authority.token.rejected&operatorTicket={ticket}");
        return Assert.Single(list.GetProperty("items").EnumerateArray());
    }
}
