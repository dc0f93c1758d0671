namespace JobEngine.Infrastructure.Audit;

/// <summary>Filters of an audit list; null means "any".</summary>
public sealed record AuditQuery(
    string? EventType = null,
    string? ResourceType = null,
    string? ResourceId = null,
    string? ActorId = null,
    string? OperatorTicket = null,
    string? OperatorTicketSystem = null,
    string? OperatorReasonCode = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null);
