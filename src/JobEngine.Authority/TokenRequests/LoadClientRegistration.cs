using JobEngine.Authority.Clients;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>Loads the authenticated client's roles and tenants for the rules that follow.</summary>
internal sealed class LoadClientRegistration(IOpenIddictApplicationManager applications)
    : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = TokenRequestHandler.Rule<LoadClientRegistration>(1);

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var clientId = context.ClientId ?? throw new InvalidOperationException("The client was not authenticated.");
        var application = await applications.FindByClientIdAsync(clientId)
            ?? throw new InvalidOperationException($"The authenticated client '{clientId}' has no registration.");

        var properties = await applications.GetPropertiesAsync(application);
        new TokenRequestState { Client = ClientRegistration.FromProperties(clientId, properties) }
            .AttachTo(context.Transaction);
    }
}
