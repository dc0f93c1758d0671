using JobEngine.Authority.Tickets;
using JobEngine.Authority.TokenRequests;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.DeviceRequests;

/// <summary>A device asks for its token's scopes, tenant and operator parameters when it starts (<see cref="PersonRequestParameters"/>).</summary>
internal sealed class RequireDeviceRequestParameters(TicketRules rules) : IOpenIddictServerHandler<ValidateDeviceAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        TokenRequestHandler.After<ValidateDeviceAuthorizationRequestContext, RequireDeviceRequestParameters>(
            OpenIddictServerHandlers.Device.ValidateScopePermissions.Descriptor, step: 1);

    public ValueTask HandleAsync(ValidateDeviceAuthorizationRequestContext context)
    {
        if (PersonRequestParameters.Refusal(RequestedGrant.From(context.Request), rules) is var (error, description))
        {
            context.Reject(error, description);
        }

        return default;
    }
}
