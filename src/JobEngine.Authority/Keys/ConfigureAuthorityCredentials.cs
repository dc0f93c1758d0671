using JobEngine.Infrastructure.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace JobEngine.Authority.Keys;

/// <summary>
/// Gives OpenIddict the keys every Authority process on the store shares: the signing key from
/// <see cref="AuthorityOptions.SigningKeyFile"/> when set, else from the store (created on first
/// start). The encryption key is required by OpenIddict even though access tokens are not
/// encrypted; it lives in the store too.
/// </summary>
internal sealed class ConfigureAuthorityCredentials(IServiceScopeFactory scopes, IOptions<AuthorityOptions> authority)
    : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<AuthorityKeyStore>();

        options.SigningCredentials.Add(authority.Value.SigningKeyFile is { Length: > 0 } file
            ? AuthorityKeyFactory.FromPemFile(file)
            : AuthorityKeyFactory.ToSigningCredentials(store.GetOrCreate(AuthorityKey.SigningUse, AuthorityKeyFactory.NewSigningKey)));

        options.EncryptionCredentials.Add(
            AuthorityKeyFactory.ToEncryptingCredentials(store.GetOrCreate(AuthorityKey.EncryptionUse, AuthorityKeyFactory.NewEncryptionKey)));
    }
}
