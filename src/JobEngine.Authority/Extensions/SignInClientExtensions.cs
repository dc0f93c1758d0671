using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;

namespace JobEngine.Authority.Extensions;

/// <summary>
/// OpenIddict's client as this host runs it for people signing in: the console's sign-in at the
/// Authority, and the Authority's own sign-in through upstream providers. Each of those adds its
/// registration and its redirection endpoint; what they share is set up once, here.
/// </summary>
public static class SignInClientExtensions
{
    /// <summary>
    /// Adds the client (once, whoever asks first) and <paramref name="redirectionPath"/> as one of its
    /// redirection endpoints, handled by the page at that path. With <paramref name="secureCookies"/>, its
    /// state cookies are always Secure (the sign-in is served over https, perhaps behind a proxy that ends TLS).
    /// </summary>
    public static void AddSignInClient(this IServiceCollection services, string redirectionPath, bool secureCookies, bool tokenStorage)
    {
        if (!services.Any(service => service.ServiceType == typeof(SignInClientMarker)))
        {
            services.AddSingleton<SignInClientMarker>();
            AddClient(services, tokenStorage);
        }

        services.Configure<OpenIddictClientOptions>(options =>
            options.RedirectionEndpointUris.Add(new Uri(redirectionPath.TrimStart('/'), UriKind.Relative)));
        if (secureCookies)
        {
            services.Configure<OpenIddictClientAspNetCoreOptions>(options => options.CookieBuilder.SecurePolicy = CookieSecurePolicy.Always);
        }
    }

    /// <summary>
    /// Why OpenIddict's client did not sign the person in: the provider's OAuth error and its description,
    /// else the client's own failure message.
    /// </summary>
    public static (string? Error, string? Description) SignInFailure(this AuthenticateResult result)
    {
        string? Item(string name) => result.Properties?.Items.TryGetValue(name, out var value) == true ? value : null;
        return (Item(OpenIddictClientAspNetCoreConstants.Properties.Error),
            Item(OpenIddictClientAspNetCoreConstants.Properties.ErrorDescription) ?? result.Failure?.Message);
    }

    private static void AddClient(IServiceCollection services, bool tokenStorage) =>
        services.AddOpenIddict().AddClient(client =>
        {
            client.AllowAuthorizationCodeFlow();

            // State tokens are Data Protection tokens (below), readable by every process of the
            // deployment; OpenIddict still wants credentials of its own, which then protect nothing that
            // outlives the process: random symmetric keys, which cost nothing to make at start-up.
            client.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)))
                .AddSigningKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
            client.UseDataProtection();

            // With the Authority in this host, its store also remembers state tokens, so each is redeemed once.
            if (!tokenStorage)
            {
                client.DisableTokenStorage();
            }

            // Providers answer with a top-level GET redirect (query response mode), which a SameSite=Lax
            // cookie survives; Secure only where it must be (above), so that sign-in works wherever the
            // host is served, TLS terminated in front or not.
            client.UseAspNetCore()
                .EnableRedirectionEndpointPassthrough()
                .EnableErrorPassthrough()
                .DisableTransportSecurityRequirement()
                .Configure(aspNetCore =>
                {
                    aspNetCore.CookieBuilder.SameSite = SameSiteMode.Lax;
                    aspNetCore.CookieBuilder.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                });
            client.UseSystemNetHttp();
        });

    /// <summary>Marks the client as added, so that the second feature to ask only adds its endpoint.</summary>
    private sealed class SignInClientMarker;
}
