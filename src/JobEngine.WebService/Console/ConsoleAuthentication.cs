using JobEngine.Core.Protocol;
using JobEngine.Authority.Extensions;
using OpenIddict.Client;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.WebService.Console;

/// <summary>
/// How people sign in to the console: the public client <c>jobengine-console</c> runs the
/// authorization code grant with PKCE S256 against the Authority (OpenIddict's client), and the
/// session is a cookie holding the access token, encrypted with the deployment's Data Protection
/// key ring and expiring with the token.
/// </summary>
internal static class ConsoleAuthentication
{
    public const string Scheme = "JobEngine.Console";
    public const string Policy = "JobEngine.Console";

    /// <summary>The console's registration with OpenIddict's client, which may also hold the Authority's upstream providers.</summary>
    public const string RegistrationId = "jobengine-console";

    /// <summary>What the console asks for at sign-in; the Authority leaves out what the person's roles do not grant.</summary>
    public static readonly string[] SignInScopes = ["orch:read", "orch:audit"];

    public static void Add(IServiceCollection services, ConsoleAddresses addresses, bool authorityInThisHost)
    {
        services.AddAuthentication()
            .AddCookie(Scheme, cookie =>
            {
                cookie.Cookie.Name = "jobengine-console";
                cookie.Cookie.Path = "/console";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = SecurePolicy(addresses);
                cookie.LoginPath = "/console/signin";
                cookie.LogoutPath = "/console/signout";
                cookie.ReturnUrlParameter = "returnUrl";

                // The session never outlives the access token it carries (the ticket's ExpiresUtc).
                cookie.SlidingExpiration = false;

                // To the sign-in page on this host, whatever Host header the request came with.
                cookie.Events.OnRedirectToLogin = context =>
                {
                    context.Response.Redirect(new Uri(context.RedirectUri).PathAndQuery);
                    return Task.CompletedTask;
                };
            });

        services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = SecurePolicy(addresses));
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser());

        services.AddSignInClient(ConsoleAddresses.CallbackPath, SecurePolicy(addresses) == CookieSecurePolicy.Always, tokenStorage: authorityInThisHost);
        services.AddOpenIddict().AddClient(client => client.AddRegistration(new OpenIddictClientRegistration
        {
            RegistrationId = RegistrationId,
            Issuer = addresses.Issuer,
            ClientId = WireNames.PublicClients.Console,
            RedirectUri = addresses.Callback,
            CodeChallengeMethods = { CodeChallengeMethods.Sha256 },
        }));
    }

    /// <summary>
    /// Secure cookies whenever browsers reach the console over https, even where TLS ends in front
    /// of the host and it sees plain http; over plain http (a laptop, loopback) they could not be set.
    /// </summary>
    private static CookieSecurePolicy SecurePolicy(ConsoleAddresses addresses) =>
        addresses.PublicUrl.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
}
