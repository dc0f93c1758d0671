using JobEngine.Authority.People;
using JobEngine.Core.Security;
using JobEngine.Core.Tenants;

namespace JobEngine.Authority.Upstream;

/// <summary>
/// An OpenID Connect provider people may sign in through (<c>JobEngine:Authority:Upstream:N</c>): this
/// Authority is its confidential client, and maps the roles and tenants of the person it vouches for
/// from the claims named here. The person's subject here is <c>Name:sub</c>.
/// </summary>
public sealed class UpstreamProvider
{
    /// <summary>The callback every provider sends people back to, registered at each provider as this Authority's redirect URI.</summary>
    public const string CallbackPath = "/connect/upstream/callback";

    public string Name { get; set; } = "";

    public Uri? Issuer { get; set; }

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The claim (of the ID token or userinfo) listing the tenants the person may act for.</summary>
    public string TenantsClaim { get; set; } = "";

    /// <summary>The claim listing the person's JobEngine roles.</summary>
    public string RolesClaim { get; set; } = "";

    /// <summary>The only tenants this provider may vouch for; none: any tenant its claim lists.</summary>
    public List<string> Tenants { get; set; } = [];

    /// <summary>The only roles this provider may grant; none: any JobEngine role its claim lists.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Whether this provider may grant <paramref name="role"/>: it is in <see cref="Roles"/>, or none is listed.</summary>
    public bool MayGrant(string role) => Roles.Count == 0 || Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Whether this provider may vouch for a person of <paramref name="tenant"/>: it is in <see cref="Tenants"/>, or none is listed.</summary>
    public bool MayVouchFor(string tenant) => Tenants.Count == 0 || Tenants.Contains(tenant, StringComparer.Ordinal);

    /// <summary>This Authority's redirect URI at the provider: the callback beneath <paramref name="issuer"/>.</summary>
    public static Uri RedirectUri(Uri issuer) =>
        new(issuer.AbsoluteUri.EndsWith('/') ? issuer : new Uri(issuer.AbsoluteUri + "/"), CallbackPath.TrimStart('/'));

    /// <summary>What is wrong with the provider at <paramref name="key"/>, one message per setting.</summary>
    internal IEnumerable<string> Problems(string key)
    {
        if (!PersonName.IsValid(Name))
        {
            yield return $"{key}:Name '{Name}' {PersonName.Rule} (it names the provider in its people's subjects, before a ':').";
        }
        else if (string.Equals(Name, CallbackPath[(CallbackPath.LastIndexOf('/') + 1)..], StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{key}:Name '{Name}' is taken by the providers' callback ({CallbackPath}).";
        }

        // Over plain http anyone on the path could forge the provider's keys and so any person; loopback never leaves the machine.
        if (Issuer is not { IsAbsoluteUri: true } || !(Issuer.Scheme == Uri.UriSchemeHttps || (Issuer.Scheme == Uri.UriSchemeHttp && Issuer.IsLoopback)))
        {
            yield return $"{key}:Issuer must be the provider's absolute https issuer URL (plain http only on loopback).";
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return $"{key}:ClientId is required: the client this Authority is registered as at the provider.";
        }

        if (string.IsNullOrEmpty(ClientSecret))
        {
            yield return $"{key}:ClientSecret is required: this Authority signs in at the provider as a confidential client.";
        }

        if (string.IsNullOrWhiteSpace(TenantsClaim))
        {
            yield return $"{key}:TenantsClaim must name the claim that lists a person's tenants.";
        }

        if (string.IsNullOrWhiteSpace(RolesClaim))
        {
            yield return $"{key}:RolesClaim must name the claim that lists a person's roles.";
        }

        foreach (var tenant in Tenants.Where(tenant => !TenantId.TryCreate(tenant, out _, out _)))
        {
            yield return $"{key}:Tenants: '{tenant}' is not a tenant id.";
        }

        foreach (var role in Roles.Where(role => !OrchestratorRoles.IsKnown(role)))
        {
            yield return $"{key}:Roles: '{role}' is not a role; use one of {string.Join(", ", OrchestratorRoles.All)}.";
        }
    }
}
