using System.Text.Json.Nodes;
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

    /// <summary><c>authority.token.issued</c> for an operator token, once its <c>jti</c> and expiry are known.</summary>
    public static AuditRecord Issued(TokenRequestState state, HttpRequest? http) =>
        Describe(state.Tenant ?? throw new InvalidOperationException("An issued token always has a tenant."),
            state, http, AuditEventTypes.TokenIssued,
            $"Operator token issued for scopes {string.Join(' ', state.Scopes)}",
            newState: new JsonObject
            {
                ["scope"] = string.Join(' ', state.Scopes),
                ["tenant"] = state.Tenant,
                ["expiresAt"] = state.ExpiresAt is { } expires ? AuditEntryJson.FormatTimestamp(expires) : null,
            }.Stored());
}
