using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Remembers the <c>jti</c> of the access token just generated, so its issuance can be recorded
/// under the id the JobEngine API will later see. OpenIddict assigns <c>jti</c> while writing the
/// JWT, so it is read back from the token itself.
/// </summary>
internal sealed class CaptureIssuedTokenId : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<CaptureIssuedTokenId>()
            .SetOrder(OpenIddictServerHandlers.GenerateAccessToken.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (TokenRequestState.Find(context.Transaction) is { } state && !string.IsNullOrEmpty(context.AccessToken))
        {
            state.TokenId = new JsonWebToken(context.AccessToken).Id;
        }

        return default;
    }
}
