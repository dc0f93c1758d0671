using JobEngine.Authority.TokenRequests;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.DeviceRequests;

/// <summary>Tells the device how many seconds to wait between polls (<c>interval</c>, RFC 8628 section 3.2); faster polls are answered <c>slow_down</c>.</summary>
internal sealed class AnnouncePollingInterval(IOptions<AuthorityOptions> options) : IOpenIddictServerHandler<ApplyDeviceAuthorizationResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        TokenRequestHandler.After<ApplyDeviceAuthorizationResponseContext, AnnouncePollingInterval>(
            OpenIddictServerAspNetCoreHandlers.AttachHttpResponseCode<ApplyDeviceAuthorizationResponseContext>.Descriptor, step: 2);

    public ValueTask HandleAsync(ApplyDeviceAuthorizationResponseContext context)
    {
        if (string.IsNullOrEmpty(context.Error))
        {
            context.Response[Parameters.Interval] = (long)options.Value.DevicePollingInterval.TotalSeconds;
        }

        return default;
    }
}
