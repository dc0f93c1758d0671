using JobEngine.Authority.Tickets;
using JobEngine.Core.Protocol;
using JobEngine.Core.Security;
using JobEngine.Core.Tenants;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// What a person's device authorization request or authorization request must carry before anyone
/// is asked to sign in: a scope, a well-formed tenant if any, and the operator parameters by the
/// rules a client's token request meets (<see cref="OperatorJustification"/>), so that a person
/// never approves a request that could not be issued for want of a reason or ticket. A ticket is
/// checked against the ticket systems of the tenant the request names; the ticket system itself is
/// asked only at the token endpoint, once the person and the tenant are known (docs/tickets.md).
/// </summary>
internal static class PersonRequestParameters
{
    /// <summary>The OAuth error and its description, or null when the request may go on.</summary>
    public static (string Error, string Description)? Refusal(RequestedGrant requested, TicketRules rules)
    {
        if (requested.Scopes.Count == 0)
        {
            return (Errors.InvalidScope, $"The 'scope' parameter is required: request one or more of {string.Join(", ", OrchestratorScopes.All)}.");
        }

        if (!requested.TryGet(WireNames.Parameters.Tenant, out var tenant, out var error))
        {
            return (Errors.InvalidRequest, error);
        }

        if (tenant is not null && !TenantId.TryCreate(tenant, out _, out error))
        {
            return (Errors.InvalidRequest, $"The 'tenant' parameter {error}.");
        }

        var operatorScope = requested.Scopes.Any(OrchestratorScopes.RequiresOperatorJustification);
        return OperatorJustification.TryRead(requested, operatorScope, tenant, rules, out _, out error) ? null : (Errors.InvalidRequest, error);
    }
}
