using JobEngine.Authority;
using JobEngine.Core.Operators;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.WebService.Operators;

/// <summary>
/// Builds the <see cref="OperatorContext"/> of an operator action from the validated token and
/// the request. A token without the operator reason and ticket cannot act, whatever its scopes.
/// </summary>
internal static class OperatorContextResolver
{
    public static (OperatorContext? Context, string? Missing) Resolve(HttpContext http, string tenantId)
    {
        var user = http.User;
        if (!OperatorReason.TryCreate(user.GetClaim(AuthorityConstants.Claims.OperatorReason), out var reason, out _))
        {
            return (null, AuthorityConstants.Claims.OperatorReason);
        }

        if (!OperatorTicket.TryCreate(user.GetClaim(AuthorityConstants.Claims.OperatorTicket), out var ticket, out _))
        {
            return (null, AuthorityConstants.Claims.OperatorTicket);
        }

        var clientId = user.GetClaim(Claims.ClientId) ?? user.GetClaim(Claims.Subject) ?? "";
        var context = new OperatorContext(
            tenantId,
            ActorId: user.GetClaim(Claims.Subject) ?? clientId,
            ClientId: clientId,
            TokenId: user.GetClaim(Claims.JwtId) ?? "",
            reason,
            ticket,
            Comment: null,
            Request: RequestMetadataReader.From(http));
        return (context, null);
    }
}
