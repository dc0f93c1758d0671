using JobEngine.Authority.Clients;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace JobEngine.WebService.Tests.Authority;

public sealed class UnknownClientTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AnUnknownClientId_IsAnsweredLikeAWrongSecret_AfterASecretCheckOfItsOwn()
    {
        var decoy = fixture.App.Services.GetRequiredService<DecoyClient>();
        var checks = decoy.Checks;

        var unknown = await fixture.Tokens.RequestAsync(new TestClient("no-such-client", "a-guessed-secret-0123", ["acme"], []), "orch:read");
        var wrong = await fixture.Tokens.RequestAsync(TestClient.Viewer with { Secret = "a-guessed-secret-0123" }, "orch:read");

        Assert.Equal(401, unknown.Status);
        Assert.Equal(wrong.Status, unknown.Status);
        Assert.Equal(wrong.Body.GetRawText(), unknown.Body.GetRawText());
        Assert.Equal(checks + 1, decoy.Checks);
    }

    [Fact]
    public async Task AnUnknownClientIdWithoutASecret_IsLeftToOpenIddict()
    {
        var checks = fixture.App.Services.GetRequiredService<DecoyClient>().Checks;

        var response = await fixture.Tokens.RequestAsync(
            [new("grant_type", "client_credentials"), new("client_id", "no-such-client"), new("scope", "orch:read")]);

        Assert.Equal(400, response.Status);
        Assert.Equal("invalid_request", response.Error);
        Assert.Equal(checks, fixture.App.Services.GetRequiredService<DecoyClient>().Checks);
    }

    [Fact]
    public async Task TheDecoySecret_IsHashedWithTheParametersOfStoredSecrets()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var applications = (CachingApplicationManager)scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();

        var decoy = Convert.FromBase64String((await applications.CreateDecoyAsync("decoy", default)).ClientSecret!);
        var stored = Convert.FromBase64String((await applications.FindByClientIdAsync(TestClient.Viewer.ClientId))!.ClientSecret!);

        // Format version, PRF, iteration count and salt length, then salt and subkey: checking either costs the same.
        Assert.Equal(stored[..13], decoy[..13]);
        Assert.Equal(stored.Length, decoy.Length);
    }
}
