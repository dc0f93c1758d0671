namespace JobEngine.Core.Audit;

/// <summary>
/// What a caller asks the ledger to record; the ledger adds the entry id, sequence, time and
/// hashes when it appends.
/// </summary>
public sealed record AuditRecord(
    string TenantId,
    string EventType,
    string? ResourceType,
    string? ResourceId,
    string? ActorId,
    string? ActorType,
    string? ClientId,
    string? TokenId,
    string? OperatorReason,
    string? OperatorTicket,
    string? Comment,
    string? Description,
    string? OldState,
    string? NewState,
    string? CorrelationId,
    string? HttpMethod,
    string? RequestPath,
    string? SourceIp,
    string? UserAgent)
{
    public const string ClientActor = "client";

    /// <summary>A record of an operator action (or its denial), carrying the operator's context.</summary>
    public static AuditRecord ForOperator(
        Operators.OperatorContext by, string eventType, string resourceType, string resourceId, string description,
        string? oldState, string? newState) =>
        new(by.TenantId, eventType, resourceType, resourceId, by.ActorId, ClientActor, by.ClientId, by.TokenId,
            by.Reason.Value, by.Ticket.Value, by.Comment, description, oldState, newState,
            by.Request.CorrelationId, by.Request.HttpMethod, by.Request.RequestPath, by.Request.SourceIp, by.Request.UserAgent);
}
