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
/// that is not a JobEngine role or tenant, or not one the provider may vouch for (its <c>Roles</c> and
/// <c>Tenants</c> settings), is left out; a person left with none is refused.
/// </summary>
internal static class UpstreamPerson
{
    /// <summary>The longest subject an actor may have in the ledger and the store.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>The person, or why the provider's answer does not make one.</summary>
    public static (Person? Person, string? Refusal) From(UpstreamProvider provider, ClaimsPrincipal vouched)
    {
        var subject = vouched.FindFirst(Claims.Subject)?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            return (null, $"{provider.Name} did not say who signed in (no 'sub' claim).");
        }

        var name = $"{provider.Name}:{subject}";
        if (name.Length > MaxSubjectLength || !subject.All(character => character is > ' ' and <= '~'))
        {
            return (null, $"{provider.Name}'s subject for this person cannot name an actor here: at most {MaxSubjectLength} characters with the provider's name, printable ASCII without spaces.");
        }

        var roles = Values(vouched, provider.RolesClaim)
            .Where(role => OrchestratorRoles.IsKnown(role) && provider.MayGrant(role))
            .Distinct(StringComparer.Ordinal).ToArray();
        if (roles.Length == 0)
        {
            return (null, $"{name} holds no JobEngine role in the claim '{provider.RolesClaim}'{Among(provider.Roles)}.");
        }

        var tenants = Values(vouched, provider.TenantsClaim)
            .Where(tenant => TenantId.TryCreate(tenant, out _, out _) && provider.MayVouchFor(tenant))
            .Distinct(StringComparer.Ordinal).ToArray();
        if (tenants.Length == 0)
        {
            return (null, $"{name} has no tenant in the claim '{provider.TenantsClaim}'{Among(provider.Tenants)}.");
        }

        return (new Person(name, [.. roles], [.. tenants]), null);
    }

    /// <summary>
    /// The person as the configuration lets their provider vouch for them now, when their code is redeemed: null
    /// once the provider is gone or leaves them no role or tenant, like a local user read again.
    /// </summary>
    public static Person? AsConfiguredNow(Person approved, IReadOnlyList<UpstreamProvider> providers)
    {
        var name = approved.Subject[..approved.Subject.IndexOf(':', StringComparison.Ordinal)];
        if (providers.FirstOrDefault(provider => string.Equals(provider.Name, name, StringComparison.Ordinal)) is not { } provider)
        {
            return null;
        }

        var roles = approved.Roles.Where(provider.MayGrant).ToArray();
        var tenants = approved.Tenants.Where(provider.MayVouchFor).ToArray();
        return roles.Length > 0 && tenants.Length > 0 ? approved with { Roles = [.. roles], Tenants = [.. tenants] } : null;
    }

    private static string Among(List<string> allowed) =>
        allowed.Count == 0 ? "" : $" among those {string.Join(", ", allowed)} this provider may vouch for";

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
