using System.Security.Claims;
using JobEngine.Authority.RelyingParties;
using JobEngine.Core.Protocol;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Builds the access token of a validated request: a client's (client credentials) or a person's
/// (device code). Every claim comes from the grantee's registration or from a parameter the rules
/// above validated; nothing else the client sent reaches the token. A person's token names them in
/// <c>sub</c>, the public client in <c>client_id</c>, and says <c>actor_type</c> = <c>user</c>. It is
/// never accompanied by a refresh token: no grant here asks for <c>offline_access</c>. A relying party's
/// code is redeemed for an ID token instead (<see cref="IdentityTokenPrincipal"/>).
/// </summary>
internal sealed class IssueAccessToken(IOptions<AuthorityOptions> options, TimeProvider time)
    : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        TokenRequestHandler.After<HandleTokenRequestContext, IssueAccessToken>(
            OpenIddictServerHandlers.Exchange.AttachPrincipal.Descriptor, step: 1);

    public ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        if (TokenRequestState.Find(context.Transaction) is not { } state)
        {
            return default;
        }

        if (state.Client.IsRelyingParty)
        {
            state.ExpiresAt = time.GetUtcNow() + options.Value.AccessTokenLifetime;
            context.SignIn(IdentityTokenPrincipal.For(state, context.Principal));
            return default;
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        foreach (var (name, value) in AccessTokenClaims.Of(state))
        {
            identity.AddClaim(new Claim(name, value));
        }

        identity.SetScopes(state.Scopes);
        identity.SetAudiences(WireNames.Audience);
        identity.SetDestinations(static _ => [Destinations.AccessToken]);

        var lifetime = AccessTokenClaims.Lifetime(state, options.Value);
        var principal = new ClaimsPrincipal(identity);
        principal.SetAccessTokenLifetime(lifetime);
        state.ExpiresAt = time.GetUtcNow() + lifetime;

        // The token response carries 'scope' always, not only when it differs from the request.
        context.SignIn(principal, new Dictionary<string, OpenIddictParameter>
        {
            [Parameters.Scope] = string.Join(' ', state.Scopes),
        });
        return default;
    }
}
