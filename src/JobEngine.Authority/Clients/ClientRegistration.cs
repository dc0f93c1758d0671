using System.Collections.Immutable;
using System.Text.Json;

namespace JobEngine.Authority.Clients;

/// <summary>
/// What JobEngine adds to an OpenIddict application: the roles it holds and the tenants it may
/// act for. Kept in the application's properties so that the registration is the single
/// source of every claim.
/// </summary>
public sealed record ClientRegistration(string ClientId, ImmutableArray<string> Roles, ImmutableArray<string> Tenants)
{
    internal const string RolesProperty = "jobengine:roles";
    internal const string TenantsProperty = "jobengine:tenants";
    internal const string RelyingPartyProperty = "jobengine:relying-party";

    /// <summary>
    /// Whether the client is a relying party (<see cref="RelyingParties.IdentityScopes"/>): it signs people in
    /// elsewhere with OpenID Connect and learns who they are, their roles and tenants; it never acts here.
    /// </summary>
    public bool IsRelyingParty { get; init; }

    public static ClientRegistration FromProperties(string clientId, IReadOnlyDictionary<string, JsonElement> properties) =>
        new(clientId, ReadList(properties, RolesProperty), ReadList(properties, TenantsProperty))
        {
            IsRelyingParty = properties.TryGetValue(RelyingPartyProperty, out var element) && element.ValueKind == JsonValueKind.True,
        };

    internal void WriteTo(IDictionary<string, JsonElement> properties)
    {
        properties[RolesProperty] = JsonSerializer.SerializeToElement(Roles.Order(StringComparer.Ordinal).ToArray());
        properties[TenantsProperty] = JsonSerializer.SerializeToElement(Tenants.Order(StringComparer.Ordinal).ToArray());
        if (IsRelyingParty)
        {
            properties[RelyingPartyProperty] = JsonSerializer.SerializeToElement(true);
        }
    }

    internal bool HasSameGrants(ClientRegistration other) =>
        IsRelyingParty == other.IsRelyingParty &&
        Roles.Order(StringComparer.Ordinal).SequenceEqual(other.Roles.Order(StringComparer.Ordinal)) &&
        Tenants.Order(StringComparer.Ordinal).SequenceEqual(other.Tenants.Order(StringComparer.Ordinal));

    private static ImmutableArray<string> ReadList(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var element) && element.ValueKind == JsonValueKind.Array
            ? [.. element.EnumerateArray().Select(item => item.GetString()).OfType<string>()]
            : [];
}
