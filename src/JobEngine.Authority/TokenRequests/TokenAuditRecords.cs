using JobEngine.Core.Audit;
using Microsoft.AspNetCore.Http;

namespace JobEngine.Authority.TokenRequests;

/// <summary>Builds the ledger records of token issuances and refusals from what the request established.</summary>
internal static class TokenAuditRecords
{
    public static AuditRecord Describe(
        string tenant, TokenRequestState state, HttpRequest? request, string eventType, string description, string? newState = null) =>
        new(
            TenantId: tenant,
            EventType: eventType,
            ResourceType: AuditResourceTypes.Token,
            ResourceId: state.TokenId,
            ActorId: state.Client.ClientId,
            ActorType: AuditRecord.ClientActor,
            ClientId: state.Client.ClientId,
            TokenId: state.TokenId,
            OperatorReason: state.Reason?.Value,
            OperatorTicket: state.Ticket?.Value,
            Comment: null,
            Description: description,
            OldState: null,
            NewState: newState,
            CorrelationId: request?.Headers["X-Correlation-Id"].FirstOrDefault() ?? request?.HttpContext.TraceIdentifier,
            HttpMethod: request?.Method,
            RequestPath: request?.Path.Value,
            SourceIp: request?.HttpContext.Connection.RemoteIpAddress?.ToString(),
            UserAgent: request?.Headers.UserAgent.FirstOrDefault());
}
