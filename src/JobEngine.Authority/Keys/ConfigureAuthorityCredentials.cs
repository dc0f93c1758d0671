using JobEngine.Infrastructure.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace JobEngine.Authority.Keys;

/// <summary>
/// Gives OpenIddict the keys every Authority process on the store shares: the signing key from
/// <see cref="AuthorityOptions.SigningKeyFile"/> when set, else every published key of the
/// <see cref="SigningKeyRing"/> (kept in the store, encrypted there: <see cref="KeyProtection"/>;
/// rotated by <see cref="SigningKeyRotationService"/>, which rebuilds these options when the keys
/// change). The encryption key is required by OpenIddict even though access tokens are not
/// encrypted; it lives in the store too. Stored keys are loaded once per process, on first use.
/// </summary>
internal sealed class ConfigureAuthorityCredentials(IServiceScopeFactory scopes, IOptions<AuthorityOptions> authority, SigningKeyRing ring)
    : IConfigureOptions<OpenIddictServerOptions>
{
    private readonly Lazy<SigningCredentials?> _fileKey = new(() =>
        authority.Value.SigningKeyFile is { Length: > 0 } file ? AuthorityKeyFactory.FromPemFile(file) : null);

    private readonly Lazy<EncryptingCredentials> _encrypting = new(() =>
    {
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<StoredAuthorityKeys>();
        return AuthorityKeyFactory.ToEncryptingCredentials(store.GetOrCreate(AuthorityKey.EncryptionUse, AuthorityKeyFactory.NewEncryptionKey));
    });

    public void Configure(OpenIddictServerOptions options)
    {
        if (_fileKey.Value is { } fileKey)
        {
            options.SigningCredentials.Add(fileKey);
        }
        else
        {
            ring.EnsureLoaded(LoadSigningKeys);
            options.SigningCredentials.AddRange(ring.Published);
        }

        options.EncryptionCredentials.Add(_encrypting.Value);
    }

    // The first load only adds a key when one is due; dropping expired keys waits for the
    // rotation service, which knows every token lifetime from the built options.
    private void LoadSigningKeys()
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<SigningKeyRotation>()
            .RotateAsync(longestTokenLifetime: null, CancellationToken.None).GetAwaiter().GetResult();
    }
}
