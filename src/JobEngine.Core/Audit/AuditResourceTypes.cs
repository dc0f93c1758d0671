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
}
