using System.Net.Http.Json;
using System.Text.Json;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JobEngine.WebService.Tests.Authority;

public sealed class AccessTokenTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly TokenClient _tokens = fixture.Tokens;
    private readonly HttpClient _http = fixture.App.CreateClient();

    [Fact]
    public async Task OperatorToken_IsAJwsVerifiableWithThePublishedKeys_CarryingEveryContractClaim()
    {
        var response = await _tokens.RequestAsync(TestClient.Operator, "orch:read orch:operate",
            ("operator_reason", "maintenance"), ("operator_ticket", "TICKET-123"));

        Assert.Equal(200, response.Status);
        Assert.Equal("Bearer", response.Body.GetProperty("token_type").GetString());
        Assert.Equal("orch:read orch:operate", response.Body.GetProperty("scope").GetString());

        var jwt = Jwt.Parse(response.AccessToken);
        Assert.Equal("at+jwt", jwt.Header.GetProperty("typ").GetString());
        Assert.Equal("ES256", jwt.Header.GetProperty("alg").GetString());
        Assert.False(jwt.Header.TryGetProperty("enc", out _));

        var issuer = await DiscoveredIssuerAsync();
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(response.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = "jobengine",
            ValidTypes = ["at+jwt"],
            IssuerSigningKeys = await PublishedKeysAsync(),
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);

        Assert.Equal(issuer, jwt.Claim("iss"));
        Assert.Equal("acme-operator", jwt.Claim("sub"));
        Assert.Equal("acme-operator", jwt.Claim("client_id"));
        Assert.Equal("jobengine", jwt.Claim("aud"));
        Assert.Equal("acme", jwt.Claim("tenant"));
        Assert.Equal("orch:read orch:operate", jwt.Claim("scope"));
        Assert.Equal(["Orch.Operator"], jwt.Claims("role"));
        Assert.Equal("maintenance", jwt.Claim("operator_reason"));
        Assert.Equal("TICKET-123", jwt.Claim("operator_ticket"));
        Assert.True(Guid.TryParse(jwt.Claim("jti"), out _));
        Assert.True(jwt.Has("iat"));
        Assert.True(jwt.Has("exp"));
    }

    [Fact]
    public async Task OperatorToken_LivesAtMostTheOperatorTokenLifetime()
    {
        var response = await _tokens.RequestAsync(TestClient.Admin, "orch:quota",
            ("operator_reason", "raise quota"), ("operator_ticket", "CHG-7"));

        var jwt = Jwt.Parse(response.AccessToken);
        var lifetime = jwt.Payload.GetProperty("exp").GetInt64() - jwt.Payload.GetProperty("iat").GetInt64();
        Assert.InRange(lifetime, 1, 15 * 60);
        Assert.InRange(response.Body.GetProperty("expires_in").GetInt32(), 1, 15 * 60);
    }

    [Fact]
    public async Task ReadToken_LivesTheOrdinaryAccessTokenLifetime()
    {
        var response = await _tokens.RequestAsync(TestClient.Viewer, "orch:read");

        var jwt = Jwt.Parse(response.AccessToken);
        Assert.Equal(3600, jwt.Payload.GetProperty("exp").GetInt64() - jwt.Payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task EachToken_HasItsOwnTokenId()
    {
        var first = Jwt.Parse((await _tokens.RequestAsync(TestClient.Viewer, "orch:read")).AccessToken);
        var second = Jwt.Parse((await _tokens.RequestAsync(TestClient.Viewer, "orch:read")).AccessToken);

        Assert.NotEqual(first.Claim("jti"), second.Claim("jti"));
    }

    [Fact]
    public async Task ParametersBeyondTheContract_NeverReachTheToken()
    {
        var response = await _tokens.RequestAsync(TestClient.Viewer, "orch:read",
            ("aud", "someone-else"), ("sub", "root"), ("role", "Orch.Admin"),
            ("client_id_override", "acme-admin"), ("claims", "{\"tenant\":\"globex\"}"), ("operator", "mallory"),
            ("iss", "https://evil.example"), ("exp", "9999999999"));

        Assert.Equal(200, response.Status);
        var jwt = Jwt.Parse(response.AccessToken);
        Assert.Equal("jobengine", jwt.Claim("aud"));
        Assert.Equal("acme-viewer", jwt.Claim("sub"));
        Assert.Equal(["Orch.Viewer"], jwt.Claims("role"));
        Assert.Equal("acme", jwt.Claim("tenant"));
        Assert.False(jwt.Has("claims"));
        Assert.False(jwt.Has("operator"));
        Assert.False(jwt.Has("client_id_override"));
        Assert.NotEqual("https://evil.example", jwt.Claim("iss"));
        Assert.True(jwt.Payload.GetProperty("exp").GetInt64() < 9999999999);
    }

    [Theory]
    [InlineData("audience", "someone-else", "invalid_request")]
    [InlineData("resource", "https://someone-else.example/", "invalid_target")]
    public async Task AudienceOrResourceParameters_AreRefusedNotHonoured(string parameter, string value, string error)
    {
        var response = await _tokens.RequestAsync(TestClient.Viewer, "orch:read", (parameter, value));

        Assert.Equal(400, response.Status);
        Assert.Equal(error, response.Error);
        Assert.Contains($"'{parameter}'", response.ErrorDescription);
        Assert.False(response.Body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Discovery_NamesTheTokenEndpointAndJwks()
    {
        var discovery = await _http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        Assert.EndsWith("/connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Contains("client_credentials", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        var jwks = await _http.GetFromJsonAsync<JsonElement>(discovery.GetProperty("jwks_uri").GetString());
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.False(key.TryGetProperty("d", out _), "the JWKS must never publish the private key");
    }

    private async Task<string> DiscoveredIssuerAsync() =>
        (await _http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration")).GetProperty("issuer").GetString()!;

    private async Task<IList<SecurityKey>> PublishedKeysAsync() =>
        new JsonWebKeySet(await _http.GetStringAsync("/.well-known/jwks")).GetSigningKeys();
}
