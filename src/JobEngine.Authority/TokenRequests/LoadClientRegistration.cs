using JobEngine.Authority.Clients;
using JobEngine.Authority.People;
using JobEngine.Authority.Upstream;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Loads, for the rules that follow, the authenticated client's registration and whom the token is
/// for: the client itself, or the person who approved a device code. A local user is read again
/// from the configuration, so roles or tenants taken away since the approval are gone from the token;
/// a person of an upstream provider keeps only what the provider may still vouch for.
/// </summary>
internal sealed class LoadClientRegistration(
    IOpenIddictApplicationManager applications, LocalUserDirectory users, IOptionsMonitor<AuthorityOptions> authority)
    : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = TokenRequestHandler.Rule<LoadClientRegistration>(1);

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var clientId = context.ClientId ?? throw new InvalidOperationException("The client was not authenticated.");
        var application = await applications.FindByClientIdAsync(clientId)
            ?? throw new InvalidOperationException($"The authenticated client '{clientId}' has no registration.");
        var client = ClientRegistration.FromProperties(clientId, await applications.GetPropertiesAsync(application));

        if (context.Request.IsClientCredentialsGrantType())
        {
            new TokenRequestState { Client = client, Grantee = Grantee.Of(client), Requested = RequestedGrant.From(context.Request) }
                .AttachTo(context.Transaction);
            return;
        }

        var code = context.DeviceCodePrincipal ?? context.AuthorizationCodePrincipal;
        var approved = code is null ? null : PersonClaims.Read(code);
        var person = approved is null ? null
            : approved.IsUpstream ? UpstreamPerson.AsConfiguredNow(approved, authority.CurrentValue.Upstream)
            : users.Find(approved.Subject);
        if (person is null)
        {
            context.Reject(Errors.InvalidGrant, "The person who approved this code can no longer sign in.");
            return;
        }

        new TokenRequestState { Client = client, Grantee = Grantee.Of(person), Requested = RequestedGrant.From(code!) }
            .AttachTo(context.Transaction);
    }
}
