using JobEngine.Core.Protocol;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// The token acts for exactly one of the grantee's tenants: the one named by <c>tenant</c>, or
/// the only one the grantee has (a client, or a person: the same rule); a relying party's token acts for none. A refusal here is not recorded: without a tenant there is no ledger to record it in.
/// </summary>
internal sealed class RequireTenantSelection : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = TokenRequestHandler.Rule<RequireTenantSelection>(3);

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var state = TokenRequestState.Get(context.Transaction);
        if (state.Client.IsRelyingParty)
        {
            // Its ID token lists every tenant of the person; its access token acts for none.
            return default;
        }

        if (!state.Requested.TryGet(WireNames.Parameters.Tenant, out var requested, out var error))
        {
            TokenRequestHandler.Refuse(context, state, error, recorded: false);
            return default;
        }

        var (tenant, refusal) = TenantSelection.Choose(state.Grantee, requested);
        if (refusal is not null)
        {
            TokenRequestHandler.Refuse(context, state, refusal, recorded: false);
            return default;
        }

        state.Tenant = tenant;
        return default;
    }
}
