using JobEngine.Core.Audit;

namespace JobEngine.Core.Operators;

/// <summary>
/// Everything known about one operator action's author and request: who (actor, client, token),
/// why (reason, ticket, comment; the ticket's system and link and the reason code, as the token
/// was stamped with them when it was issued) and how (request metadata). Every operator action
/// receives it, and the audit ledger records it in the same transaction as the change.
/// </summary>
public sealed record OperatorContext(
    string TenantId,
    string ActorId,
    string ClientId,
    string TokenId,
    OperatorReason Reason,
    OperatorTicket Ticket,
    string? Comment,
    RequestMetadata Request,
    string ActorType = ActorTypes.Client,
    string? TicketSystem = null,
    string? TicketUrl = null,
    OperatorReasonCode? ReasonCode = null)
{
    /// <summary>Set when the action runs because an approval request was approved; its entries then name requester and approvers.</summary>
    public ApprovalGrant? Approval { get; init; }

    /// <summary>Who the ledger names for this action, and why.</summary>
    public Attribution Attribution =>
        new(ActorId, ActorType, ClientId, TokenId, Reason.Value, Ticket.Value, Comment, TicketSystem, TicketUrl, ReasonCode?.Value);

    /// <summary>The attribution a resource keeps of this action, taken at <paramref name="now"/>.</summary>
    public OperatorStamp StampAt(DateTimeOffset now) => new(ActorId, Reason.Value, Ticket.Value, Timestamps.Normalize(now));
}

/// <summary>Where an action came from, as the server saw it.</summary>
public sealed record RequestMetadata(
    string? CorrelationId,
    string HttpMethod,
    string RequestPath,
    string? SourceIp,
    string? UserAgent);
