using System.Security.Claims;
using System.Text.Json;
using JobEngine.Authority.People;
using JobEngine.Core.Security;
using JobEngine.Core.Tenants;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.Upstream;

/// <summary>
/// The person an upstream provider vouches for, as this Authority knows them: subject
/// <c>Name:sub</c>, and the JobEngine roles and tenants the provider's configured claims list. A value
/// that is not a JobEngine role or tenant is left out; a person left with none is refused.
/// </summary>
internal static class UpstreamPerson
{
    /// <summary>The person, or why the provider's answer does not make one.</summary>
    public static (Person? Person, string? Refusal) From(UpstreamProvider provider, ClaimsPrincipal vouched)
    {
        var subject = vouched.FindFirst(Claims.Subject)?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            return (null, $"{provider.Name} did not say who signed in (no 'sub' claim).");
        }

        var name = $"{provider.Name}:{subject}";
        var roles = Values(vouched, provider.RolesClaim).Where(OrchestratorRoles.IsKnown).Distinct(StringComparer.Ordinal).ToArray();
        if (roles.Length == 0)
        {
            return (null, $"{name} holds no JobEngine role in the claim '{provider.RolesClaim}' (roles: {string.Join(", ", OrchestratorRoles.All)}).");
        }

        var tenants = Values(vouched, provider.TenantsClaim).Where(tenant => TenantId.TryCreate(tenant, out _, out _)).Distinct(StringComparer.Ordinal).ToArray();
        if (tenants.Length == 0)
        {
            return (null, $"{name} has no tenant in the claim '{provider.TenantsClaim}'.");
        }

        return (new Person(name, [.. roles], [.. tenants]), null);
    }

    /// <summary>The claim's values: one claim per value, or one claim holding a JSON array, as providers send lists.</summary>
    private static IEnumerable<string> Values(ClaimsPrincipal vouched, string type)
    {
        foreach (var claim in vouched.FindAll(type))
        {
            if (claim.Value.StartsWith('['))
            {
                string[]? values = null;
                try
                {
                    values = JsonSerializer.Deserialize<string[]>(claim.Value);
                }
                catch (JsonException)
                {
                    // Not a list of strings: it lists nothing, and a person left without roles or tenants is refused.
                }

                foreach (var value in values ?? [])
                {
                    yield return value;
                }
            }
            else
            {
                yield return claim.Value;
            }
        }
    }
}
