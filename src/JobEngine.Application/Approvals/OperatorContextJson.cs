using System.Text.Json;
using JobEngine.Core.Operators;

namespace JobEngine.Application.Approvals;

/// <summary>
/// An operator's context kept in the store (with an approval request or a bulk cancel), so that
/// the action runs later exactly as that operator's: the same actor, client, token, reason,
/// ticket, comment and request.
/// </summary>
public static class OperatorContextJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(OperatorContext by) => JsonSerializer.Serialize(new Stored(
        by.TenantId, by.ActorId, by.ActorType, by.ClientId, by.TokenId, by.Reason.Value, by.Ticket.Value, by.Comment, by.Request,
        by.Approval), Options);

    public static OperatorContext Read(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json, Options) ?? throw new InvalidOperationException("A stored operator context is empty.");
        if (!OperatorReason.TryCreate(stored.Reason, out var reason, out var reasonError)
            || !OperatorTicket.TryCreate(stored.Ticket, out var ticket, out var ticketError))
        {
            throw new InvalidOperationException("A stored operator context no longer holds a valid reason and ticket.");
        }

        return new OperatorContext(
            stored.TenantId, stored.ActorId, stored.ClientId, stored.TokenId, reason, ticket, stored.Comment, stored.Request, stored.ActorType)
        {
            Approval = stored.Approval,
        };
    }

    private sealed record Stored(
        string TenantId, string ActorId, string ActorType, string ClientId, string TokenId, string Reason, string Ticket, string? Comment,
        RequestMetadata Request, ApprovalGrant? Approval);
}
