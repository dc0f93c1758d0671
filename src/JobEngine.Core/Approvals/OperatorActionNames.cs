namespace JobEngine.Core.Approvals;

/// <summary>The names by which approval policies (and approval requests) name operator actions.</summary>
public static class OperatorActionNames
{
    public const string JobCancel = "job.cancel";
    public const string JobRetry = "job.retry";
    public const string JobTypePause = "jobtype.pause";
    public const string JobTypeResume = "jobtype.resume";
    public const string QuotaUpdate = "quota.update";
    public const string QuotaPause = "quota.pause";
    public const string QuotaResume = "quota.resume";
    public const string JobsBulkCancel = "jobs.bulk-cancel";

    public static IReadOnlyList<string> All { get; } =
        [JobCancel, JobRetry, JobTypePause, JobTypeResume, QuotaUpdate, QuotaPause, QuotaResume, JobsBulkCancel];
}
