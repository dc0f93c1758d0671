using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.RelyingParties;

/// <summary>
/// What a relying party may ask for: who the person is (OpenID Connect's <c>openid</c>, and <c>profile</c>
/// for their name), which its ID token answers with their subject, roles and tenants. Only relying
/// parties ask for these, and they ask for nothing else: their tokens act nowhere.
/// </summary>
internal static class IdentityScopes
{
    public static readonly string[] All = [Scopes.OpenId, Scopes.Profile];

    /// <summary>The ID token's claims listing the person's roles and tenants (the names an upstream provider's settings point at).</summary>
    public const string RolesClaim = "roles";

    public const string TenantsClaim = "tenants";

    /// <summary>Whether <paramref name="scopes"/> ask who a person is and nothing else.</summary>
    public static bool AreOnly(IReadOnlyCollection<string> scopes) =>
        scopes.Contains(Scopes.OpenId, StringComparer.Ordinal) && scopes.All(scope => All.Contains(scope, StringComparer.Ordinal));

    public static bool AnyIn(IEnumerable<string> scopes) => scopes.Any(scope => All.Contains(scope, StringComparer.Ordinal));

    /// <summary>The refusal of anything else a relying party asks for.</summary>
    public static string OnlyThese(string clientId) =>
        $"The client '{clientId}' signs people in with OpenID Connect: request 'openid' (and 'profile'), nothing else.";
}
