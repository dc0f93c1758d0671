using JobEngine.Infrastructure.Persistence;
using JobEngine.SignedNotes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobEngine.Infrastructure.Ledger;

/// <summary>
/// The checkpoint signing key, read from <see cref="LedgerOptions.CheckpointKeyFile"/> (created on
/// first start, readable by its owner only) and held for the life of the process. It is never
/// written to the database: whoever can rewrite the database cannot sign for the forgery.
/// Processes started at once race to create the file; one wins, the others read it.
/// </summary>
public sealed partial class CheckpointKey : IDisposable
{
    private readonly Lazy<NoteSigner> _signer;
    private readonly Lazy<NoteVerifier> _verifier;

    public CheckpointKey(IOptions<LedgerOptions> options, StoragePaths paths, ILogger<CheckpointKey> logger)
    {
        var path = paths.Resolve(options.Value.CheckpointKeyFile);
        var name = options.Value.Origin;
        _signer = new Lazy<NoteSigner>(() => LoadOrCreate(path, name, logger));
        _verifier = new Lazy<NoteVerifier>(() => NoteVerifier.TryParse(VerifierKey, out var verifier, out var error)
            ? verifier
            : throw new InvalidOperationException($"The checkpoint key's own verifier key does not parse: {error}"));
    }

    public NoteSigner Signer => _signer.Value;

    /// <summary>The public verifier key an auditor pins.</summary>
    public string VerifierKey => Signer.VerifierKey;

    /// <summary>Checks notes against this deployment's key.</summary>
    public NoteVerifier Verifier => _verifier.Value;

    public void Dispose()
    {
        if (_signer.IsValueCreated)
        {
            _signer.Value.Dispose();
        }
    }

    private static NoteSigner LoadOrCreate(string path, string name, ILogger logger)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var (created, privateKey) = NoteSigner.Generate(name);
            created.Dispose();
            try
            {
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var file = new FileStream(path, create);
                using var writer = new StreamWriter(file);
                writer.Write(privateKey + "\n");
                writer.Flush();
                file.Flush(flushToDisk: true);
                LogCreated(logger, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: its key is the deployment's key.
            }
        }

        if (!NoteSigner.TryParse(File.ReadAllText(path), out var signer, out var error))
        {
            throw new InvalidOperationException($"The checkpoint key file {path} (JobEngine:Ledger:CheckpointKeyFile) holds no usable key: {error}.");
        }

        return signer;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the checkpoint signing key {Path}; keep it outside the database and give every process of this deployment the same file")]
    private static partial void LogCreated(ILogger logger, string path);
}
