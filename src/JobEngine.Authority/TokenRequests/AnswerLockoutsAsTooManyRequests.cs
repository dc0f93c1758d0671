using System.Globalization;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Answers a request refused for a lockout with <c>429 Too Many Requests</c> and <c>Retry-After</c>
/// (OpenIddict answers every error but a few with 400); the OAuth error body stays OpenIddict's.
/// </summary>
internal sealed class AnswerLockoutsAsTooManyRequests : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        TokenRequestHandler.After<ApplyTokenResponseContext, AnswerLockoutsAsTooManyRequests>(
            OpenIddictServerAspNetCoreHandlers.AttachHttpResponseCode<ApplyTokenResponseContext>.Descriptor, step: 1);

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (LockoutRefusal.Find(context.Transaction) is { } refusal
            && context.Transaction.GetHttpRequest()?.HttpContext.Response is { } response)
        {
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        return default;
    }
}
