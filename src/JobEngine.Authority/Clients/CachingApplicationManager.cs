using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.Clients;

/// <summary>
/// OpenIddict's application manager, with client registrations kept by <see cref="ClientRegistrationCache"/>,
/// successful secret checks remembered by <see cref="VerifiedSecretCache"/>, and the registration
/// <see cref="DecoyClient"/> checks unknown clients' secrets against.
/// </summary>
internal sealed class CachingApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    VerifiedSecretCache verified,
    ClientRegistrationCache registrations)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    public override async ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByClientIdAsync(
        string identifier, CancellationToken cancellationToken = default)
    {
        if (registrations.Find(identifier) is { } known)
        {
            return known;
        }

        var application = await base.FindByClientIdAsync(identifier, cancellationToken);
        if (application is not null)
        {
            registrations.Add(identifier, application);
        }

        return application;
    }

    public override async ValueTask UpdateAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken = default)
    {
        await base.UpdateAsync(application, cancellationToken);
        if (application.ClientId is { } clientId)
        {
            registrations.Forget(clientId);
        }
    }

    public override async ValueTask<bool> ValidateClientSecretAsync(
        OpenIddictEntityFrameworkCoreApplication application, string secret, CancellationToken cancellationToken = default)
    {
        var key = verified.KeyFor(application.ClientId, application.ClientSecret, secret);
        if (verified.Contains(key))
        {
            return true;
        }

        var valid = await base.ValidateClientSecretAsync(application, secret, cancellationToken);
        if (valid)
        {
            verified.Add(key);
        }

        return valid;
    }

    /// <summary>
    /// A confidential registration that is never stored, whose secret (random, then forgotten) is
    /// hashed as OpenIddict hashes every stored secret: checking a secret against it costs the same.
    /// </summary>
    public async ValueTask<OpenIddictEntityFrameworkCoreApplication> CreateDecoyAsync(string clientId, CancellationToken cancellationToken) => new()
    {
        ClientId = clientId,
        ClientType = ClientTypes.Confidential,
        ClientSecret = await ObfuscateClientSecretAsync(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancellationToken),
    };
}
