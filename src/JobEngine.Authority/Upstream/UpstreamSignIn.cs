using System.Security.Claims;
using JobEngine.Authority.Extensions;
using JobEngine.Authority.People;
using JobEngine.Core.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.Upstream;

/// <summary>
/// Sign-in through an upstream provider, for the Authority's sign-in pages: the person leaves for the
/// provider (OpenIddict's client: code flow, PKCE, state and nonce checked), comes back to
/// <see cref="UpstreamProvider.CallbackPath"/>, and the person the provider vouched for is kept in a
/// short-lived cookie until the page they started from approves or denies. Approving consumes it.
/// </summary>
public sealed partial class UpstreamSignIn(IOptions<AuthorityOptions> options, ILogger<UpstreamSignIn> logger)
{
    public const string Scheme = "JobEngine.Upstream";

    /// <summary>The sign-in page a person was vouched for, kept with them.</summary>
    private const string ForPage = "jobengine:for-page";

    /// <summary>How long a person has, back from their provider, to approve on the page they started from.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan DiscoveryPatience = TimeSpan.FromSeconds(2);

    /// <summary>The providers' names, as the sign-in pages offer them.</summary>
    public IReadOnlyList<string> Providers => [.. options.Value.Upstream.Select(provider => provider.Name)];

    /// <summary>
    /// Where a sign-in page's "Sign in with …" forms redirect the browser: each provider's issuer and its
    /// authorization endpoint (from its discovery document, which OpenIddict's client caches). A provider
    /// that cannot be asked within a moment keeps only its issuer: its button then fails on its own,
    /// and the page is not held up for the people who sign in with a password.
    /// </summary>
    public async Task<IReadOnlyList<Uri>> FormTargetsAsync(HttpContext http)
    {
        var targets = new List<Uri>();
        if (options.Value.Upstream.Count == 0)
        {
            return targets;
        }

        var client = http.RequestServices.GetRequiredService<OpenIddictClientService>();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        patience.CancelAfter(DiscoveryPatience);
        foreach (var provider in options.Value.Upstream)
        {
            targets.Add(provider.Issuer!);
            try
            {
                var configuration = await client.GetServerConfigurationByProviderNameAsync(provider.Name, patience.Token);
                if (configuration.AuthorizationEndpoint is { } endpoint)
                {
                    targets.Add(endpoint);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
            {
                LogDiscoveryFailed(provider.Name, exception.Message);
            }
        }

        return targets;
    }

    /// <summary>Whether <paramref name="returnUrl"/> is a sign-in page of this Authority, the only place a provider's answer may lead.</summary>
    public static bool IsSignInPage(string? returnUrl) =>
        returnUrl is not null
        && (returnUrl.StartsWith("/" + WireNames.Routes.Authorization + "?", StringComparison.Ordinal)
            || returnUrl.StartsWith("/" + WireNames.Routes.Verification + "?", StringComparison.Ordinal));

    /// <summary>What to challenge OpenIddict's client with to send the person to <paramref name="provider"/>; null for an unknown provider or return URL.</summary>
    public AuthenticationProperties? Leave(string provider, string? returnUrl)
    {
        if (!Providers.Contains(provider, StringComparer.Ordinal) || !IsSignInPage(returnUrl))
        {
            return null;
        }

        return new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictClientAspNetCoreConstants.Properties.ProviderName] = provider,
        })
        {
            RedirectUri = returnUrl,
        };
    }

    /// <summary>
    /// On the callback: the provider's answer checked by OpenIddict's client, the person it vouches for
    /// kept in the cookie, and the page to go back to; or why not.
    /// </summary>
    public async Task<(string? ReturnUrl, string? Refusal)> ReturnAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        var returnUrl = IsSignInPage(result.Properties?.RedirectUri) ? result.Properties!.RedirectUri : null;
        if (!result.Succeeded || result.Principal is not { } vouched)
        {
            return (returnUrl, result.SignInFailure().Description ?? "The provider did not sign you in.");
        }

        // The console's sign-in at this Authority shares OpenIddict's client; its answers belong on its own callback.
        var name = vouched.FindFirst(Claims.Private.ProviderName)?.Value;
        if (options.Value.Upstream.FirstOrDefault(provider => string.Equals(provider.Name, name, StringComparison.Ordinal)) is not { } provider)
        {
            return (returnUrl, "This sign-in did not start at an upstream provider's button.");
        }

        var (person, refusal) = UpstreamPerson.From(provider, vouched);
        if (person is null)
        {
            LogRefused(provider.Name, refusal!);
            return (returnUrl, refusal);
        }

        if (returnUrl is null)
        {
            return (null, "This sign-in did not say which sign-in page it was for.");
        }

        var kept = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow + Lifetime, IsPersistent = false };
        kept.Items[ForPage] = returnUrl;
        await http.SignInAsync(Scheme, new ClaimsPrincipal(PersonClaims.Identify(person, Scheme)), kept);
        LogVouched(provider.Name, person.Subject, string.Join(' ', person.Roles), string.Join(' ', person.Tenants));
        return (returnUrl, null);
    }

    /// <summary>
    /// The person a provider vouched for in this browser for the sign-in page <paramref name="page"/>, not yet used
    /// to approve anything; null when none. A person kept for another page (another device's code, another
    /// authorization request: say a cookie planted from a sibling domain) is not offered here.
    /// </summary>
    public static async Task<Person?> CurrentAsync(HttpContext http, string page)
    {
        var kept = await http.AuthenticateAsync(Scheme);
        return kept.Principal is { } principal && kept.Properties?.Items.TryGetValue(ForPage, out var forPage) == true
               && string.Equals(forPage, page, StringComparison.Ordinal)
            ? PersonClaims.Read(principal)
            : null;
    }

    /// <summary>Forgets the person: one provider sign-in approves one request.</summary>
    public static Task ForgetAsync(HttpContext http) => http.SignOutAsync(Scheme);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upstream provider {Provider} vouched for {Subject} (roles {Roles}; tenants {Tenants})")]
    private partial void LogVouched(string provider, string subject, string roles, string tenants);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream provider {Provider}'s discovery document could not be read: {Error}")]
    private partial void LogDiscoveryFailed(string provider, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream provider {Provider} signed in someone this Authority refuses: {Refusal}")]
    private partial void LogRefused(string provider, string refusal);
}
