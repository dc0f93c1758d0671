using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.Keys;

/// <summary>
/// Signs every token with the key the rotation schedule makes active. OpenIddict signs with the
/// first of its credentials and orders keys without certificates arbitrarily, while JobEngine
/// publishes several: the one about to sign, the one signing, the retired ones still verifying.
/// </summary>
internal sealed class SignWithActiveKey(SigningKeyRing ring) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<SignWithActiveKey>()
            .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        // With a key file there is one key and nothing to choose.
        if (ring.IsLoaded && context.SigningCredentials?.Key is AsymmetricSecurityKey)
        {
            context.SigningCredentials = ring.Active;
        }

        return ValueTask.CompletedTask;
    }
}
