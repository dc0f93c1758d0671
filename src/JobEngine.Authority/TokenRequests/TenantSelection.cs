namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Which tenant a token acts for: the one <c>tenant</c> names, or the grantee's only one. One rule for
/// clients and people, checked at the token endpoint and, for a person, already on the sign-in page.
/// </summary>
internal static class TenantSelection
{
    /// <summary>The tenant, or why none can be chosen.</summary>
    public static (string? Tenant, string? Refusal) Choose(Grantee grantee, string? requested)
    {
        if (string.IsNullOrEmpty(requested))
        {
            return grantee.Tenants.Length == 1
                ? (grantee.Tenants[0], null)
                : (null, $"The 'tenant' parameter is required: {grantee.Named} may act for several tenants.");
        }

        return grantee.Tenants.Contains(requested, StringComparer.Ordinal)
            ? (requested, null)
            : (null, $"The 'tenant' parameter names a tenant {grantee.Named} may not act for.");
    }
}
