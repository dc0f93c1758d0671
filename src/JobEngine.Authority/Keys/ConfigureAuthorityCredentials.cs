using JobEngine.Infrastructure.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace JobEngine.Authority.Keys;

/// <summary>
/// Gives OpenIddict the keys every Authority process on the store shares: the signing key from
/// <see cref="AuthorityOptions.SigningKeyFile"/> when set, else from the store (created on first
/// start, encrypted there: <see cref="KeyProtection"/>). The encryption key is required by OpenIddict even though access tokens are not
/// encrypted; it lives in the store too. The keys are read once per process: options can be
/// configured more than once (one instance per options name and snapshot), the store need not be.
/// </summary>
internal sealed class ConfigureAuthorityCredentials(IServiceScopeFactory scopes, IOptions<AuthorityOptions> authority)
    : IConfigureOptions<OpenIddictServerOptions>
{
    private readonly Lazy<(SigningCredentials Signing, EncryptingCredentials Encrypting)> _credentials = new(() =>
    {
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<StoredAuthorityKeys>();
        var signing = authority.Value.SigningKeyFile is { Length: > 0 } file
            ? AuthorityKeyFactory.FromPemFile(file)
            : AuthorityKeyFactory.ToSigningCredentials(store.GetOrCreate(AuthorityKey.SigningUse, AuthorityKeyFactory.NewSigningKey));
        var encrypting = AuthorityKeyFactory.ToEncryptingCredentials(store.GetOrCreate(AuthorityKey.EncryptionUse, AuthorityKeyFactory.NewEncryptionKey));
        return (signing, encrypting);
    });

    public void Configure(OpenIddictServerOptions options)
    {
        var (signing, encrypting) = _credentials.Value;
        options.SigningCredentials.Add(signing);
        options.EncryptionCredentials.Add(encrypting);
    }
}
