using JobEngine.Core.Protocol;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// The token acts for exactly one of the grantee's tenants: the one named by <c>tenant</c>, or
/// the only one the grantee has (a client, or a person: the same rule). A refusal here is not recorded: without a tenant there is no ledger to record it in.
/// </summary>
internal sealed class RequireTenantSelection : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = TokenRequestHandler.Rule<RequireTenantSelection>(3);

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var state = TokenRequestState.Get(context.Transaction);
        var tenants = state.Grantee.Tenants;

        if (!state.Requested.TryGet(WireNames.Parameters.Tenant, out var requested, out var error))
        {
            TokenRequestHandler.Refuse(context, state, error, recorded: false);
            return default;
        }

        if (string.IsNullOrEmpty(requested))
        {
            if (tenants.Length == 1)
            {
                state.Tenant = tenants[0];
                return default;
            }

            TokenRequestHandler.Refuse(context, state, $"The 'tenant' parameter is required: {state.Grantee.Named} may act for several tenants.", recorded: false);
            return default;
        }

        if (!tenants.Contains(requested, StringComparer.Ordinal))
        {
            TokenRequestHandler.Refuse(context, state, $"The 'tenant' parameter names a tenant {state.Grantee.Named} may not act for.", recorded: false);
            return default;
        }

        state.Tenant = requested;
        return default;
    }
}
