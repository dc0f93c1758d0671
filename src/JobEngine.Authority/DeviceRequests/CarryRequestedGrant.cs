using System.Security.Claims;
using JobEngine.Authority.People;
using JobEngine.Authority.TokenRequests;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.DeviceRequests;

/// <summary>
/// The device code and user code carry what the device asked for (scopes, tenant, reason, ticket),
/// so the verification page can show the person what they approve and the token endpoint can
/// issue exactly that.
/// </summary>
internal sealed class CarryRequestedGrant : IOpenIddictServerHandler<HandleDeviceAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        TokenRequestHandler.First<HandleDeviceAuthorizationRequestContext, CarryRequestedGrant>();

    public ValueTask HandleAsync(HandleDeviceAuthorizationRequestContext context)
    {
        // No authentication type: nobody has signed in yet.
        var identity = new ClaimsIdentity();
        var requested = RequestedGrant.From(context.Request);
        requested.StampOn(identity, PersonClaims.Requested);
        identity.SetScopes(requested.Scopes);
        context.Principal = new ClaimsPrincipal(identity);
        return default;
    }
}
