using System.Text.Json;
using System.Text.Json.Serialization;
using JobEngine.Core.Jobs;

namespace JobEngine.WebService.Jobs;

/// <summary>A submission. Unknown members (tenant, status, attribution…) are refused, never applied.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record SubmitJobRequest(
    string? JobType,
    JsonElement Payload,
    int? Priority,
    int? MaxAttempts,
    string? IdempotencyKey,
    DateTimeOffset? NotBefore);

internal sealed record JobResponse(
    Guid JobId,
    string TenantId,
    string JobType,
    JobStatus Status,
    JsonElement Payload,
    string PayloadSha256,
    int Priority,
    int MaxAttempts,
    int Attempts,
    string? IdempotencyKey,
    DateTimeOffset? NotBefore,
    string SubmittedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? WorkerId,
    DateTimeOffset? LeaseUntil,
    string? LastError,
    JsonElement? Result,
    DateTimeOffset? FinishedAt,
    string? CanceledBy,
    string? CancelReason,
    string? CancelTicket,
    DateTimeOffset? CanceledAt,
    string? RetriedBy,
    string? RetryReason,
    string? RetryTicket,
    DateTimeOffset? RetriedAt)
{
    public static JobResponse From(Job job) => new(
        job.Id, job.TenantId, job.JobType, job.Status, Parse(job.Payload), job.PayloadSha256, job.Priority,
        job.MaxAttempts, job.Attempts, job.IdempotencyKey, job.NotBefore, job.SubmittedBy, job.CreatedAt, job.UpdatedAt,
        job.WorkerId, job.LeaseUntil, job.LastError, job.Result is null ? null : Parse(job.Result), job.FinishedAt,
        job.Canceled?.By, job.Canceled?.Reason, job.Canceled?.Ticket, job.Canceled?.At,
        job.Retried?.By, job.Retried?.Reason, job.Retried?.Ticket, job.Retried?.At);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

internal sealed record JobListResponse(IReadOnlyList<JobResponse> Items, string? NextCursor);
