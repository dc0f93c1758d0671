using OpenIddict.Server;

namespace JobEngine.Authority.TokenRequests;

/// <summary>Orders the custom token request rules after OpenIddict has authenticated the client.</summary>
internal static class TokenRequestHandler
{
    public static OpenIddictServerHandlerDescriptor Describe<THandler>(int step)
        where THandler : class, IOpenIddictServerHandler<OpenIddictServerEvents.ValidateTokenRequestContext> =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<OpenIddictServerEvents.ValidateTokenRequestContext>()
            .UseScopedHandler<THandler>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateAuthentication.Descriptor.Order + (step * 100))
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();
}
