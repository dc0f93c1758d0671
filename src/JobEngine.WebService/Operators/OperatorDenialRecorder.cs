using JobEngine.Authority;
using JobEngine.Core.Audit;
using JobEngine.Core.Jobs;
using JobEngine.Core.Operators;
using JobEngine.Core.Tenants;
using JobEngine.Infrastructure.Audit;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JobEngine.WebService.Operators;

/// <summary>
/// Records a refused operator action (a valid token, but a 400 or 403) as
/// <c>operator.action.denied</c> in the token's tenant's ledger. Refusing stays the answer even
/// when the record cannot be written; that failure is logged.
/// </summary>
internal sealed partial class OperatorDenialRecorder(AuditedTransaction audited, ILogger<OperatorDenialRecorder> logger)
{
    /// <summary>Records the denial if <paramref name="http"/> is an operator action by an authenticated client.</summary>
    public async Task RecordIfOperatorActionAsync(HttpContext http, string why)
    {
        var action = http.GetEndpoint()?.Metadata.GetMetadata<OperatorActionMetadata>();
        var user = http.User;
        if (action is null || user.Identity?.IsAuthenticated != true
            || !TenantId.TryCreate(user.GetClaim(AuthorityConstants.Claims.Tenant), out var tenant, out _))
        {
            return;
        }

        var request = RequestMetadataReader.From(http);
        var reason = user.GetClaim(AuthorityConstants.Claims.OperatorReason);
        var ticket = user.GetClaim(AuthorityConstants.Claims.OperatorTicket);
        var record = new AuditRecord(
            tenant.Value, AuditEventTypes.OperatorActionDenied, action.ResourceType,
            Truncate(http.Request.RouteValues[action.RouteValue]?.ToString(), JobType.MaxLength),
            user.GetClaim(Claims.Subject), AuditRecord.ClientActor, user.GetClaim(Claims.ClientId), user.GetClaim(Claims.JwtId),
            OperatorReason.TryCreate(reason, out var validReason, out _) ? validReason.Value : null,
            OperatorTicket.TryCreate(ticket, out var validTicket, out _) ? validTicket.Value : null,
            Comment: null, Description: why, OldState: null, NewState: null,
            request.CorrelationId, request.HttpMethod, request.RequestPath, request.SourceIp, request.UserAgent);

        var outcome = await audited.AppendAsync(record, http.RequestAborted);
        if (!outcome.Succeeded)
        {
            LogDenialNotRecorded(tenant.Value, http.Request.Path.Value, why);
        }
    }

    private static string? Truncate(string? value, int length) => value is { Length: > 0 } && value.Length > length ? value[..length] : value;

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error,
        Message = "The denied operator action {Path} of tenant {Tenant} could not be recorded in the ledger: {Why}")]
    private partial void LogDenialNotRecorded(string tenant, string? path, string why);
}
