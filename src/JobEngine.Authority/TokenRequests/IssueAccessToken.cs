using System.Security.Claims;
using JobEngine.Authority.RelyingParties;
using JobEngine.Core.Protocol;
using JobEngine.Core.Security;
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

        var grantee = state.Grantee;
        var tenant = state.Tenant ?? throw new InvalidOperationException("No tenant was selected for this token request.");

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, grantee.Id);
        identity.SetClaim(Claims.ClientId, state.Client.ClientId);
        if (grantee.IsPerson)
        {
            identity.SetClaim(WireNames.Claims.ActorType, grantee.ActorType);
        }

        identity.SetClaim(WireNames.Claims.Tenant, tenant);
        identity.SetClaims(Claims.Role, [.. grantee.Roles
            .Where(role => state.Scopes.Any(OrchestratorRoles.ScopesOf(role).Contains))
            .Order(StringComparer.Ordinal)]);

        var lifetime = options.Value.AccessTokenLifetime;
        if (state.IsOperatorRequest)
        {
            var justification = state.Justification ?? throw new InvalidOperationException("An operator token is always justified.");
            identity.SetClaim(WireNames.Claims.OperatorReason, justification.Reason.Value);
            identity.SetClaim(WireNames.Claims.OperatorTicket, justification.Ticket.Value);
            identity.SetClaim(WireNames.Claims.OperatorReasonCode, justification.ReasonCode?.Value);
            identity.SetClaim(WireNames.Claims.OperatorTicketSystem, justification.System?.Name);
            identity.SetClaim(WireNames.Claims.OperatorTicketUrl, justification.System?.LinkTo(justification.Ticket));
            lifetime = TimeSpan.FromTicks(Math.Min(lifetime.Ticks, options.Value.OperatorTokenLifetime.Ticks));
        }

        identity.SetScopes(state.Scopes);
        identity.SetAudiences(WireNames.Audience);
        identity.SetDestinations(static _ => [Destinations.AccessToken]);

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
