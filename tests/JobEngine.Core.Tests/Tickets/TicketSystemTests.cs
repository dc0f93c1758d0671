using JobEngine.Core.Operators;
using JobEngine.Core.Tickets;

namespace JobEngine.Core.Tests.Tickets;

public sealed class TicketSystemTests
{
    private static readonly TicketSystem Jira = new("jira", "CHG-[0-9]+", "https://jira.example.com/browse/{ticket}", null);
    private static readonly TicketSystem ServiceNow = new("servicenow", "(INC|CHG)[0-9]{7}", null, new Uri("https://sn.example.com/validate"));

    [Theory]
    [InlineData("CHG-1", true)]
    [InlineData("CHG-123456", true)]
    [InlineData("XCHG-1", false)]
    [InlineData("CHG-1x", false)]
    [InlineData("chg-1", false)]
    public void Pattern_MatchesTheWholeTicket(string raw, bool matches)
    {
        Assert.Equal(matches, Jira.Matches(Ticket(raw)));
    }

    [Fact]
    public void Link_EscapesTheTicket()
    {
        Assert.Equal("https://jira.example.com/browse/CHG-1", Jira.LinkTo(Ticket("CHG-1")));
        Assert.Equal("https://x.example.com/t?id=INC%3A2026%2F11%2342",
            new TicketSystem("x", ".*", "https://x.example.com/t?id={ticket}", null).LinkTo(Ticket("INC:2026/11#42")));
        Assert.Null(ServiceNow.LinkTo(Ticket("INC0000001")));
    }

    [Fact]
    public void WithoutSystems_AnyTicketStands()
    {
        Assert.True(TicketSystems.TryMatch([], Ticket("x"), out var system, out _));
        Assert.Null(system);
    }

    [Fact]
    public void TheFirstMatchingSystem_TakesTheTicket()
    {
        Assert.True(TicketSystems.TryMatch([Jira, ServiceNow], Ticket("CHG0000001"), out var system, out _));
        Assert.Same(ServiceNow, system);
        Assert.True(TicketSystems.TryMatch([Jira, ServiceNow], Ticket("CHG-7"), out system, out _));
        Assert.Same(Jira, system);
    }

    [Fact]
    public void ATicketOfNoSystem_IsRefused_NamingTheSystemsAndTheirForms()
    {
        Assert.False(TicketSystems.TryMatch([Jira, ServiceNow], Ticket("TICKET-123"), out _, out var error));
        Assert.Contains("'TICKET-123'", error);
        Assert.Contains("jira (CHG-[0-9]+)", error);
        Assert.Contains("servicenow ((INC|CHG)[0-9]{7})", error);
    }

    [Theory]
    [InlineData("incident", true)]
    [InlineData("customer-request", true)]
    [InlineData("Incident", false)]
    [InlineData("other", false)]
    [InlineData("", false)]
    public void ReasonCodes_AreTheFixedList(string raw, bool valid)
    {
        Assert.Equal(valid, OperatorReasonCode.TryCreate(raw, out var code, out var error));
        if (valid)
        {
            Assert.Equal(raw, code.Value);
        }
        else
        {
            Assert.Contains("incident, change, maintenance, customer-request, security, test", error);
        }
    }

    private static OperatorTicket Ticket(string raw)
    {
        Assert.True(OperatorTicket.TryCreate(raw, out var ticket, out var error), error);
        return ticket;
    }
}
