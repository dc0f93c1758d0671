using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.Authority;

public sealed class ScopeAndTenantTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TokenClient _tokens = fixture.Tokens;

    [Theory]
    [InlineData("acme-viewer", "orch:submit")]
    [InlineData("acme-viewer", "orch:operate")]
    [InlineData("acme-operator", "orch:quota")]
    [InlineData("acme-operator", "orch:audit")]
    [InlineData("acme-worker", "orch:read")]
    public async Task ScopeNoRoleGrants_IsInvalidScope(string clientId, string scope)
    {
        var client = TestClient.All.Single(c => c.ClientId == clientId);

        var response = await _tokens.RequestAsync(client, scope,
            ("operator_reason", "maintenance"), ("operator_ticket", "TICKET-123"));

        response.AssertRefused("invalid_scope", scope);
    }

    [Fact]
    public async Task UnknownScope_IsInvalidScope()
    {
        var response = await _tokens.RequestAsync(TestClient.Admin, "orch:read orch:everything");

        response.AssertRefused("invalid_scope");
    }

    [Fact]
    public async Task MissingScope_IsInvalidScope()
    {
        var response = await _tokens.RequestAsync(TestClient.Viewer, "");

        response.AssertRefused("invalid_scope", "'scope'");
    }

    [Theory]
    [InlineData("acme-viewer", "orch:read")]
    [InlineData("acme-worker", "orch:work")]
    [InlineData("acme-admin", "orch:read orch:operate orch:quota")]
    [InlineData("globex-auditor", "orch:read orch:audit")]
    public async Task EveryScopeARoleGrants_IsIssued(string clientId, string scope)
    {
        var client = TestClient.All.Single(c => c.ClientId == clientId);

        var response = await _tokens.RequestAsync(client, scope,
            ("operator_reason", "maintenance"), ("operator_ticket", "TICKET-123"));

        Assert.Equal(200, response.Status);
        Assert.Equal(scope, response.Body.GetProperty("scope").GetString());
        Assert.Equal(scope, Jwt.Parse(response.AccessToken).Claim("scope"));
    }

    [Fact]
    public async Task SingleTenantClient_WithoutTenant_GetsItsTenant()
    {
        var response = await _tokens.RequestAsync(TestClient.GlobexAuditor, "orch:audit");

        Assert.Equal("globex", Jwt.Parse(response.AccessToken).Claim("tenant"));
    }

    [Fact]
    public async Task TenantTheClientMayNotUse_IsInvalidRequestNamingTenant()
    {
        var response = await _tokens.RequestAsync(TestClient.Viewer, "orch:read", ("tenant", "globex"));

        response.AssertRefused("invalid_request", "'tenant'");
    }

    [Fact]
    public async Task MultiTenantClient_WithoutTenant_IsInvalidRequestNamingTenant()
    {
        var response = await _tokens.RequestAsync(TestClient.MultiTenant, "orch:audit");

        response.AssertRefused("invalid_request", "'tenant'");
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("globex")]
    public async Task MultiTenantClient_WithTenant_GetsThatTenant(string tenant)
    {
        var response = await _tokens.RequestAsync(TestClient.MultiTenant, "orch:audit", ("tenant", tenant));

        Assert.Equal(tenant, Jwt.Parse(response.AccessToken).Claim("tenant"));
    }

    [Fact]
    public async Task RepeatedTenant_IsRejected()
    {
        var response = await _tokens.RequestAsync(TestClient.MultiTenant, "orch:audit", ("tenant", "acme"), ("tenant", "globex"));

        Assert.Equal("invalid_request", response.Error);
        Assert.Contains("'tenant'", response.ErrorDescription);
    }

    [Fact]
    public async Task RoleClaim_HoldsOnlyTheRolesBehindTheGrantedScopes()
    {
        var audit = Jwt.Parse((await _tokens.RequestAsync(TestClient.MultiTenant, "orch:audit", ("tenant", "acme"))).AccessToken);
        var read = Jwt.Parse((await _tokens.RequestAsync(TestClient.MultiTenant, "orch:read", ("tenant", "acme"))).AccessToken);

        Assert.Equal(["Orch.Auditor"], audit.Claims("role"));
        Assert.Equal(["Orch.Auditor", "Orch.Operator"], read.Claims("role"));
    }
}
