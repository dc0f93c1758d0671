using JobEngine.Core.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.Clients;

/// <summary>
/// Creates or updates the configured clients and the built-in public ones (<see cref="PublicClients"/>)
/// through OpenIddict's application manager, which stores secrets hashed. Idempotent: a client whose
/// registration already matches is left alone.
/// </summary>
public sealed partial class ClientBootstrapper(
    IOpenIddictApplicationManager applications,
    IOptions<BootstrapOptions> options,
    IOptions<AuthorityOptions> authority,
    ILogger<ClientBootstrapper> logger)
{
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        foreach (var client in options.Value.Clients)
        {
            await ApplyAsync(Describe(client), cancellationToken);
        }

        foreach (var party in options.Value.RelyingParties)
        {
            await ApplyAsync(Describe(party), cancellationToken);
        }

        foreach (var client in PublicClients.All(authority.Value))
        {
            await ApplyAsync(client, cancellationToken);
        }
    }

    private async Task ApplyAsync(OpenIddictApplicationDescriptor wanted, CancellationToken cancellationToken)
    {
        var clientId = wanted.ClientId!;
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            await applications.CreateAsync(wanted, cancellationToken);
            LogClientCreated(clientId);
            return;
        }

        var current = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(current, application, cancellationToken);

        if (await MatchesAsync(application, current, wanted, cancellationToken))
        {
            LogClientUnchanged(clientId);
            return;
        }

        await applications.UpdateAsync(application, wanted, cancellationToken);
        LogClientUpdated(clientId);
    }

    private async Task<bool> MatchesAsync(
        object application,
        OpenIddictApplicationDescriptor current,
        OpenIddictApplicationDescriptor wanted,
        CancellationToken cancellationToken)
    {
        var currentRegistration = ClientRegistration.FromProperties(current.ClientId!, current.Properties);
        var wantedRegistration = ClientRegistration.FromProperties(wanted.ClientId!, wanted.Properties);

        return current.ClientType == wanted.ClientType
            && current.DisplayName == wanted.DisplayName
            && current.Permissions.SetEquals(wanted.Permissions)
            && currentRegistration.HasSameGrants(wantedRegistration)
            && current.RedirectUris.SetEquals(wanted.RedirectUris)
            && current.Requirements.SetEquals(wanted.Requirements)
            && current.ConsentType == wanted.ConsentType
            && (wanted.ClientSecret is null || await applications.ValidateClientSecretAsync(application, wanted.ClientSecret, cancellationToken));
    }

    private static OpenIddictApplicationDescriptor Describe(BootstrapClient client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = client.DisplayName ?? client.ClientId,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
            },
        };

        foreach (var scope in OrchestratorRoles.ScopesGrantedBy(client.Roles))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        new ClientRegistration(client.ClientId, [.. client.Roles.Distinct()], [.. client.Tenants.Distinct()])
            .WriteTo(descriptor.Properties);
        return descriptor;
    }

    private static OpenIddictApplicationDescriptor Describe(BootstrapRelyingParty party)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = party.ClientId,
            ClientSecret = party.ClientSecret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = party.DisplayName ?? party.ClientId,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.RedirectUris.UnionWith(party.RedirectUris);
        new ClientRegistration(party.ClientId, [], []) { IsRelyingParty = true }.WriteTo(descriptor.Properties);
        return descriptor;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap client {ClientId} created")]
    private partial void LogClientCreated(string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap client {ClientId} updated")]
    private partial void LogClientUpdated(string clientId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bootstrap client {ClientId} unchanged")]
    private partial void LogClientUnchanged(string clientId);
}
