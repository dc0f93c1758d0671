using JobEngine.Core.Audit;
using Microsoft.AspNetCore.Http;

namespace JobEngine.Authority.TokenRequests;

/// <summary>Builds the ledger records of token issuances and refusals from what the request established.</summary>
internal static class TokenAuditRecords
{
    public static AuditRecord Describe(
        string tenant, TokenRequestState state, HttpRequest? http, string eventType, string description, string? newState = null)
    {
        var request = http is null ? null : RequestMetadataReader.From(http.HttpContext);
        return new(
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
            CorrelationId: request?.CorrelationId,
            HttpMethod: request?.HttpMethod,
            RequestPath: request?.RequestPath,
            SourceIp: request?.SourceIp,
            UserAgent: request?.UserAgent);
    }
}
