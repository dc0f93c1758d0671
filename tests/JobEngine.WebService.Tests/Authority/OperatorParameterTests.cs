using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Authority;

public sealed class OperatorParameterTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TokenClient _tokens = fixture.Tokens;

    [Theory]
    [InlineData("orch:operate")]
    [InlineData("orch:read orch:operate")]
    [InlineData("orch:quota")]
    public async Task OperatorScope_WithoutReason_IsInvalidRequestNamingOperatorReason(string scope)
    {
        var response = await _tokens.RequestAsync(TestClient.Admin, scope, ("operator_ticket", "TICKET-123"));

        AssertRejected(response, "operator_reason");
        Assert.Contains("required", response.ErrorDescription);
    }

    [Theory]
    [InlineData("orch:operate")]
    [InlineData("orch:quota")]
    public async Task OperatorScope_WithoutTicket_IsInvalidRequestNamingOperatorTicket(string scope)
    {
        var response = await _tokens.RequestAsync(TestClient.Admin, scope, ("operator_reason", "maintenance"));

        AssertRejected(response, "operator_ticket");
        Assert.Contains("required", response.ErrorDescription);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t \t")]
    public async Task BlankReason_IsRejected(string reason)
    {
        var response = await RequestOperatorToken(reason, "TICKET-123");

        AssertRejected(response, "operator_reason");
    }

    [Fact]
    public async Task ReasonOf257Characters_IsRejected()
    {
        var response = await RequestOperatorToken(new string('r', 257), "TICKET-123");

        AssertRejected(response, "operator_reason");
        Assert.Contains("256", response.ErrorDescription);
    }

    [Fact]
    public async Task ReasonOf256Characters_AfterTrimming_IsIssuedTrimmed()
    {
        var reason = new string('r', 255) + "é";
        var response = await RequestOperatorToken($"  {reason} ", "TICKET-123");

        Assert.Equal(200, response.Status);
        Assert.Equal(reason, Jwt.Parse(response.AccessToken).Claim("operator_reason"));
    }

    [Theory]
    [InlineData("restart\nworker")]
    [InlineData("restart\u0000worker")]
    [InlineData("bell\u0007")]
    [InlineData("del\u007F")]
    [InlineData("c1\u0085control")]
    [InlineData("spoof\u202Eexe.txt")]
    [InlineData("line\u2028separator")]
    [InlineData("paragraph\u2029separator")]
    [InlineData("zero\u200Bwidth")]
    [InlineData("\uFEFFbyte order mark")]
    [InlineData("soft\u00ADhyphen")]
    [InlineData("tag \U000E0041")]
    public async Task ReasonWithControlCharacters_IsRejected(string reason)
    {
        var response = await RequestOperatorToken(reason, "TICKET-123");

        AssertRejected(response, "operator_reason");
        Assert.Contains("control characters", response.ErrorDescription);
    }

    [Fact]
    public async Task TicketOf128Characters_IsIssued()
    {
        var ticket = "T" + new string('1', 127);
        var response = await RequestOperatorToken("maintenance", ticket);

        Assert.Equal(200, response.Status);
        Assert.Equal(ticket, Jwt.Parse(response.AccessToken).Claim("operator_ticket"));
    }

    [Fact]
    public async Task TicketOf129Characters_IsRejected()
    {
        var response = await RequestOperatorToken("maintenance", "T" + new string('1', 128));

        AssertRejected(response, "operator_ticket");
        Assert.Contains("128", response.ErrorDescription);
    }

    [Theory]
    [InlineData("")]
    [InlineData("TICKET 123")]
    [InlineData(" TICKET-123")]
    [InlineData("TICKET-123 ")]
    [InlineData("-TICKET-123")]
    [InlineData(".hidden")]
    [InlineData("TICKET-123\n")]
    [InlineData("TICKET;DROP")]
    [InlineData("TÏCKET-1")]
    public async Task MalformedTicket_IsRejected(string ticket)
    {
        var response = await RequestOperatorToken("maintenance", ticket);

        AssertRejected(response, "operator_ticket");
    }

    [Theory]
    [InlineData("TICKET-123")]
    [InlineData("CHG0012345")]
    [InlineData("jira:OPS/42#comment-7")]
    [InlineData("a_b.c-d")]
    [InlineData("7")]
    public async Task WellFormedTicket_IsStampedExactly(string ticket)
    {
        var response = await RequestOperatorToken("maintenance", ticket);

        Assert.Equal(200, response.Status);
        Assert.Equal(ticket, Jwt.Parse(response.AccessToken).Claim("operator_ticket"));
    }

    [Fact]
    public async Task RepeatedReason_IsRejected()
    {
        var response = await _tokens.RequestAsync(TestClient.Operator, "orch:operate",
            ("operator_reason", "maintenance"), ("operator_reason", "something else"), ("operator_ticket", "TICKET-123"));

        AssertRejected(response, "operator_reason");
        Assert.Contains("repeated", response.ErrorDescription);
    }

    [Fact]
    public async Task NonOperatorToken_NeverCarriesOperatorClaims()
    {
        var response = await _tokens.RequestAsync(TestClient.Viewer, "orch:read",
            ("operator_reason", "maintenance"), ("operator_ticket", "TICKET-123"));

        Assert.Equal(200, response.Status);
        var jwt = Jwt.Parse(response.AccessToken);
        Assert.False(jwt.Has("operator_reason"));
        Assert.False(jwt.Has("operator_ticket"));
    }

    [Fact]
    public async Task NonOperatorToken_WithMalformedTicket_IsStillRejected()
    {
        var response = await _tokens.RequestAsync(TestClient.Viewer, "orch:read", ("operator_ticket", "-bad"));

        AssertRejected(response, "operator_ticket");
    }

    private Task<TokenResponse> RequestOperatorToken(string reason, string ticket) =>
        _tokens.RequestAsync(TestClient.Operator, "orch:operate", ("operator_reason", reason), ("operator_ticket", ticket));

    private static void AssertRejected(TokenResponse response, string parameter) => response.AssertRefused("invalid_request", $"'{parameter}'");
}
