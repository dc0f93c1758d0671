namespace JobEngine.Core.Protocol;

/// <summary>
/// The names on the wire that the Authority, the API, the typed client and <c>jobctl</c> must
/// spell alike: token claims and parameters, routes and headers. Defined once, here.
/// </summary>
public static class WireNames
{
    /// <summary>The audience of every access token the Authority issues.</summary>
    public const string Audience = "jobengine";

    /// <summary>Claims of JobEngine's access tokens (the registered JWT ones included, for one spelling).</summary>
    public static class Claims
    {
        public const string Subject = "sub";
        public const string ClientId = "client_id";
        public const string TokenId = "jti";
        public const string Scope = "scope";
        public const string Tenant = "tenant";
        public const string OperatorReason = "operator_reason";
        public const string OperatorTicket = "operator_ticket";
        public const string OperatorReasonCode = "operator_reason_code";

        /// <summary>The ticket system the ticket matched when the token was issued.</summary>
        public const string OperatorTicketSystem = "operator_ticket_system";

        /// <summary>The link to the ticket in its system, made when the token was issued.</summary>
        public const string OperatorTicketUrl = "operator_ticket_url";

        /// <summary>Who the token acts for: <c>user</c> on a person's token (absent on a client's).</summary>
        public const string ActorType = "actor_type";
    }

    /// <summary>Parameters of a token request beyond OAuth 2.0's own.</summary>
    public static class Parameters
    {
        public const string Tenant = "tenant";
        public const string OperatorReason = "operator_reason";
        public const string OperatorTicket = "operator_ticket";
        public const string OperatorReasonCode = "operator_reason_code";
    }

    public static class Routes
    {
        /// <summary>The token endpoint, relative to the Authority's base address.</summary>
        public const string Token = "connect/token";

        /// <summary>The device authorization endpoint (RFC 8628), where <c>jobctl login --device</c> starts.</summary>
        public const string DeviceAuthorization = "connect/device";

        /// <summary>The authorization endpoint (authorization code grant with PKCE), where the console sends a person to sign in.</summary>
        public const string Authorization = "connect/authorize";

        /// <summary>The page where a person signs in and confirms a device's user code.</summary>
        public const string Verification = "connect/verify";

        /// <summary>The versioned API's prefix.</summary>
        public const string Api = "/api/v1";

        /// <summary>The deprecated prefix that still answers as <see cref="Api"/>.</summary>
        public const string LegacyApi = "/api/orchestrator";
    }

    /// <summary>The public clients every Authority registers, through which people sign in.</summary>
    public static class PublicClients
    {
        public const string Jobctl = "jobctl";
        public const string Console = "jobengine-console";
    }

    public static class Headers
    {
        /// <summary>Names the tenant a request expects to act for; a mismatch with the token is refused.</summary>
        public const string Tenant = "X-Tenant-Id";

        public const string CorrelationId = "X-Correlation-Id";
    }
}
