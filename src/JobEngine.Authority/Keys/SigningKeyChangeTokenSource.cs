using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace JobEngine.Authority.Keys;

/// <summary>
/// Rebuilds <typeparamref name="TOptions"/> when the published signing keys change: OpenIddict's
/// server options (the keys it signs with and serves in the JWKS) and, in a process that also
/// validates tokens, its validation options (the keys it accepts).
/// </summary>
internal sealed class SigningKeyChangeTokenSource<TOptions>(SigningKeyRing ring) : IOptionsChangeTokenSource<TOptions>
{
    public string? Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => ring.ChangeToken;
}
