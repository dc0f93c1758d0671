using System.Net;
using System.Security.Cryptography;
using System.Text;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace JobEngine.WebService.Tests.Api;

public sealed class TokenValidationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Probe = "/api/v1/jobs";

    [Fact]
    public async Task GenuineToken_IsAccepted()
    {
        var (status, _) = await fixture.ClientFor(TestClient.Viewer, "orch:read").GetJsonAsync(Probe);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task NoToken_Is401WithChallengeAndProblem()
    {
        using var response = await fixture.Anonymous().GetAsync(Probe);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJ4In0.")]
    public async Task MalformedOrUnsignedToken_Is401(string token)
    {
        var (status, body) = await fixture.WithToken(token).GetJsonAsync(Probe);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        body.AssertProblem("urn:jobengine:problem:unauthenticated");
    }

    [Fact]
    public async Task AGenuineTokenInTheQueryStringOrAForm_Is401_AndChangesNothing()
    {
        var jobId = await fixture.ClientFor(TestClient.Submitter, "orch:submit").SubmitAsync("query-token");
        var token = (await fixture.Tokens.RequestAsync(TestClient.Operator, "orch:read orch:operate",
            ("operator_reason", "maintenance"), ("operator_ticket", "TICKET-1"))).AccessToken;
        var anonymous = fixture.Anonymous();

        using var inQuery = await anonymous.PostAsync($"/api/v1/jobs/{jobId}/cancel?access_token={token}", null);
        using var inForm = await anonymous.PostAsync($"/api/v1/jobs/{jobId}/cancel", new FormUrlEncodedContent([new("access_token", token)]));

        Assert.Equal(HttpStatusCode.Unauthorized, inQuery.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, inForm.StatusCode);
        var (_, job) = await fixture.ClientFor(TestClient.Viewer, "orch:read").GetJsonAsync($"/api/v1/jobs/{jobId}");
        Assert.Equal("Pending", job.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ForgedClaims_WithTheAuthoritysKey_AreAcceptedAsControl()
    {
        var token = fixture.Forge(ApiFixture.OperatorClaims());

        var (status, _) = await fixture.WithToken(token).GetJsonAsync(Probe);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task TokenSignedByAnotherKey_Is401()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = fixture.Forge(ApiFixture.OperatorClaims(),
            credentials: new SigningCredentials(new ECDsaSecurityKey(stranger), SecurityAlgorithms.EcdsaSha256));

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.WithToken(token).GetJsonAsync(Probe)).Status);
    }

    [Fact]
    public async Task SymmetricAlgorithm_Is401()
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("a-shared-secret-of-at-least-32-bytes!!"));
        var token = fixture.Forge(ApiFixture.OperatorClaims(), credentials: new SigningCredentials(key, SecurityAlgorithms.HmacSha256));

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.WithToken(token).GetJsonAsync(Probe)).Status);
    }

    [Theory]
    [InlineData("aud", "someone-else")]
    [InlineData("iss", "http://jobengine.test/other")]
    [InlineData("iss", "http://evil.example/")]
    public async Task WrongAudienceOrIssuer_Is401(string claim, string value)
    {
        var claims = ApiFixture.OperatorClaims();
        claims[claim] = value;

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.WithToken(fixture.Forge(claims)).GetJsonAsync(Probe)).Status);
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("oi_reft+jwt")]
    public async Task TokenThatIsNotAnAccessToken_Is401(string type)
    {
        var token = fixture.Forge(ApiFixture.OperatorClaims(), type: type);

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.WithToken(token).GetJsonAsync(Probe)).Status);
    }

    [Fact]
    public async Task TokenExpired40SecondsAgo_Is401()
    {
        var now = DateTime.UtcNow;
        var token = fixture.Forge(ApiFixture.OperatorClaims(), expires: now.AddSeconds(-40), issuedAt: now.AddMinutes(-5));

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.WithToken(token).GetJsonAsync(Probe)).Status);
    }

    [Fact]
    public async Task TokenExpired10SecondsAgo_IsWithinTheAllowedSkew()
    {
        var now = DateTime.UtcNow;
        var token = fixture.Forge(ApiFixture.OperatorClaims(), expires: now.AddSeconds(-10), issuedAt: now.AddMinutes(-5));

        Assert.Equal(HttpStatusCode.OK, (await fixture.WithToken(token).GetJsonAsync(Probe)).Status);
    }

    [Fact]
    public async Task TokenNotValidFor40MoreSeconds_Is401()
    {
        var now = DateTime.UtcNow;
        var token = fixture.Forge(ApiFixture.OperatorClaims(), notBefore: now.AddSeconds(40), issuedAt: now, expires: now.AddMinutes(5));

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.WithToken(token).GetJsonAsync(Probe)).Status);
    }

    [Fact]
    public async Task MissingScope_Is403InsufficientScope_NamingTheScope()
    {
        using var response = await fixture.ClientFor(TestClient.Worker, "orch:work").GetAsync(Probe);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"insufficient_scope\"", challenge);
        Assert.Contains("scope=\"orch:read\"", challenge);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HealthReadinessAndOpenApi_NeedNoToken()
    {
        var anonymous = fixture.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
        var openApi = System.Text.Json.JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;
        var lease = openApi.GetProperty("paths").GetProperty("/api/v1/workers/lease").GetProperty("post");
        Assert.Equal("orch:work", lease.GetProperty("security")[0].GetProperty("oauth2")[0].GetString());
        Assert.True(lease.GetProperty("responses").TryGetProperty("403", out _));
        var cancel = openApi.GetProperty("paths").GetProperty("/api/v1/jobs/{jobId}/cancel").GetProperty("post");
        Assert.True(cancel.GetProperty("responses").TryGetProperty("409", out _));
        Assert.Contains("operator_reason", cancel.GetProperty("description").GetString());
        Assert.False(cancel.GetProperty("requestBody").TryGetProperty("required", out var required) && required.GetBoolean());
        Assert.True(cancel.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var setQuota = openApi.GetProperty("paths").GetProperty("/api/v1/quotas/{jobType}").GetProperty("put");
        Assert.True(setQuota.GetProperty("requestBody").GetProperty("required").GetBoolean());
        var flows = openApi.GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2").GetProperty("flows");
        Assert.True(flows.TryGetProperty("clientCredentials", out _));
    }
}
