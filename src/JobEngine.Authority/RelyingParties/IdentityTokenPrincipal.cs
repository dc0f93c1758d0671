using System.Security.Claims;
using JobEngine.Authority.TokenRequests;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.RelyingParties;

/// <summary>
/// What a relying party's code is redeemed for: an ID token naming the person (<c>sub</c>, <c>name</c>),
/// every role and tenant they hold, and the request's <c>nonce</c>; and the access token OpenID Connect
/// requires beside it, addressed to the relying party itself, so that the API refuses it.
/// </summary>
internal static class IdentityTokenPrincipal
{
    public static ClaimsPrincipal For(TokenRequestState state, ClaimsPrincipal? code)
    {
        var person = state.Grantee;
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Id);
        identity.SetClaim(Claims.Name, person.Id);
        identity.SetClaims(IdentityScopes.RolesClaim, [.. person.Roles.Order(StringComparer.Ordinal)]);
        identity.SetClaims(IdentityScopes.TenantsClaim, [.. person.Tenants.Order(StringComparer.Ordinal)]);
        identity.SetClaim(Claims.Private.Nonce, code?.GetClaim(Claims.Private.Nonce));
        identity.SetScopes(state.Scopes);
        identity.SetAudiences(state.Client.ClientId);
        identity.SetDestinations(static claim => claim.Type switch
        {
            Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Name or IdentityScopes.RolesClaim or IdentityScopes.TenantsClaim => [Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }
}
