using OpenIddict.EntityFrameworkCore.Models;

namespace JobEngine.Authority.Clients;

/// <summary>
/// A registration that exists nowhere, with a secret nobody knows, hashed once per process the way
/// OpenIddict hashes real secrets. A token request naming an unknown client id has its secret checked
/// against it, so it costs what a known client id with a wrong secret costs (one PBKDF2 run) and
/// valid client ids cannot be told apart by how long the answer takes.
/// </summary>
internal sealed class DecoyClient
{
    public const string ClientId = "(unknown client)";

    private OpenIddictEntityFrameworkCoreApplication? _application;
    private long _checks;

    /// <summary>How many secrets were checked against the decoy since the process started.</summary>
    public long Checks => Interlocked.Read(ref _checks);

    /// <summary>Checks <paramref name="secret"/> as a known client's would be checked; never true.</summary>
    public async ValueTask<bool> ValidateSecretAsync(CachingApplicationManager applications, string secret, CancellationToken cancellationToken)
    {
        // Two first requests may both make a decoy; either serves.
        var decoy = _application ??= await applications.CreateDecoyAsync(ClientId, cancellationToken);
        Interlocked.Increment(ref _checks);
        return await applications.ValidateClientSecretAsync(decoy, secret, cancellationToken);
    }
}
