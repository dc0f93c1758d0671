using System.Security.Claims;
using JobEngine.Core.Protocol;
using JobEngine.Core.Security;

namespace JobEngine.WebService.Console;

/// <summary>Who is signed in to the console, and what their current access token lets them do.</summary>
public sealed record ConsolePerson(
    string Subject, string ActorType, string Tenant, IReadOnlySet<string> Scopes, IReadOnlyList<string> Roles,
    string? OperatorReason, string? OperatorTicket, string? OperatorReasonCode, string? OperatorTicketSystem, DateTimeOffset ExpiresAt)
{
    public bool Can(string scope) => Scopes.Contains(scope);

    /// <summary>Whether the person's roles would grant <paramref name="scope"/> if they asked for it (with a reason and ticket).</summary>
    public bool MayRequest(string scope) => OrchestratorRoles.AnyGrants(Roles, scope);

    public static ConsolePerson From(ClaimsPrincipal user) => new(
        user.FindFirstValue(WireNames.Claims.Subject) ?? "",
        user.FindFirstValue(WireNames.Claims.ActorType) ?? "client",
        user.FindFirstValue(WireNames.Claims.Tenant) ?? "",
        user.FindAll(WireNames.Claims.Scope).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal),
        [.. user.FindAll(ConsoleClaims.Role).Select(claim => claim.Value)],
        user.FindFirstValue(WireNames.Claims.OperatorReason),
        user.FindFirstValue(WireNames.Claims.OperatorTicket),
        user.FindFirstValue(WireNames.Claims.OperatorReasonCode),
        user.FindFirstValue(WireNames.Claims.OperatorTicketSystem),
        DateTimeOffset.TryParse(user.FindFirstValue(ConsoleClaims.ExpiresAt), out var expires) ? expires : DateTimeOffset.MinValue);
}
