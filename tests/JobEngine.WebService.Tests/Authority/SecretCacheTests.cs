using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace JobEngine.WebService.Tests.Authority;

public sealed class SecretCacheTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public void TheAuthority_UsesTheCachingApplicationManager()
    {
        using var scope = fixture.App.Services.CreateScope();

        Assert.Equal("CachingApplicationManager", scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().GetType().Name);
    }
}
