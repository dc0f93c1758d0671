using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Tickets;

public sealed class ReasonCodeRequiredTests : IAsyncLifetime
{
    private readonly ApiFixture _api = ApiFixture.With(new Dictionary<string, string?> { ["JobEngine:Tickets:RequireReasonCode"] = "true" });

    [Fact]
    public async Task WhenRequired_AnOperatorTokenWithoutAReasonCode_IsRefusedNamingIt_AndOtherTokensNeedNone()
    {
        var without = await _api.Tokens.RequestAsync(TestClient.Operator, "orch:operate",
            ("operator_reason", "rolling restart"), ("operator_ticket", "TICKET-1"));
        var with = await _api.Tokens.RequestAsync(TestClient.Operator, "orch:operate",
            ("operator_reason", "rolling restart"), ("operator_ticket", "TICKET-1"), ("operator_reason_code", "security"));
        var reader = await _api.Tokens.RequestAsync(TestClient.Viewer, "orch:read");

        without.AssertRefused("invalid_request", "The 'operator_reason_code' parameter is required");
        Assert.Equal("security", Jwt.Parse(with.AccessToken).Claim("operator_reason_code"));
        Assert.False(Jwt.Parse(with.AccessToken).Has("operator_ticket_system"));
        Assert.Equal(200, reader.Status);
    }

    [Fact]
    public async Task WhenRequired_APersonsDeviceRequestWithoutAReasonCode_IsRefusedBeforeSignIn()
    {
        var flow = new DeviceFlow(_api.App.CreateClient(), _api.App.CreateClient());

        var (status, body) = await flow.StartAsync("orch:read orch:operate", ("operator_reason", "stuck deploy"), ("operator_ticket", "CHG-1"));

        Assert.Equal(400, status);
        Assert.Contains("operator_reason_code", body.GetProperty("error_description").GetString());
    }

    public Task InitializeAsync() => _api.InitializeAsync();

    public Task DisposeAsync() => _api.DisposeAsync();
}
