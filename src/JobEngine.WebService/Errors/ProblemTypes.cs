namespace JobEngine.WebService.Errors;

/// <summary>The stable <c>type</c> URIs of JobEngine's problem details, one per kind of failure.</summary>
internal static class ProblemTypes
{
    public const string Validation = "urn:jobengine:problem:validation";
    public const string NotFound = "urn:jobengine:problem:not-found";
    public const string Conflict = "urn:jobengine:problem:conflict";
    public const string PayloadTooLarge = "urn:jobengine:problem:payload-too-large";
    public const string Unauthenticated = "urn:jobengine:problem:unauthenticated";
    public const string InsufficientScope = "urn:jobengine:problem:insufficient-scope";
    public const string TenantMismatch = "urn:jobengine:problem:tenant-mismatch";
    public const string MissingOperatorJustification = "urn:jobengine:problem:missing-operator-justification";
    public const string MalformedRequest = "urn:jobengine:problem:malformed-request";
    public const string LedgerUnavailable = "urn:jobengine:problem:ledger-unavailable";
    public const string LedgerIntegrity = "urn:jobengine:problem:ledger-integrity";
    public const string Forbidden = "urn:jobengine:problem:forbidden";
    public const string ApprovalRequired = "urn:jobengine:problem:approval-required";
    public const string MethodNotAllowed = "urn:jobengine:problem:method-not-allowed";
}
