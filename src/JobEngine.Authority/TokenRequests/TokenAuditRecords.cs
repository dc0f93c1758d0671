using JobEngine.Core.Audit;
using Microsoft.AspNetCore.Http;

namespace JobEngine.Authority.TokenRequests;

/// <summary>Builds the ledger records of token issuances and refusals from what the request established.</summary>
internal static class TokenAuditRecords
{
    public static AuditRecord Describe(
        string tenant, TokenRequestState state, HttpRequest? http, string eventType, string description, string? newState = null)
    {
        var justification = state.Justification;
        var by = new Attribution(
            state.Grantee.Id, state.Grantee.ActorType, state.Client.ClientId, state.TokenId,
            justification?.Reason.Value, justification?.Ticket.Value,
            OperatorTicketSystem: justification?.System?.Name,
            TicketUrl: justification?.System?.LinkTo(justification.Ticket),
            OperatorReasonCode: justification?.ReasonCode?.Value);
        return AuditRecord.Create(tenant, eventType, by, http is null ? null : RequestMetadataReader.From(http.HttpContext)) with
        {
            ResourceType = AuditResourceTypes.Token,
            ResourceId = state.TokenId,
            Description = description,
            NewState = newState,
        };
    }
}
