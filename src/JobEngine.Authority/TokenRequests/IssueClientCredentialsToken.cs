using System.Security.Claims;
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
/// Builds the access token of a validated client credentials request. Every claim comes from
/// the client's registration or from a parameter the rules above validated; nothing else the
/// client sent reaches the token.
/// </summary>
internal sealed class IssueClientCredentialsToken(IOptions<AuthorityOptions> options, TimeProvider time)
    : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        TokenRequestHandler.After<HandleTokenRequestContext, IssueClientCredentialsToken>(
            OpenIddictServerHandlers.Exchange.AttachPrincipal.Descriptor, step: 1);

    public ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        if (!context.Request.IsClientCredentialsGrantType())
        {
            return default;
        }

        var state = TokenRequestState.Get(context.Transaction);
        var clientId = state.Client.ClientId;
        var tenant = state.Tenant ?? throw new InvalidOperationException("No tenant was selected for this token request.");

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetClaim(Claims.ClientId, clientId);
        identity.SetClaim(WireNames.Claims.Tenant, tenant);
        identity.SetClaims(Claims.Role, [.. state.Client.Roles
            .Where(role => state.Scopes.Any(OrchestratorRoles.ScopesOf(role).Contains))
            .Order(StringComparer.Ordinal)]);

        var lifetime = options.Value.AccessTokenLifetime;
        if (state.IsOperatorRequest)
        {
            identity.SetClaim(WireNames.Claims.OperatorReason, state.Reason!.Value.Value);
            identity.SetClaim(WireNames.Claims.OperatorTicket, state.Ticket!.Value.Value);
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
