using JobEngine.Core.Audit;
using JobEngine.Core.Protocol;
using JobEngine.Infrastructure.Diagnostics;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Logging;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Writes one structured log event for every token issued and every token request refused (but
/// those refused for a lockout), and records a refusal for scope or operator parameters as
/// <c>authority.token.rejected</c> in the ledger of the tenant it can be attributed to.
/// </summary>
internal sealed partial class RecordTokenRequestOutcome(TokenLedger ledger, JobEngineMetrics metrics, ILogger<RecordTokenRequestOutcome> logger)
    : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        TokenRequestHandler.After<ApplyTokenResponseContext, RecordTokenRequestOutcome>(
            OpenIddictServerHandlers.Exchange.NormalizeErrorResponse.Descriptor, step: 1);

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var state = TokenRequestState.Find(context.Transaction);
        var requestedTenant = (string?)context.Request?.GetParameter(WireNames.Parameters.Tenant);

        if (context.Error is not { } error)
        {
            metrics.TokensIssued.Add(1, new KeyValuePair<string, object?>("operator", state?.IsOperatorRequest ?? false));
            if (state is not null)
            {
                TokenLog.Issued(logger, state, TokenLog.OpenIddictPipeline);
            }

            return;
        }

        metrics.TokensRefused.Add(1, new KeyValuePair<string, object?>("error", error));

        // A locked-out caller may keep trying at any rate: its lockout was logged once, when it started.
        // A device waiting for its person polls every few seconds: that is the flow, not a refusal.
        if (LockoutRefusal.Find(context.Transaction) is not null || error is Errors.AuthorizationPending or Errors.SlowDown)
        {
            return;
        }

        LogRefused(state?.Client.ClientId ?? context.Request?.ClientId, state?.Tenant ?? requestedTenant,
            context.Request?.Scope, error, context.Response.ErrorDescription);

        if (state is { RecordRefusal: true } && state.AttributableTenant(requestedTenant) is { } tenant)
        {
            var request = context.Transaction.GetHttpRequest();
            var record = TokenAuditRecords.Describe(tenant, state, request, AuditEventTypes.TokenRejected,
                $"Token request refused ({error}): {context.Response.ErrorDescription}", state.RefusedTicket?.ToState());
            var outcome = await ledger.AppendAsync(record, request?.HttpContext.RequestAborted ?? default);
            if (!outcome.Succeeded)
            {
                LogRefusalNotRecorded(state.Client.ClientId, tenant);
            }
        }
    }

    [LoggerMessage(EventId = 1002, EventName = "TokenRefused", Level = LogLevel.Warning,
        Message = "Token request from {ClientId} for tenant {Tenant} with scopes [{Scopes}] refused: {Error} ({ErrorDescription})")]
    private partial void LogRefused(string? clientId, string? tenant, string? scopes, string error, string? errorDescription);

    [LoggerMessage(EventId = 1003, EventName = "TokenRefusalNotRecorded", Level = LogLevel.Error,
        Message = "The refused token request of {ClientId} could not be recorded in the ledger of tenant {Tenant}")]
    private partial void LogRefusalNotRecorded(string clientId, string tenant);
}
