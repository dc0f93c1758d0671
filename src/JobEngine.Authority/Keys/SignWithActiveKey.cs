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
        context.SigningCredentials = Choose(ring, context.SigningCredentials);
        return ValueTask.CompletedTask;
    }

    /// <summary>The active key of the ring; with a key file there is one key and nothing to choose.</summary>
    public static SigningCredentials? Choose(SigningKeyRing ring, SigningCredentials? configured) =>
        ring.IsLoaded && configured?.Key is AsymmetricSecurityKey ? ring.Active : configured;
}
