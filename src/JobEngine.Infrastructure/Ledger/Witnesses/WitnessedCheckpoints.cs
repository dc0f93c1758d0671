using System.Runtime.CompilerServices;
using JobEngine.SignedNotes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobEngine.Infrastructure.Ledger.Witnesses;

/// <summary>
/// Reads back what the directory witnesses hold for a tenant: only notes that this deployment's key
/// signed for the tenant's log count. A file that does not verify proves nothing (anyone who can
/// write the witness could have put it there) and is logged and passed over.
/// </summary>
public sealed partial class WitnessedCheckpoints(
    WitnessSet witnesses, CheckpointKey key, IOptions<LedgerOptions> options, ILogger<WitnessedCheckpoints> logger)
{
    public HashSet<string> Tenants()
    {
        var tenants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var witness in witnesses.Directories)
        {
            try
            {
                tenants.UnionWith(witness.Tenants());
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                LogUnlisted(witness.Name, "every tenant", exception.Message);
            }
        }

        return tenants;
    }

    /// <summary>The largest verified checkpoint each directory witness holds for the tenant.</summary>
    public async Task<List<WitnessedCheckpoint>> NewestAsync(string tenantId, CancellationToken cancellationToken)
    {
        var newest = new List<WitnessedCheckpoint>();
        foreach (var witness in witnesses.Directories)
        {
            await foreach (var checkpoint in VerifiedAsync(witness, tenantId, cancellationToken))
            {
                newest.Add(checkpoint);
                break;
            }
        }

        return newest;
    }

    /// <summary>Every verified checkpoint the directory witnesses hold for the tenant.</summary>
    public async Task<List<CheckpointNote>> AllAsync(string tenantId, CancellationToken cancellationToken)
    {
        var all = new List<CheckpointNote>();
        foreach (var witness in witnesses.Directories)
        {
            await foreach (var checkpoint in VerifiedAsync(witness, tenantId, cancellationToken))
            {
                all.Add(new CheckpointNote(checkpoint.Checkpoint.TreeSize, checkpoint.Note));
            }
        }

        return all;
    }

    /// <summary>The witness's checkpoints of the tenant that verify, largest first.</summary>
    private async IAsyncEnumerable<WitnessedCheckpoint> VerifiedAsync(
        DirectoryWitness witness, string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var size in SizesOf(witness, tenantId))
        {
            if (await OpenAsync(witness, tenantId, size, cancellationToken) is { } checkpoint)
            {
                yield return checkpoint;
            }
        }
    }

    private IReadOnlyList<long> SizesOf(DirectoryWitness witness, string tenantId)
    {
        try
        {
            return witness.SizesOf(tenantId);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogUnlisted(witness.Name, tenantId, exception.Message);
            return [];
        }
    }

    private async Task<WitnessedCheckpoint?> OpenAsync(DirectoryWitness witness, string tenantId, long size, CancellationToken cancellationToken)
    {
        string note;
        try
        {
            note = await witness.ReadAsync(tenantId, size, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(witness.Name, tenantId, size, exception.Message);
            return null;
        }

        if (!Checkpoint.TryOpen(note, key.Verifier, options.Value.OriginOf(tenantId), out var checkpoint, out var error)
            || checkpoint.TreeSize != size)
        {
            LogNotOurs(witness.Name, tenantId, size, error ?? "the note is of another tree size than its file name");
            return null;
        }

        return new WitnessedCheckpoint(witness.Name, checkpoint, note);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Witness {Witness} holds a checkpoint file {Tenant}/{Size} that is not this deployment's: {Why}")]
    private partial void LogNotOurs(string witness, string tenant, long size, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "Witness {Witness}: the checkpoints of {Tenant} cannot be listed, so the ledger is not checked against them: {Why}")]
    private partial void LogUnlisted(string witness, string tenant, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Witness {Witness}: the checkpoint file {Tenant}/{Size} cannot be read: {Why}")]
    private partial void LogUnreadable(string witness, string tenant, long size, string why);
}

/// <summary>A checkpoint a witness holds, verified under this deployment's key.</summary>
public sealed record WitnessedCheckpoint(string Witness, Checkpoint Checkpoint, string Note);
