using Microsoft.Extensions.Logging;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Writes one structured event for every token issued and every token request refused, with
/// who asked, for which tenant and scopes, and why it was refused.
/// </summary>
internal sealed partial class LogTokenRequestOutcome(ILogger<LogTokenRequestOutcome> logger)
    : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<LogTokenRequestOutcome>()
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var state = TokenRequestState.Find(context.Transaction);
        var clientId = state?.Client.ClientId ?? context.Request?.ClientId;

        if (context.Error is { } error)
        {
            LogRefused(clientId, state?.Tenant ?? context.Request?.GetParameter(AuthorityConstants.Parameters.Tenant)?.ToString(),
                context.Request?.Scope, error, context.Response.ErrorDescription);
        }
        else if (state is not null)
        {
            LogIssued(state.Client.ClientId, state.Tenant, string.Join(' ', state.Scopes), state.TokenId,
                state.Reason?.Value, state.Ticket?.Value, state.ExpiresAt);
        }

        return default;
    }

    [LoggerMessage(EventId = 1001, EventName = "TokenIssued", Level = LogLevel.Information,
        Message = "Token {TokenId} issued to {ClientId} for tenant {Tenant} with scopes [{Scopes}] (reason: {OperatorReason}; ticket: {OperatorTicket}; expires {ExpiresAt:O})")]
    private partial void LogIssued(string clientId, string? tenant, string scopes, string? tokenId,
        string? operatorReason, string? operatorTicket, DateTimeOffset? expiresAt);

    [LoggerMessage(EventId = 1002, EventName = "TokenRefused", Level = LogLevel.Warning,
        Message = "Token request from {ClientId} for tenant {Tenant} with scopes [{Scopes}] refused: {Error} ({ErrorDescription})")]
    private partial void LogRefused(string? clientId, string? tenant, string? scopes, string error, string? errorDescription);
}
