using JobEngine.Core.Protocol;
using JobEngine.Core.Security;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.Clients;

/// <summary>
/// The public clients every Authority registers, through which people sign in. They hold no role
/// and no tenant: a token issued through them carries the person's.
/// </summary>
internal static class PublicClients
{
    public static IEnumerable<OpenIddictApplicationDescriptor> All(AuthorityOptions options)
    {
        var jobctl = new OpenIddictApplicationDescriptor
        {
            ClientId = WireNames.PublicClients.Jobctl,
            ClientType = ClientTypes.Public,
            DisplayName = "jobctl",
            Permissions =
            {
                Permissions.Endpoints.DeviceAuthorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.DeviceCode,
            },
        };
        AddScopes(jobctl);
        yield return jobctl;

        var console = new OpenIddictApplicationDescriptor
        {
            ClientId = WireNames.PublicClients.Console,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "JobEngine console",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        console.RedirectUris.UnionWith(options.ConsoleRedirectUris);
        AddScopes(console);
        yield return console;
    }

    private static void AddScopes(OpenIddictApplicationDescriptor descriptor)
    {
        foreach (var scope in OrchestratorScopes.All)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        new ClientRegistration(descriptor.ClientId!, [], []).WriteTo(descriptor.Properties);
    }
}
