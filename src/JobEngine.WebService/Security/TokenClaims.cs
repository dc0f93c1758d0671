using System.Security.Claims;
using JobEngine.Core.Audit;
using JobEngine.Core.Operators;
using JobEngine.Core.Protocol;

namespace JobEngine.WebService.Security;

/// <summary>
/// The claims of a validated access token that JobEngine acts on, read in one place. Values are
/// as the token carries them: whoever needs one valid (a tenant, a reason) checks it.
/// </summary>
internal sealed record TokenClaims(
    string? Subject, string? ClientId, string? TokenId, string? Tenant, string? OperatorReason, string? OperatorTicket, string? ActorTypeClaim,
    string? OperatorTicketSystem, string? OperatorTicketUrl, string? OperatorReasonCode)
{
    public static TokenClaims From(ClaimsPrincipal user) => new(
        Subject: user.FindFirst(WireNames.Claims.Subject)?.Value,
        ClientId: user.FindFirst(WireNames.Claims.ClientId)?.Value,
        TokenId: user.FindFirst(WireNames.Claims.TokenId)?.Value,
        Tenant: user.FindFirst(WireNames.Claims.Tenant)?.Value,
        OperatorReason: user.FindFirst(WireNames.Claims.OperatorReason)?.Value,
        OperatorTicket: user.FindFirst(WireNames.Claims.OperatorTicket)?.Value,
        ActorTypeClaim: user.FindFirst(WireNames.Claims.ActorType)?.Value,
        OperatorTicketSystem: user.FindFirst(WireNames.Claims.OperatorTicketSystem)?.Value,
        OperatorTicketUrl: user.FindFirst(WireNames.Claims.OperatorTicketUrl)?.Value,
        OperatorReasonCode: user.FindFirst(WireNames.Claims.OperatorReasonCode)?.Value);

    /// <summary>The reason code the token was issued with, when it carries a valid one.</summary>
    public OperatorReasonCode? ReasonCode =>
        Core.Operators.OperatorReasonCode.TryCreate(OperatorReasonCode, out var code, out _) ? code : null;

    /// <summary>Whether a person or a client acts: <c>user</c> only when the token says so.</summary>
    public string ActorType => ActorTypeClaim == ActorTypes.User ? ActorTypes.User : ActorTypes.Client;

    /// <summary>Who acts: the token's subject, else its client.</summary>
    public string Actor => Subject ?? ClientId ?? "";

    /// <summary>The client the token was issued to, else its subject.</summary>
    public string Client => ClientId ?? Subject ?? "";
}
