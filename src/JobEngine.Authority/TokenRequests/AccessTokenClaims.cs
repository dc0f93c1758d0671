using JobEngine.Core.Protocol;
using JobEngine.Core.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// What an access token says about a validated request, read by both ways a token is written
/// (<see cref="IssueAccessToken"/> in OpenIddict's pipeline, <see cref="ClientCredentialsFastPath"/>
/// beside it), so the two cannot drift: the grantee, the client, the tenant, the roles that grant a
/// requested scope, the operator's justification, and how long the token lives.
/// </summary>
internal static class AccessTokenClaims
{
    /// <summary>Each claim with its value, in the order written; a role per <c>role</c> claim.</summary>
    public static IEnumerable<(string Name, string Value)> Of(TokenRequestState state)
    {
        var grantee = state.Grantee;
        yield return (Claims.Subject, grantee.Id);
        yield return (Claims.ClientId, state.Client.ClientId);
        if (grantee.IsPerson)
        {
            yield return (WireNames.Claims.ActorType, grantee.ActorType);
        }

        yield return (WireNames.Claims.Tenant, state.Tenant ?? throw new InvalidOperationException("No tenant was selected for this token request."));
        foreach (var role in grantee.Roles.Where(role => state.Scopes.Any(OrchestratorRoles.ScopesOf(role).Contains)).Order(StringComparer.Ordinal))
        {
            yield return (Claims.Role, role);
        }

        if (!state.IsOperatorRequest)
        {
            yield break;
        }

        var justification = state.Justification ?? throw new InvalidOperationException("An operator token is always justified.");
        yield return (WireNames.Claims.OperatorReason, justification.Reason.Value);
        yield return (WireNames.Claims.OperatorTicket, justification.Ticket.Value);
        if (justification.ReasonCode is { } code)
        {
            yield return (WireNames.Claims.OperatorReasonCode, code.Value);
        }

        if (justification.System is { } system)
        {
            yield return (WireNames.Claims.OperatorTicketSystem, system.Name);
            if (system.LinkTo(justification.Ticket) is { } url)
            {
                yield return (WireNames.Claims.OperatorTicketUrl, url);
            }
        }
    }

    /// <summary>The configured lifetime, shortened for an operator token.</summary>
    public static TimeSpan Lifetime(TokenRequestState state, AuthorityOptions options) => state.IsOperatorRequest
        ? TimeSpan.FromTicks(Math.Min(options.AccessTokenLifetime.Ticks, options.OperatorTokenLifetime.Ticks))
        : options.AccessTokenLifetime;
}
