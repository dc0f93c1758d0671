using JobEngine.Authority.Clients;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;

namespace JobEngine.WebService.Tests.Authority;

public sealed class ClientRegistrationCacheTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private ClientRegistrationCache Cache => fixture.App.Services.GetRequiredService<ClientRegistrationCache>();

    [Fact]
    public async Task AClientsRegistration_IsKeptAfterATokenRequest_AndItsSecretIsStillChecked()
    {
        Assert.Equal(200, (await fixture.Tokens.RequestAsync(TestClient.Submitter, "orch:submit")).Status);
        Assert.NotNull(Cache.Find(TestClient.Submitter.ClientId));

        var wrong = await fixture.Tokens.RequestAsync(TestClient.Submitter with { Secret = "not-the-right-secret" }, "orch:submit");
        Assert.Equal("invalid_client", wrong.Error);
        Assert.Equal(200, (await fixture.Tokens.RequestAsync(TestClient.Submitter, "orch:submit")).Status);
    }

    [Fact]
    public async Task AnUnknownClient_IsNotRemembered()
    {
        var stranger = new TestClient("nobody-cached", "nobody-secret-123456", ["acme"], ["Orch.Viewer"]);

        Assert.Equal("invalid_client", (await fixture.Tokens.RequestAsync(stranger, "orch:read")).Error);
        Assert.Null(Cache.Find("nobody-cached"));
    }

    [Fact]
    public void ARegistration_ExpiresAfterItsLifetime_AndCanBeForgotten()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        var cache = new ClientRegistrationCache(clock);
        cache.Add("a", new OpenIddictEntityFrameworkCoreApplication { ClientId = "a" });
        cache.Add("b", new OpenIddictEntityFrameworkCoreApplication { ClientId = "b" });

        cache.Forget("b");
        Assert.Null(cache.Find("b"));
        clock.Now += ClientRegistrationCache.Lifetime - TimeSpan.FromSeconds(1);
        Assert.NotNull(cache.Find("a"));
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.Null(cache.Find("a"));
    }
}
