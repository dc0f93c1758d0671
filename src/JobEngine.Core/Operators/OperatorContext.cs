namespace JobEngine.Core.Operators;

/// <summary>
/// Everything known about one operator action's author and request: who (actor, client, token),
/// why (reason, ticket, comment) and how (request metadata). Every operator action receives it,
/// and the audit ledger records it in the same transaction as the change.
/// </summary>
public sealed record OperatorContext(
    string TenantId,
    string ActorId,
    string ClientId,
    string TokenId,
    OperatorReason Reason,
    OperatorTicket Ticket,
    string? Comment,
    RequestMetadata Request);

/// <summary>Where an action came from, as the server saw it.</summary>
public sealed record RequestMetadata(
    string? CorrelationId,
    string HttpMethod,
    string RequestPath,
    string? SourceIp,
    string? UserAgent);
