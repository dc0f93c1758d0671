using JobEngine.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace JobEngine.Infrastructure.Ledger.Witnesses;

/// <summary>The deployment's witnesses (<see cref="LedgerOptions.Witnesses"/>), in the configured order.</summary>
public sealed class WitnessSet : IDisposable
{
    // One long-lived client for every HTTP witness; a bounded connection lifetime follows DNS changes.
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

    public WitnessSet(IOptions<LedgerOptions> options, StoragePaths paths)
    {
        foreach (var address in options.Value.Witnesses)
        {
            if (WitnessAddress.IsUrl(address))
            {
                All.Add(new HttpWitness(new Uri(address, UriKind.Absolute), _http));
            }
            else
            {
                var directory = new DirectoryWitness(paths.Resolve(address));
                Directories.Add(directory);
                All.Add(directory);
            }
        }
    }

    public List<IWitness> All { get; } = [];

    /// <summary>The witnesses this process can read back, to check its ledger against.</summary>
    public List<DirectoryWitness> Directories { get; } = [];

    public void Dispose() => _http.Dispose();
}
