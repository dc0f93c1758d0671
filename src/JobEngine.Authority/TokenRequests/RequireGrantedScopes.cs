using JobEngine.Core.Security;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>Every requested scope must be granted by one of the client's roles (<c>invalid_scope</c>).</summary>
internal sealed class RequireGrantedScopes : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = TokenRequestHandler.Rule<RequireGrantedScopes>(2);

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var state = TokenRequestState.Get(context.Transaction);
        var scopes = context.Request.GetScopes().ToList();
        if (scopes.Count == 0)
        {
            TokenRequestHandler.Refuse(context, state,
                $"The 'scope' parameter is required: request one or more of {string.Join(", ", OrchestratorScopes.All)}.", Errors.InvalidScope);
            return default;
        }

        var refused = scopes.FirstOrDefault(scope => !OrchestratorRoles.AnyGrants(state.Client.Roles, scope));
        if (refused is not null)
        {
            TokenRequestHandler.Refuse(context, state,
                $"The scope '{refused}' is not granted to client '{state.Client.ClientId}' by any of its roles ({string.Join(", ", state.Client.Roles)}).", Errors.InvalidScope);
            return default;
        }

        state.Scopes = scopes;
        return default;
    }
}
