using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// The token acts for exactly one of the client's tenants: the one named by <c>tenant</c>, or
/// the only one the client has.
/// </summary>
internal sealed class RequireTenantSelection : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = TokenRequestHandler.Describe<RequireTenantSelection>(3);

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var state = TokenRequestState.Get(context.Transaction);
        var tenants = state.Client.Tenants;

        if (!RequestParameters.TryGetSingle(context.Request, AuthorityConstants.Parameters.Tenant, out var requested, out var error))
        {
            context.Reject(Errors.InvalidRequest, error);
            return default;
        }

        if (string.IsNullOrEmpty(requested))
        {
            if (tenants.Length == 1)
            {
                state.Tenant = tenants[0];
                return default;
            }

            context.Reject(Errors.InvalidRequest,
                $"The 'tenant' parameter is required: client '{state.Client.ClientId}' may act for several tenants.");
            return default;
        }

        if (!tenants.Contains(requested, StringComparer.Ordinal))
        {
            context.Reject(Errors.InvalidRequest,
                $"The 'tenant' parameter names a tenant client '{state.Client.ClientId}' may not act for.");
            return default;
        }

        state.Tenant = requested;
        return default;
    }
}
