using Microsoft.Extensions.Logging;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// The log event of every token issued, whichever way it was written: OpenIddict's pipeline or
/// <see cref="ClientCredentialsFastPath"/> (named in <c>Pipeline</c>, so an operator can tell how many take which).
/// </summary>
internal static partial class TokenLog
{
    public const string OpenIddictPipeline = "openiddict";
    public const string FastPath = "fast-path";

    public static void Issued(ILogger logger, TokenRequestState state, string pipeline) =>
        LogIssued(logger, state.Grantee.Named, state.Client.ClientId, state.Tenant, string.Join(' ', state.Scopes), state.TokenId,
            state.Justification?.Reason.Value, state.Justification?.Ticket.Value, state.ExpiresAt, pipeline);

    [LoggerMessage(EventId = 1001, EventName = "TokenIssued", Level = LogLevel.Information,
        Message = "Token {TokenId} issued to {Grantee} through {ClientId} for tenant {Tenant} with scopes [{Scopes}] (reason: {OperatorReason}; ticket: {OperatorTicket}; expires {ExpiresAt:O}; written by {Pipeline})")]
    private static partial void LogIssued(ILogger logger, string grantee, string clientId, string? tenant, string scopes, string? tokenId,
        string? operatorReason, string? operatorTicket, DateTimeOffset? expiresAt, string pipeline);
}
