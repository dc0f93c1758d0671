using System.Text.Json;
using JobEngine.Application.Approvals;
using JobEngine.Core.Approvals;

namespace JobEngine.WebService.Approvals;

/// <summary>An approval request as served: who asked, for what exactly, why and under which ticket, until when, and who approved.</summary>
internal sealed record ApprovalResponse(
    Guid ApprovalId,
    string TenantId,
    string Action,
    string? ResourceId,
    JsonElement Arguments,
    ApprovalStatus Status,
    string RequestedBy,
    string RequesterType,
    string OperatorReason,
    string OperatorTicket,
    string? Comment,
    int MinimumApprovers,
    IReadOnlyList<string> Approvers,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy)
{
    public static ApprovalResponse From(ApprovalRequest request)
    {
        var requester = OperatorContextJson.Read(request.Requester);
        using var arguments = JsonDocument.Parse(request.Arguments);
        return new(
            request.Id, request.TenantId, request.Action, request.ResourceId, arguments.RootElement.Clone(), request.Status,
            request.RequestedBy, requester.ActorType, requester.Reason.Value, requester.Ticket.Value, requester.Comment,
            request.MinimumApprovers, request.Approvers, request.CreatedAt, request.ExpiresAt, request.DecidedAt, request.DecidedBy);
    }
}

internal sealed record ApprovalListResponse(IReadOnlyList<ApprovalResponse> Items, string? NextCursor);
