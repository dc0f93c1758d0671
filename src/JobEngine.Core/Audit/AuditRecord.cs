using System.Text.Json.Nodes;
using JobEngine.Core.Operators;

namespace JobEngine.Core.Audit;

/// <summary>
/// What a caller asks the ledger to record: the event, the resource, who acted and why, the
/// states before and after, and the request it came with. The ledger seals it into an
/// <see cref="AuditEntry"/> by adding the entry id, sequence, time and hashes.
/// </summary>
public record AuditRecord
{
    public required string TenantId { get; init; }
    public required string EventType { get; init; }
    public string? ResourceType { get; init; }
    public string? ResourceId { get; init; }
    public string? ActorId { get; init; }
    public string? ActorType { get; init; }
    public string? ClientId { get; init; }
    public string? TokenId { get; init; }
    public string? OperatorReason { get; init; }
    public string? OperatorTicket { get; init; }

    /// <summary>The ticket system the ticket belongs to; absent (not null) from entries without one.</summary>
    public string? OperatorTicketSystem { get; init; }

    /// <summary>The link to the ticket in its system; absent (not null) from entries without one.</summary>
    public string? TicketUrl { get; init; }

    /// <summary>The kind of reason (<see cref="Operators.OperatorReasonCode"/>); absent (not null) from entries without one.</summary>
    public string? OperatorReasonCode { get; init; }

    public string? Comment { get; init; }
    public string? Description { get; init; }

    /// <summary>The resource's state before the event, as canonical JSON object text (see <see cref="AuditStates"/>).</summary>
    public string? OldState { get; init; }

    /// <summary>The resource's state after the event, as canonical JSON object text.</summary>
    public string? NewState { get; init; }

    public string? CorrelationId { get; init; }
    public string? HttpMethod { get; init; }
    public string? RequestPath { get; init; }
    public string? SourceIp { get; init; }
    public string? UserAgent { get; init; }

    /// <summary>The approval request an action ran under (omitted from entries without one, as the members below).</summary>
    public string? ApprovalId { get; init; }

    /// <summary>Who asked for an action that ran once others approved it.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>Who approved the action (or, on <c>approval.approved</c>, has approved it so far), as canonical JSON array text.</summary>
    public string? Approvers { get; init; }

    /// <summary>The bulk action an entry belongs to: its summary and every job it changed share it.</summary>
    public string? BatchId { get; init; }

    /// <summary>
    /// The one way to start a record: an event of a tenant, attributed to who acted and why, with
    /// the request it came with (none for work the server does on its own). The event's details
    /// (resource, description, states) are added with <c>with</c>.
    /// </summary>
    public static AuditRecord Create(string tenantId, string eventType, Attribution by, RequestMetadata? request) => new()
    {
        TenantId = tenantId,
        EventType = eventType,
        ActorId = by.ActorId,
        ActorType = by.ActorType,
        ClientId = by.ClientId,
        TokenId = by.TokenId,
        OperatorReason = by.OperatorReason,
        OperatorTicket = by.OperatorTicket,
        OperatorTicketSystem = by.OperatorTicketSystem,
        TicketUrl = by.TicketUrl,
        OperatorReasonCode = by.OperatorReasonCode,
        Comment = by.Comment,
        CorrelationId = request?.CorrelationId,
        HttpMethod = request?.HttpMethod,
        RequestPath = request?.RequestPath,
        SourceIp = request?.SourceIp,
        UserAgent = request?.UserAgent,
    };

    /// <summary>An operator action on a resource, with its state before and after.</summary>
    public static AuditRecord ForOperator(
        OperatorContext by, string eventType, string resourceType, string resourceId, string description,
        string? oldState, string? newState) =>
        Create(by.TenantId, eventType, by.Attribution, by.Request) with
        {
            ResourceType = resourceType,
            ResourceId = resourceId,
            Description = description,
            OldState = oldState,
            NewState = newState,
            ApprovalId = by.Approval?.ApprovalId.ToString("D"),
            RequestedBy = by.Approval?.RequestedBy,
            Approvers = by.Approval is { } approval ? ListOf(approval.Approvers) : null,
        };

    /// <summary>Names as the ledger stores a list of them: canonical JSON array text.</summary>
    public static string ListOf(IEnumerable<string> names) =>
        JsonCanonicalizer.ToText(new JsonArray([.. names.Select(name => (JsonNode?)JsonValue.Create(name))]));
}
