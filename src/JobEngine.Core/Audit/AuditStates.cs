using System.Text.Json.Nodes;
using JobEngine.Core.Approvals;
using JobEngine.Core.Jobs;
using JobEngine.Core.JobTypes;
using JobEngine.Core.Quotas;

namespace JobEngine.Core.Audit;

/// <summary>
/// The state of a resource as the ledger records it before and after an operator action: the
/// fields an operator can change or that explain the change, as a JSON object of strings,
/// integers, booleans and nulls (the ledger's value space). Stored in canonical form (RFC 8785),
/// so hashing copies a state as it is instead of re-sorting it.
/// </summary>
public static class AuditStates
{
    public static string Of(Job job) => new JsonObject
    {
        ["jobType"] = job.JobType,
        ["status"] = job.Status.ToString(),
        ["priority"] = job.Priority,
        ["attempts"] = job.Attempts,
        ["maxAttempts"] = job.MaxAttempts,
        ["notBefore"] = Format(job.NotBefore),
        ["workerId"] = job.WorkerId,
        ["leaseUntil"] = Format(job.LeaseUntil),
        ["canceledBy"] = job.Canceled?.By,
        ["cancelReason"] = job.Canceled?.Reason,
        ["cancelTicket"] = job.Canceled?.Ticket,
        ["retriedBy"] = job.Retried?.By,
        ["retryReason"] = job.Retried?.Reason,
        ["retryTicket"] = job.Retried?.Ticket,
    }.Stored();

    public static string Of(Quota quota) => new JsonObject
    {
        ["maxActive"] = quota.MaxActive,
        ["maxPerHour"] = quota.MaxPerHour,
        ["paused"] = quota.Paused,
        ["updatedBy"] = quota.Updated.By,
        ["updateReason"] = quota.Updated.Reason,
        ["updateTicket"] = quota.Updated.Ticket,
    }.Stored();

    public static string Of(JobTypeControl control) => new JsonObject
    {
        ["paused"] = control.Paused,
        ["updatedBy"] = control.Updated?.By,
        ["updateReason"] = control.Updated?.Reason,
        ["updateTicket"] = control.Updated?.Ticket,
    }.Stored();

    public static string Of(ApprovalRequest request) => new JsonObject
    {
        ["action"] = request.Action,
        ["resourceId"] = request.ResourceId,
        ["arguments"] = request.Arguments,
        ["status"] = request.Status.ToString(),
        ["requestedBy"] = request.RequestedBy,
        ["minimumApprovers"] = request.MinimumApprovers,
        ["approvers"] = JsonNode.Parse(request.ApprovedBy),
        ["expiresAt"] = Format(request.ExpiresAt),
    }.Stored();

    /// <summary>Any other state (a token's scopes, say) in the form the ledger stores.</summary>
    public static string Stored(this JsonObject state) => JsonCanonicalizer.ToText(state);

    private static string? Format(DateTimeOffset? value) => value is { } instant ? AuditEntryJson.FormatTimestamp(instant) : null;
}
