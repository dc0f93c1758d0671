using System.Security.Claims;
using JobEngine.Authority.TokenRequests;
using JobEngine.Core.Audit;
using JobEngine.Core.Protocol;
using JobEngine.Core.Security;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.Authority.People;

/// <summary>
/// The principal a person's approval leaves on a device code or authorization code: who they are, the roles and tenants
/// they held when they signed in, and what the device asked for. The access token is built from it
/// later, by the same rules as a client's (<see cref="IssueAccessToken"/>); nothing here reaches a
/// token as it is.
/// </summary>
internal static class PersonClaims
{
    private const string Tenant = "jobengine_person_tenant";

    /// <summary>The parameters a device or the console asked for that the code carries to the token endpoint.</summary>
    public static readonly string[] Requested =
        [WireNames.Parameters.Tenant, WireNames.Parameters.OperatorReason, WireNames.Parameters.OperatorTicket, WireNames.Parameters.OperatorReasonCode];

    /// <summary>
    /// The approval of <paramref name="requested"/> by <paramref name="person"/>. With
    /// <paramref name="grantWhatRolesAllow"/>, scopes the person's roles do not grant are left out, unless none would
    /// remain; operator scopes are never left out, since the person asked for them with a reason and a ticket, and
    /// the token endpoint refuses them by name.
    /// </summary>
    public static ClaimsPrincipal Approve(Person person, RequestedGrant requested, bool grantWhatRolesAllow = false)
    {
        var identity = Identify(person, TokenValidationParameters.DefaultAuthenticationType);
        requested.StampOn(identity, Requested);
        identity.SetScopes(grantWhatRolesAllow ? Allowed(person, requested.Scopes) : requested.Scopes);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Who <paramref name="person"/> is, their roles and tenants: what <see cref="Read"/> reads back.</summary>
    public static ClaimsIdentity Identify(Person person, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject);
        identity.SetClaim(WireNames.Claims.ActorType, ActorTypes.User);
        identity.SetClaims(Claims.Role, person.Roles);
        identity.SetClaims(Tenant, person.Tenants);
        return identity;
    }

    private static IReadOnlyList<string> Allowed(Person person, IReadOnlyList<string> scopes)
    {
        var allowed = scopes
            .Where(scope => OrchestratorScopes.RequiresOperatorJustification(scope) || OrchestratorRoles.AnyGrants(person.Roles, scope))
            .ToList();
        return allowed.Count > 0 ? allowed : scopes;
    }

    /// <summary>The person an approved code names, as they were when they approved it; null on any other principal.</summary>
    public static Person? Read(ClaimsPrincipal code) =>
        code.GetClaim(WireNames.Claims.ActorType) == ActorTypes.User && code.GetClaim(Claims.Subject) is { Length: > 0 } subject
            ? new Person(subject, code.GetClaims(Claims.Role), code.GetClaims(Tenant))
            : null;
}
