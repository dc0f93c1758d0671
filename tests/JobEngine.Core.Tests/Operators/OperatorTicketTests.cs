using JobEngine.Core.Operators;

namespace JobEngine.Core.Tests.Operators;

public sealed class OperatorTicketTests
{
    [Theory]
    [InlineData("TICKET-123")]
    [InlineData("0")]
    [InlineData("INC:2026/11#42")]
    [InlineData("a.b_c-d")]
    public void PatternMatches_AreAcceptedVerbatim(string raw)
    {
        Assert.True(OperatorTicket.TryCreate(raw, out var ticket, out _));
        Assert.Equal(raw, ticket.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("_x")]
    [InlineData("a b")]
    [InlineData(" a")]
    [InlineData("a\n")]
    [InlineData("a+b")]
    [InlineData("ü")]
    public void Others_AreRefused(string? raw)
    {
        Assert.False(OperatorTicket.TryCreate(raw, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void LengthLimitIs128()
    {
        Assert.True(OperatorTicket.TryCreate(new string('A', 128), out _, out _));
        Assert.False(OperatorTicket.TryCreate(new string('A', 129), out _, out var error));
        Assert.Contains("128", error);
    }
}
