using JobEngine.Authority.Extensions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Client;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.Upstream;

internal static class UpstreamExtensions
{
    /// <summary>
    /// Sign-in through the configured upstream providers: OpenIddict's client registered at each (as the
    /// confidential client they know this Authority as, redirect URI beneath the issuer, scope openid), and
    /// the cookie that keeps the person a provider vouched for until the sign-in page approves.
    /// </summary>
    public static void AddUpstreamSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<UpstreamSignIn>();
        var secure = Uri.TryCreate(configuration[$"{AuthorityOptions.SectionName}:{nameof(AuthorityOptions.Issuer)}"], UriKind.Absolute, out var issuer)
            && issuer.Scheme == Uri.UriSchemeHttps;
        services.AddAuthentication().AddCookie(UpstreamSignIn.Scheme, cookie =>
        {
            // __Secure-: only a page served over https may set it.
            cookie.Cookie.Name = secure ? "__Secure-jobengine-upstream" : "jobengine-upstream";
            cookie.Cookie.Path = "/connect";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = UpstreamSignIn.Lifetime;
            cookie.SlidingExpiration = false;
        });

        if (!configuration.GetSection($"{AuthorityOptions.SectionName}:{nameof(AuthorityOptions.Upstream)}").GetChildren().Any())
        {
            return;
        }

        services.AddSignInClient(UpstreamProvider.CallbackPath, secure, tokenStorage: true);
        services.AddOptions<OpenIddictClientOptions>().Configure<IOptions<AuthorityOptions>>((client, authority) =>
        {
            var options = authority.Value;
            foreach (var provider in options.Upstream)
            {
                client.Registrations.Add(new OpenIddictClientRegistration
                {
                    RegistrationId = "upstream:" + provider.Name,
                    ProviderName = provider.Name,
                    ProviderDisplayName = provider.Name,
                    Issuer = provider.Issuer,
                    ClientId = provider.ClientId,
                    ClientSecret = provider.ClientSecret,
                    RedirectUri = UpstreamProvider.RedirectUri(options.Issuer!),
                    Scopes = { Scopes.OpenId },
                    CodeChallengeMethods = { CodeChallengeMethods.Sha256 },
                });
            }
        });
    }
}
