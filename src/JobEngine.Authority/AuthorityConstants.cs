namespace JobEngine.Authority;

/// <summary>Names the Authority and the JobEngine API agree on.</summary>
public static class AuthorityConstants
{
    /// <summary>The audience of every access token the Authority issues.</summary>
    public const string Audience = "jobengine";

    public static class Parameters
    {
        public const string Tenant = "tenant";
        public const string OperatorReason = "operator_reason";
        public const string OperatorTicket = "operator_ticket";
    }

    public static class Claims
    {
        public const string Tenant = "tenant";
        public const string OperatorReason = "operator_reason";
        public const string OperatorTicket = "operator_ticket";
    }
}
