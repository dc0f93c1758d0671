using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Once the access token is written, remembers its <c>jti</c> and, for an operator token, records
/// <c>authority.token.issued</c> in the tenant's ledger. An operator token whose issuance cannot
/// be recorded is not issued.
/// </summary>
internal sealed class RecordTokenIssuance(TokenLedger ledger) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        TokenRequestHandler.After<ProcessSignInContext, RecordTokenIssuance>(OpenIddictServerHandlers.GenerateAccessToken.Descriptor, step: 5);

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (TokenRequestState.Find(context.Transaction) is not { } state || string.IsNullOrEmpty(context.AccessToken))
        {
            return;
        }

        // OpenIddict assigns 'jti' while writing the JWT, so it is read back from the token itself.
        state.TokenId = new JsonWebToken(context.AccessToken).Id;
        if (!state.IsOperatorRequest)
        {
            return;
        }

        var request = context.Transaction.GetHttpRequest();
        var outcome = await ledger.AppendAsync(TokenAuditRecords.Issued(state, request), request?.HttpContext.RequestAborted ?? default);
        if (!outcome.Succeeded)
        {
            context.Reject(Errors.TemporarilyUnavailable,
                "The issuance could not be recorded in the audit ledger, so no token was issued. Try again later.");
        }
    }
}
