using JobEngine.Authority.Lockouts;
using Microsoft.AspNetCore;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Refuses, before any secret is checked, a request whose client id or source address is locked
/// out: <c>slow_down</c>, answered as <c>429</c> with <c>Retry-After</c> by <see cref="AnswerLockoutsAsTooManyRequests"/>.
/// </summary>
internal sealed class RefuseLockedOutRequests(FailureLimiter limiter, TimeProvider time)
    : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = TokenRequestHandler.Guard<RefuseLockedOutRequests>(1);

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var http = context.Transaction.GetHttpRequest()?.HttpContext;
        var subjects = FailureSubject.Of(context.Request.ClientId, http?.Connection.RemoteIpAddress);
        if (await limiter.FindLockoutAsync(subjects, http?.RequestAborted ?? default) is not { } lockout)
        {
            return;
        }

        var retryAfter = lockout.RetryAfterSeconds(time.GetUtcNow());
        new LockoutRefusal(retryAfter).AttachTo(context.Transaction);
        var locked = lockout.Subject.Kind == FailureSubjectKind.Client ? "this client id" : "this source address";
        context.Reject(Errors.SlowDown,
            $"Too many failed authentications for {locked}; try again in {retryAfter} seconds.");
    }
}
