using JobEngine.Authority.TokenRequests;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.DeviceRequests;

/// <summary>
/// OpenIddict writes the verification URI from the request's own base URL, which the caller
/// chooses with the Host header; a person sent there could type their password into someone else's
/// page. It is rebased onto the configured issuer, as the discovery document is.
/// </summary>
internal sealed class AnchorVerificationUriOnIssuer : IOpenIddictServerHandler<ApplyDeviceAuthorizationResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        TokenRequestHandler.After<ApplyDeviceAuthorizationResponseContext, AnchorVerificationUriOnIssuer>(
            OpenIddictServerAspNetCoreHandlers.AttachHttpResponseCode<ApplyDeviceAuthorizationResponseContext>.Descriptor, step: 1);

    public ValueTask HandleAsync(ApplyDeviceAuthorizationResponseContext context)
    {
        if (context.Options.Issuer is not { } issuer || context.BaseUri is not { } requestBase)
        {
            return default;
        }

        foreach (var name in new[] { Parameters.VerificationUri, Parameters.VerificationUriComplete })
        {
            if ((string?)context.Response[name] is { } written && Uri.TryCreate(written, UriKind.Absolute, out var uri) && requestBase.IsBaseOf(uri))
            {
                context.Response[name] = new Uri(issuer, requestBase.MakeRelativeUri(uri)).AbsoluteUri;
            }
        }

        return default;
    }
}
