namespace JobEngine.Core.Audit;

/// <summary>The kinds of resource an entry can be about.</summary>
public static class AuditResourceTypes
{
    public const string Job = "job";
    public const string JobType = "jobtype";
    public const string Quota = "quota";
    public const string Token = "token";
    public const string Client = "client";
    public const string User = "user";

    /// <summary>An approval request (its id is the resource id).</summary>
    public const string Approval = "approval";

    /// <summary>A bulk action on many jobs (its batch id is the resource id).</summary>
    public const string JobBatch = "jobs";
}
