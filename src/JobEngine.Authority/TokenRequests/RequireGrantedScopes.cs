using JobEngine.Authority.RelyingParties;
using JobEngine.Core.Security;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Every requested scope must be granted by one of the grantee's roles (<c>invalid_scope</c>); a relying
/// party asks who the person is and nothing else (<see cref="IdentityScopes"/>).
/// </summary>
internal sealed class RequireGrantedScopes : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = TokenRequestHandler.Rule<RequireGrantedScopes>(2);

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var state = TokenRequestState.Get(context.Transaction);
        var scopes = state.Requested.Scopes;
        if (scopes.Count == 0)
        {
            TokenRequestHandler.Refuse(context, state,
                $"The 'scope' parameter is required: request one or more of {string.Join(", ", OrchestratorScopes.All)}.", Errors.InvalidScope);
            return default;
        }

        if (state.Client.IsRelyingParty)
        {
            if (!IdentityScopes.AreOnly([.. scopes]))
            {
                TokenRequestHandler.Refuse(context, state, IdentityScopes.OnlyThese(state.Client.ClientId), Errors.InvalidScope);
                return default;
            }

            state.Scopes = scopes;
            return default;
        }

        var refused = scopes.FirstOrDefault(scope => !OrchestratorRoles.AnyGrants(state.Grantee.Roles, scope));
        if (refused is not null)
        {
            TokenRequestHandler.Refuse(context, state,
                $"The scope '{refused}' is not granted to {state.Grantee.Named} by any of its roles ({string.Join(", ", state.Grantee.Roles)}).", Errors.InvalidScope);
            return default;
        }

        state.Scopes = scopes;
        return default;
    }
}
