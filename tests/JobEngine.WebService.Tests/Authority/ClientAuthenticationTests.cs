using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Authority;

public sealed class ClientAuthenticationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TokenClient _tokens = fixture.Tokens;

    [Fact]
    public async Task UnknownClient_IsInvalidClient()
    {
        var stranger = new TestClient("nobody", "nobody-secret-123456", ["acme"], ["Orch.Viewer"]);

        var response = await _tokens.RequestAsync(stranger, "orch:read");

        Assert.Contains(response.Status, new[] { 400, 401 });
        Assert.Equal("invalid_client", response.Error);
        Assert.False(response.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task WrongSecret_IsInvalidClient()
    {
        var impostor = TestClient.Operator with { Secret = "not-the-right-secret" };

        var response = await _tokens.RequestAsync(impostor, "orch:operate",
            ("operator_reason", "maintenance"), ("operator_ticket", "TICKET-123"));

        Assert.Contains(response.Status, new[] { 400, 401 });
        Assert.Equal("invalid_client", response.Error);
    }

    [Fact]
    public async Task HttpBasicAuthentication_IsAccepted()
    {
        var response = await _tokens.RequestAsync(
            [new("grant_type", "client_credentials"), new("scope", "orch:read")],
            TokenClient.Basic(TestClient.Viewer.ClientId, TestClient.Viewer.Secret));

        Assert.Equal(200, response.Status);
        Assert.Equal("acme-viewer", Jwt.Parse(response.AccessToken).Claim("sub"));
    }

    [Fact]
    public async Task HttpBasicAuthentication_WithWrongSecret_IsInvalidClient()
    {
        var response = await _tokens.RequestAsync(
            [new("grant_type", "client_credentials"), new("scope", "orch:read")],
            TokenClient.Basic(TestClient.Viewer.ClientId, "wrong-secret"));

        Assert.Equal(401, response.Status);
        Assert.Equal("invalid_client", response.Error);
    }

    [Fact]
    public async Task OtherGrantTypes_AreUnsupported()
    {
        var response = await _tokens.RequestAsync(
        [
            new("grant_type", "password"), new("client_id", TestClient.Viewer.ClientId),
            new("client_secret", TestClient.Viewer.Secret), new("username", "u"), new("password", "p"),
        ]);

        Assert.Equal(400, response.Status);
        Assert.Equal("unsupported_grant_type", response.Error);
    }
}
