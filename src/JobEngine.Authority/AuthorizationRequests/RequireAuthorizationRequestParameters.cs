using JobEngine.Authority.Clients;
using JobEngine.Authority.RelyingParties;
using JobEngine.Authority.Tickets;
using JobEngine.Core.Security;
using OpenIddict.Abstractions;
using JobEngine.Authority.TokenRequests;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.AuthorizationRequests;

/// <summary>
/// The console's authorization request carries <c>state</c> and <c>nonce</c> (which the console
/// checks when it comes back), and its token's scopes, tenant and operator parameters
/// (<see cref="PersonRequestParameters"/>). OpenIddict has already matched the redirect URI exactly
/// and required a PKCE S256 challenge (refusing otherwise on its own page, as it refuses every
/// request it cannot trust to redirect). Checked once the request is valid, so that the refusal is
/// redirected to the console with its <c>state</c>, and before the sign-in page runs. A relying
/// party's request asks who the person is and nothing else (<see cref="IdentityScopes"/>), and only a
/// relying party's may.
/// </summary>
internal sealed class RequireAuthorizationRequestParameters(TicketRules rules, IOpenIddictApplicationManager applications)
    : IOpenIddictServerHandler<HandleAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        TokenRequestHandler.First<HandleAuthorizationRequestContext, RequireAuthorizationRequestParameters>();

    public async ValueTask HandleAsync(HandleAuthorizationRequestContext context)
    {
        foreach (var name in new[] { Parameters.State, Parameters.Nonce })
        {
            if (string.IsNullOrEmpty((string?)context.Request[name]))
            {
                context.Reject(Errors.InvalidRequest, $"The '{name}' parameter is required.");
                return;
            }
        }

        var requested = RequestedGrant.From(context.Request);
        var clientId = context.ClientId ?? throw new InvalidOperationException("OpenIddict validated the client before this handler.");
        var application = await applications.FindByClientIdAsync(clientId)
            ?? throw new InvalidOperationException($"The validated client '{clientId}' has no registration.");
        var client = ClientRegistration.FromProperties(clientId, await applications.GetPropertiesAsync(application));
        if (client.IsRelyingParty ? !IdentityScopes.AreOnly([.. requested.Scopes]) : IdentityScopes.AnyIn(requested.Scopes))
        {
            context.Reject(Errors.InvalidScope, client.IsRelyingParty
                ? IdentityScopes.OnlyThese(clientId)
                : $"The client '{clientId}' asks for tokens that act here, not who the person is: request one or more of {string.Join(", ", OrchestratorScopes.All)}.");
            return;
        }

        if (!client.IsRelyingParty && PersonRequestParameters.Refusal(requested, rules) is var (error, description))
        {
            context.Reject(error, description);
        }
    }
}
