using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers.Discovery;

namespace JobEngine.Authority.Discovery;

/// <summary>
/// OpenIddict writes the discovery document's endpoint URLs from the request's own base URL, which
/// the caller chooses with the Host header; a client that follows them could be sent elsewhere.
/// They are rebased onto the configured issuer, the one URL the deployment vouches for.
/// </summary>
internal sealed class AnchorEndpointsOnIssuer : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<AnchorEndpointsOnIssuer>()
            .SetOrder(AttachEndpoints.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        if (context.Options.Issuer is not { } issuer || context.BaseUri is not { } requestBase)
        {
            return default;
        }

        Uri? Rebase(Uri? endpoint) => endpoint is null || !requestBase.IsBaseOf(endpoint)
            ? endpoint
            : new Uri(issuer, requestBase.MakeRelativeUri(endpoint));

        context.AuthorizationEndpoint = Rebase(context.AuthorizationEndpoint);
        context.DeviceAuthorizationEndpoint = Rebase(context.DeviceAuthorizationEndpoint);
        context.EndSessionEndpoint = Rebase(context.EndSessionEndpoint);
        context.IntrospectionEndpoint = Rebase(context.IntrospectionEndpoint);
        context.JsonWebKeySetEndpoint = Rebase(context.JsonWebKeySetEndpoint);
        context.PushedAuthorizationEndpoint = Rebase(context.PushedAuthorizationEndpoint);
        context.RevocationEndpoint = Rebase(context.RevocationEndpoint);
        context.TokenEndpoint = Rebase(context.TokenEndpoint);
        context.UserInfoEndpoint = Rebase(context.UserInfoEndpoint);
        return default;
    }
}
