using JobEngine.Authority.Tickets;
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
/// redirected to the console with its <c>state</c>, and before the sign-in page runs.
/// </summary>
internal sealed class RequireAuthorizationRequestParameters(TicketRules rules) : IOpenIddictServerHandler<HandleAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        TokenRequestHandler.First<HandleAuthorizationRequestContext, RequireAuthorizationRequestParameters>();

    public ValueTask HandleAsync(HandleAuthorizationRequestContext context)
    {
        foreach (var name in new[] { Parameters.State, Parameters.Nonce })
        {
            if (string.IsNullOrEmpty((string?)context.Request[name]))
            {
                context.Reject(Errors.InvalidRequest, $"The '{name}' parameter is required.");
                return default;
            }
        }

        if (PersonRequestParameters.Refusal(RequestedGrant.From(context.Request), rules) is var (error, description))
        {
            context.Reject(error, description);
        }

        return default;
    }
}
