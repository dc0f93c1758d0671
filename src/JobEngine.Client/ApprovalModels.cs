using System.Text.Json;

namespace JobEngine.Client;

/// <summary>An operator action held for approval: who asked, for what, why, until when, and who approved so far.</summary>
public sealed record ApprovalRequest(
    Guid ApprovalId,
    string TenantId,
    string Action,
    string? ResourceId,
    JsonElement Arguments,
    string Status,
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
    string? DecidedBy);

/// <summary>A bulk cancel: its filter, how many jobs matched when it started and how far it got.</summary>
public sealed record BulkCancel(
    Guid BatchId,
    string TenantId,
    string? JobType,
    string? Status,
    DateTimeOffset? SubmittedBefore,
    int Max,
    int Matched,
    int Canceled,
    int Skipped,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt);

/// <summary>The action was not run: an approval policy holds it until others approve the request (HTTP 202).</summary>
public sealed class ApprovalRequiredException(ApprovalRequest request)
    : Exception($"The action is held for approval as request {request.ApprovalId}.")
{
    public ApprovalRequest Request { get; } = request;
}

internal sealed record BulkCancelBody(string? JobType, string? Status, DateTimeOffset? SubmittedBefore, int Max, string? Comment);
