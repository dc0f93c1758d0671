using JobEngine.Authority.DeviceRequests;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>A device that polls for its token sooner than the announced interval is told <c>slow_down</c> (RFC 8628 section 3.5).</summary>
internal sealed class RequirePollingInterval(DevicePolls polls) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = TokenRequestHandler.Guard<RequirePollingInterval>(3);

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (context.Request.IsDeviceCodeGrantType() && context.Request.DeviceCode is { Length: > 0 } code && !polls.TryPoll(code))
        {
            context.Reject(Errors.SlowDown, "Polling faster than the interval the device authorization response announced; wait longer between polls.");
        }

        return default;
    }
}
