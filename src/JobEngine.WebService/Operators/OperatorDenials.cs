using JobEngine.Application.Audit;
using JobEngine.Authority;
using JobEngine.Core.Audit;
using JobEngine.Core.Jobs;
using JobEngine.Core.Operators;
using JobEngine.Core.Tenants;
using JobEngine.Core.Text;
using JobEngine.WebService.Security;

namespace JobEngine.WebService.Operators;

/// <summary>
/// Records a refused operator action (a valid token, but the request was refused) as
/// <c>operator.action.denied</c> in the token's tenant's ledger. Refusing stays the answer even
/// when the record cannot be written; that failure is logged.
/// </summary>
internal sealed partial class OperatorDenials(AuditedTransaction audited, ILogger<OperatorDenials> logger)
{
    public async Task RecordAsync(HttpContext http, OperatorActionMetadata action, int status, string detail)
    {
        var claims = TokenClaims.From(http.User);
        if (http.User.Identity?.IsAuthenticated != true || !TenantId.TryCreate(claims.Tenant, out var tenant, out _))
        {
            return;
        }

        var by = new Attribution(
            claims.Subject, claims.ActorType, claims.ClientId, claims.TokenId,
            OperatorReason.TryCreate(claims.OperatorReason, out var reason, out _) ? reason.Value : null,
            OperatorTicket.TryCreate(claims.OperatorTicket, out var ticket, out _) ? ticket.Value : null,
            OperatorTicketSystem: claims.OperatorTicketSystem,
            TicketUrl: claims.OperatorTicketUrl,
            OperatorReasonCode: claims.ReasonCode?.Value);
        var why = $"Refused ({status}): {detail}";
        var record = AuditRecord.Create(tenant.Value, AuditEventTypes.OperatorActionDenied, by, RequestMetadataReader.From(http)) with
        {
            ResourceType = action.ResourceType,
            ResourceId = TextRule.Sanitize(http.Request.RouteValues[action.RouteValue]?.ToString(), JobType.MaxLength),
            Description = why,
        };

        if (!(await audited.AppendAsync(record, http.RequestAborted)).Succeeded)
        {
            LogDenialNotRecorded(tenant.Value, http.Request.Path.Value, why);
        }
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error,
        Message = "The denied operator action {Path} of tenant {Tenant} could not be recorded in the ledger: {Why}")]
    private partial void LogDenialNotRecorded(string tenant, string? path, string why);
}
