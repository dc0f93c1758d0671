using System.Text.Json;
using JobEngine.Core.Jobs;
using JobEngine.Core.Results;

namespace JobEngine.Application.Jobs;

/// <summary>Which jobs a bulk cancel selects, and the most it may cancel (required: the caller says how many they expect).</summary>
public sealed record BulkCancelFilter(string? JobType, JobStatus? Status, DateTimeOffset? SubmittedBefore, int Max)
{
    public const int MaxLimit = 100_000;

    public static Outcome<BulkCancelFilter> Create(string? jobType, string? status, DateTimeOffset? submittedBefore, int? max)
    {
        if (max is not { } limit || limit is < 1 or > MaxLimit)
        {
            return Failure.Invalid("max", $"max is required: the most jobs to cancel, between 1 and {MaxLimit}.");
        }

        if (jobType is not null && !Core.Jobs.JobType.IsValid(jobType, out var jobTypeError))
        {
            return Failure.Invalid("jobType", $"jobType {jobTypeError}.");
        }

        JobStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<JobStatus>(status, ignoreCase: true, out var parsed) || !BulkCancel.CancelableStatuses.Contains(parsed) || char.IsDigit(status[0]))
            {
                return Failure.Invalid("status", $"status must be one of {string.Join(", ", BulkCancel.CancelableStatuses)} (the statuses a job can be canceled from).");
            }

            wanted = parsed;
        }

        return new BulkCancelFilter(jobType, wanted, submittedBefore, limit);
    }

    /// <summary>The filter of a stored request body (an approval request's arguments), checked as when it was sent.</summary>
    public static Outcome<BulkCancelFilter> Parse(string arguments)
    {
        using var document = JsonDocument.Parse(arguments);
        var body = document.RootElement;
        return Create(
            Text(body, "jobType"),
            Text(body, "status"),
            Text(body, "submittedBefore") is { } before ? DateTimeOffset.Parse(before, System.Globalization.CultureInfo.InvariantCulture) : null,
            body.TryGetProperty("max", out var max) && max.ValueKind == JsonValueKind.Number ? max.GetInt32() : null);
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
