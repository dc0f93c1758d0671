using JobEngine.WebService.Security;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Client;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;

namespace JobEngine.WebService.Tests.Security;

/// <summary>OpenIddict's server and client are not asked about API requests: none of their endpoints is under /api.</summary>
public sealed class ApiRequestSchemesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public void NoEndpointOrRedirectionUriOfOpenIddictsServerOrClient_LiesUnderTheApi()
    {
        var server = fixture.App.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;
        var client = fixture.App.Services.GetRequiredService<IOptionsMonitor<OpenIddictClientOptions>>().CurrentValue;

        var uris = UriLists(server).Concat(UriLists(client))
            .Concat(client.Registrations.SelectMany(registration => new[] { registration.RedirectUri, registration.PostLogoutRedirectUri }).OfType<Uri>())
            .ToList();

        Assert.Contains(uris, uri => Path(uri) == "/connect/token");
        Assert.Contains(uris, uri => Path(uri).StartsWith("/console/", StringComparison.Ordinal));
        Assert.DoesNotContain(uris, uri => Path(uri).StartsWith("/api", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("/api/v1/jobs", false)]
    [InlineData("/API/v1/audit", false)]
    [InlineData("/connect/token", true)]
    [InlineData("/.well-known/openid-configuration", true)]
    [InlineData("/console/callback", true)]
    [InlineData("/apiary", true)]
    public async Task TheServerAndClientAreAskedOutsideTheApi_TheValidationEverywhere(string path, bool asked)
    {
        using var scope = fixture.App.Services.CreateScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext { Request = { Path = path } };
        try
        {
            var schemes = (await scope.ServiceProvider.GetRequiredService<IAuthenticationSchemeProvider>().GetRequestHandlerSchemesAsync())
                .Select(scheme => scheme.Name).ToList();

            Assert.Contains(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme, schemes);
            Assert.Equal(asked ? 2 : 0, schemes.Count(ApiRequestSchemes.IsProtocolEndpointHandler));
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private static IEnumerable<Uri> UriLists(object options) => options.GetType().GetProperties()
        .Where(property => property.PropertyType == typeof(List<Uri>))
        .SelectMany(property => (List<Uri>)property.GetValue(options)!);

    private static string Path(Uri uri) => uri.IsAbsoluteUri ? uri.AbsolutePath : "/" + uri.OriginalString.TrimStart('/');
}
