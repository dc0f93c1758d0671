using JobEngine.Authority.Clients;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Answers a client secret presented with an unknown client id exactly as a wrong secret of a known
/// client is answered, after the same work: the secret is checked against <see cref="DecoyClient"/>.
/// OpenIddict itself would answer an unknown id at once and in other words, which tells valid ids
/// apart by the answer and by its time.
/// </summary>
internal sealed class RejectUnknownClients(IOpenIddictApplicationManager applications, DecoyClient decoy)
    : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = TokenRequestHandler.Guard<RejectUnknownClients>(2);

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        // Requests without a secret (none, or a client assertion) are OpenIddict's to answer.
        if (context.Request.ClientId is not { Length: > 0 } clientId
            || context.Request.ClientSecret is not { Length: > 0 } secret
            || !string.IsNullOrEmpty(context.Request.ClientAssertion)
            || await applications.FindByClientIdAsync(clientId) is not null)
        {
            return;
        }

        await decoy.ValidateSecretAsync((CachingApplicationManager)applications, secret, default);
        context.Reject(Errors.InvalidClient,
            OpenIddictResources.GetResourceString(OpenIddictResources.ID2055),
            OpenIddictResources.FormatID8000(OpenIddictResources.ID2055));
    }
}
