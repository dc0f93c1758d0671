using System.Text.Json.Serialization;
using JobEngine.Core.Jobs;
using JobEngine.WebService.Operators;

namespace JobEngine.WebService.Jobs;

/// <summary>A bulk cancel's filter and its required <c>max</c>. Unknown members are refused, never ignored.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record BulkCancelRequest(string? JobType, string? Status, DateTimeOffset? SubmittedBefore, int? Max, string? Comment)
    : IOperatorActionBody<BulkCancelRequest>
{
    /// <summary>A bulk cancel needs at least its max: there is no empty form.</summary>
    public static BulkCancelRequest? Empty => null;
}

/// <summary>A bulk cancel as served: its filter, how many matched when it started, how far it got.</summary>
internal sealed record BulkCancelResponse(
    Guid BatchId,
    string TenantId,
    string? JobType,
    JobStatus? Status,
    DateTimeOffset? SubmittedBefore,
    int Max,
    int Matched,
    int Canceled,
    int Skipped,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt)
{
    public static BulkCancelResponse From(BulkCancel bulk) => new(
        bulk.BatchId, bulk.TenantId, bulk.JobType, bulk.Status, bulk.SubmittedBefore, bulk.Max, bulk.Matched, bulk.Canceled, bulk.Skipped,
        bulk.StartedAt, bulk.CompletedAt);
}
