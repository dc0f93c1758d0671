using System.Text.Json.Nodes;
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
        ["canceledBy"] = job.CanceledBy,
        ["cancelReason"] = job.CancelReason,
        ["cancelTicket"] = job.CancelTicket,
        ["retriedBy"] = job.RetriedBy,
        ["retryReason"] = job.RetryReason,
        ["retryTicket"] = job.RetryTicket,
    }.Stored();

    public static string Of(Quota quota) => new JsonObject
    {
        ["maxActive"] = quota.MaxActive,
        ["maxPerHour"] = quota.MaxPerHour,
        ["paused"] = quota.Paused,
        ["updatedBy"] = quota.UpdatedBy,
        ["updateReason"] = quota.UpdateReason,
        ["updateTicket"] = quota.UpdateTicket,
    }.Stored();

    public static string Of(JobTypeControl control) => new JsonObject
    {
        ["paused"] = control.Paused,
        ["updatedBy"] = NullIfEmpty(control.UpdatedBy),
        ["updateReason"] = NullIfEmpty(control.UpdateReason),
        ["updateTicket"] = NullIfEmpty(control.UpdateTicket),
    }.Stored();

    /// <summary>Any other state (a token's scopes, say) in the form the ledger stores.</summary>
    public static string Stored(this JsonObject state) => JsonCanonicalizer.ToText(state);

    private static string? Format(DateTimeOffset? value) => value is { } instant ? AuditEntryJson.FormatTimestamp(instant) : null;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
