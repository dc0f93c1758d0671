using JobEngine.Authority.Lockouts;
using Microsoft.AspNetCore;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Counts every failed client authentication (<c>invalid_client</c>, whether the client id is known
/// or not) against the client id and the source address, before the answer leaves, so that a caller's
/// next attempt already sees the count. A lockout it starts is recorded by <see cref="LockoutLedger"/>.
/// Successes write nothing.
/// </summary>
internal sealed class CountFailedAuthentications(FailureLimiter limiter, LockoutLedger ledger)
    : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        TokenRequestHandler.After<ApplyTokenResponseContext, CountFailedAuthentications>(
            OpenIddictServerHandlers.Exchange.NormalizeErrorResponse.Descriptor, step: 2);

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Error != Errors.InvalidClient)
        {
            return;
        }

        var http = context.Transaction.GetHttpRequest()?.HttpContext;
        var started = await limiter.CountFailureAsync(FailureSubject.Of(context.Request?.ClientId, http?.Connection.RemoteIpAddress));
        foreach (var lockout in started)
        {
            // Not awaited: the answer must not take longer when the client id is registered.
            _ = ledger.RecordAsync(lockout, http is null ? null : RequestMetadataReader.From(http));
        }
    }
}
