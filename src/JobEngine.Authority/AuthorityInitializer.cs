using JobEngine.Authority.Clients;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace JobEngine.Authority;

/// <summary>
/// Start-up work of the Authority, run once the store is migrated: apply the bootstrap clients,
/// then load (or create) the signing keys so that a bad key fails start-up rather than the
/// first token request.
/// </summary>
public sealed class AuthorityInitializer(ClientBootstrapper bootstrapper, IOptionsMonitor<OpenIddictServerOptions> server)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await bootstrapper.ApplyAsync(cancellationToken);
        _ = server.CurrentValue.SigningCredentials;
    }
}
