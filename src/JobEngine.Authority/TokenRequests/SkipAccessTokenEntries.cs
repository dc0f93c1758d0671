using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Device and user codes are kept in OpenIddict's token table, which the device flow needs; access
/// tokens are not. They are self-contained JWTs, JobEngine offers neither revocation nor
/// introspection, and operator tokens are recorded in the ledger, so an entry per issuance would be
/// a write nobody reads.
/// </summary>
internal sealed class SkipAccessTokenEntries : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<SkipAccessTokenEntries>()
            .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 100)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType == TokenTypeIdentifiers.AccessToken && !context.IsReferenceToken)
        {
            context.CreateTokenEntry = false;
        }

        return default;
    }
}
