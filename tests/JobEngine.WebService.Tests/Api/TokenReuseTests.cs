using System.Net;
using JobEngine.WebService.Security;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JobEngine.WebService.Tests.Api;

/// <summary>A token sent again is served from <see cref="ValidatedTokenCache"/>: the answers must not change.</summary>
public sealed class TokenReuseTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Probe = "/api/v1/jobs";

    private ValidatedTokenCache Cache => fixture.App.Services.GetRequiredService<ValidatedTokenCache>();

    [Fact]
    public async Task AGenuineToken_IsRememberedAfterItsFirstUse_AndAcceptedAgain()
    {
        var token = fixture.Forge(ApiFixture.OperatorClaims());
        Assert.Null(Cache.Find(token));

        Assert.Equal(HttpStatusCode.OK, (await fixture.WithToken(token).GetJsonAsync(Probe)).Status);
        Assert.NotNull(Cache.Find(token));
        Assert.Equal(HttpStatusCode.OK, (await fixture.WithToken(token).GetJsonAsync(Probe)).Status);
    }

    [Fact]
    public async Task ARefusedToken_IsNotRemembered()
    {
        var now = DateTime.UtcNow;
        var expired = fixture.Forge(ApiFixture.OperatorClaims(), expires: now.AddSeconds(-40), issuedAt: now.AddMinutes(-5));

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.WithToken(expired).GetJsonAsync(Probe)).Status);
        Assert.Null(Cache.Find(expired));
    }

    [Fact]
    public async Task ACachedTokensSignature_Changed_Is401()
    {
        var token = fixture.Forge(ApiFixture.OperatorClaims());
        Assert.Equal(HttpStatusCode.OK, (await fixture.WithToken(token).GetJsonAsync(Probe)).Status);

        var forged = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        var (status, body) = await fixture.WithToken(forged).GetJsonAsync(Probe);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        body.AssertProblem("urn:jobengine:problem:unauthenticated");
    }

    [Fact]
    public async Task ACachedTokenWithoutTheScope_IsStill403InsufficientScope()
    {
        var worker = fixture.ClientFor(TestClient.Worker, "orch:work");

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var response = await worker.GetAsync(Probe);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString());
        }
    }
}
