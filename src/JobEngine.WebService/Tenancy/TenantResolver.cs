using System.Security.Claims;
using JobEngine.Core.Protocol;
using JobEngine.Core.Tenants;
using JobEngine.WebService.Security;

namespace JobEngine.WebService.Tenancy;

/// <summary>
/// The tenant of a request is the token's <c>tenant</c> claim, nothing else. A request may
/// name its tenant in <c>X-Tenant-Id</c> as a safety check; if it differs, the request is refused.
/// </summary>
internal sealed class TenantResolver
{
    public const string HeaderName = WireNames.Headers.Tenant;

    public TenantResolution Resolve(ClaimsPrincipal user, IHeaderDictionary headers)
    {
        var claimed = TokenClaims.From(user).Tenant;
        if (!TenantId.TryCreate(claimed, out var tenant, out _))
        {
            return TenantResolution.Refused("The token carries no valid 'tenant' claim.");
        }

        if (headers.TryGetValue(HeaderName, out var sent) && (sent.Count != 1 || sent[0] != tenant.Value))
        {
            return TenantResolution.Refused($"The {HeaderName} header does not match the token's tenant.");
        }

        return new TenantResolution(tenant.Value, null);
    }
}

internal sealed record TenantResolution(string? TenantId, string? Refusal)
{
    public static TenantResolution Refused(string why) => new(null, why);
}
