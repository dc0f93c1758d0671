using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.Json;
using JobEngine.Authority.Clients;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// A client registration as <see cref="ClientCredentialsFastPath"/> asks it: read once per
/// registration OpenIddict loaded (and <see cref="ClientRegistrationCache"/> keeps), not per request.
/// </summary>
internal sealed class FastPathClient
{
    private static readonly ConditionalWeakTable<OpenIddictEntityFrameworkCoreApplication, FastPathClient> Read = new();

    private readonly FrozenSet<string> _permissions;

    private FastPathClient(OpenIddictEntityFrameworkCoreApplication application)
    {
        var properties = string.IsNullOrEmpty(application.Properties)
            ? new Dictionary<string, JsonElement>()
            : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(application.Properties) ?? [];
        Registration = ClientRegistration.FromProperties(application.ClientId!, properties);
        IsConfidential = application.ClientType == ClientTypes.Confidential && !string.IsNullOrEmpty(application.ClientSecret);
        _permissions = (string.IsNullOrEmpty(application.Permissions)
            ? [] : JsonSerializer.Deserialize<string[]>(application.Permissions) ?? []).ToFrozenSet(StringComparer.Ordinal);
    }

    public ClientRegistration Registration { get; }

    public bool IsConfidential { get; }

    /// <summary>What OpenIddict checks before a client credentials grant: the endpoint, the grant type and each scope permitted.</summary>
    public bool MayRequest(IEnumerable<string> scopes) =>
        _permissions.Contains(Permissions.Endpoints.Token)
        && _permissions.Contains(Permissions.GrantTypes.ClientCredentials)
        && scopes.All(scope => _permissions.Contains(Permissions.Prefixes.Scope + scope));

    public static FastPathClient Of(OpenIddictEntityFrameworkCoreApplication application) =>
        Read.GetValue(application, static application => new FastPathClient(application));
}
