using JobEngine.Infrastructure.Diagnostics;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Ledger.Witnesses;
using JobEngine.Infrastructure.Persistence;
using JobEngine.SignedNotes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobEngine.Infrastructure.Ledger;

/// <summary>
/// A tenant's signed checkpoints: signing the tree as it stands (one checkpoint per size, whichever
/// process signs it: Ed25519 is deterministic, so two signers of one size write the same note) and
/// reading them back. Nothing is signed unless the tree still extends the newest checkpoint: its
/// root at that checkpoint's size, recomputed from the stored nodes, must be the signed one.
/// </summary>
public sealed partial class Checkpoints(
    JobEngineDbContext db, WriteTransaction transaction, AuditTree tree, CheckpointKey key, LedgerIntegrity integrity,
    WitnessedCheckpoints witnessed, WitnessSignal delivery, JobEngineMetrics metrics, IOptions<LedgerOptions> options, TimeProvider time,
    ILogger<Checkpoints> logger)
{
    public Task<StoredCheckpoint?> NewestAsync(string tenantId, CancellationToken cancellationToken) =>
        db.Checkpoints.AsNoTracking()
            .Where(checkpoint => checkpoint.TenantId == tenantId)
            .OrderByDescending(checkpoint => checkpoint.TreeSize)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<List<StoredCheckpoint>> ListAsync(string tenantId, long fromSize, int limit, CancellationToken cancellationToken) =>
        db.Checkpoints.AsNoTracking()
            .Where(checkpoint => checkpoint.TenantId == tenantId && checkpoint.TreeSize >= fromSize)
            .OrderBy(checkpoint => checkpoint.TreeSize)
            .Take(limit)
            .ToListAsync(cancellationToken);

    /// <summary>Signs the tenant's tree at its current size, unless a checkpoint of that size exists (Created = false).</summary>
    public async Task<Outcome<SignedCheckpoint>> SignAsync(string tenantId, CancellationToken cancellationToken)
    {
        var (newest, vouched) = await VouchedAsync(tenantId, cancellationToken);
        var size = await tree.SizeAsync(tenantId, cancellationToken);
        if (newest is not null && newest.TreeSize == size)
        {
            return new SignedCheckpoint(newest, Created: false);
        }

        if (integrity.TryGetViolation(tenantId, out var known))
        {
            return Failure.IntegrityViolated(known);
        }

        if (await CheckAsync(tenantId, vouched, size, cancellationToken) is { } broken)
        {
            return broken;
        }

        var root = await tree.RootAsync(tenantId, size, cancellationToken);
        var note = key.Signer.Sign(new Checkpoint(options.Value.OriginOf(tenantId), size, root).ToText());
        var checkpoint = new StoredCheckpoint(tenantId, size, root, time.GetUtcNow(), note);
        try
        {
            var outcome = await transaction.RunAsync<bool>(_ =>
            {
                db.Checkpoints.Add(checkpoint);
                return Task.FromResult<Outcome<bool>>(true);
            }, cancellationToken);
            if (!outcome.TryGet(out _, out var failure))
            {
                return failure;
            }

            delivery.Wake();
            metrics.CheckpointsSigned.Add(1);
            return new SignedCheckpoint(checkpoint, Created: true);
        }
        catch (Exception exception) when (StoreFailures.IsUniqueViolation(exception))
        {
            // Another process signed this size first; its note is the same signature of the same tree.
            var signed = await db.Checkpoints.AsNoTracking()
                .SingleAsync(stored => stored.TenantId == tenantId && stored.TreeSize == size, cancellationToken);
            return new SignedCheckpoint(signed, Created: false);
        }
    }

    /// <summary>
    /// Whether the tenant's ledger still extends its newest checkpoint, in the store and in every
    /// directory witness; a violation is remembered (<see cref="LedgerIntegrity"/>) and logged as
    /// critical. Run at start-up for every tenant, and before signing.
    /// </summary>
    public async Task<Failure?> CheckAsync(string tenantId, CancellationToken cancellationToken)
    {
        var (_, vouched) = await VouchedAsync(tenantId, cancellationToken);
        return await CheckAsync(tenantId, vouched, await tree.SizeAsync(tenantId, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The newest checkpoint of the store and of each directory witness. Read them before the tree's
    /// size: a checkpoint only vouches for a size the tree had when it was signed and the tree only
    /// grows, whereas a size read first could be overtaken by another process's newer checkpoint and
    /// look like a cut ledger.
    /// </summary>
    private async Task<(StoredCheckpoint? Newest, List<VouchedSize> Vouched)> VouchedAsync(string tenantId, CancellationToken cancellationToken)
    {
        var newest = await NewestAsync(tenantId, cancellationToken);
        var vouched = new List<VouchedSize>();
        if (newest is not null)
        {
            vouched.Add(new VouchedSize("the store", newest.TreeSize, newest.RootHash));
        }

        foreach (var witnessed in await witnessed.NewestAsync(tenantId, cancellationToken))
        {
            vouched.Add(new VouchedSize($"the witness {witnessed.Witness}", witnessed.Checkpoint.TreeSize, witnessed.Checkpoint.RootHash));
        }

        return (newest, vouched);
    }

    private async Task<Failure?> CheckAsync(string tenantId, List<VouchedSize> vouched, long size, CancellationToken cancellationToken)
    {
        foreach (var (keeper, treeSize, rootHash) in vouched.OrderByDescending(checkpoint => checkpoint.TreeSize))
        {
            if (await ExtendsAsync(tenantId, treeSize, rootHash, size, cancellationToken) is { } broken)
            {
                var detail = $"{broken.Detail} (the checkpoint held by {keeper})";
                integrity.Violated(tenantId, detail);
                LogIntegrityViolated(tenantId, detail);
                return Failure.IntegrityViolated(detail);
            }
        }

        return null;
    }

    /// <summary>Null when the tree of <paramref name="size"/> still holds what a checkpoint of <paramref name="treeSize"/> and <paramref name="rootHash"/> vouches for.</summary>
    private async Task<Failure?> ExtendsAsync(string tenantId, long treeSize, byte[] rootHash, long size, CancellationToken cancellationToken)
    {
        if (size < treeSize)
        {
            return Failure.IntegrityViolated(
                $"The ledger of tenant '{tenantId}' holds {size} entries; a signed checkpoint vouches for {treeSize}.");
        }

        var root = await tree.RootAsync(tenantId, treeSize, cancellationToken);
        return root.AsSpan().SequenceEqual(rootHash)
            ? null
            : Failure.IntegrityViolated(
                $"The ledger of tenant '{tenantId}' no longer has the root its checkpoint of size {treeSize} signed: entries were rewritten.");
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Ledger integrity violated for tenant {Tenant}: {Detail} Nothing more is signed.")]
    private partial void LogIntegrityViolated(string tenant, string detail);
}

/// <summary>A tree size and root that a signed checkpoint vouches for, and who holds that checkpoint.</summary>
internal readonly record struct VouchedSize(string Keeper, long TreeSize, byte[] RootHash);

/// <summary>A checkpoint, and whether this call signed it.</summary>
public sealed record SignedCheckpoint(StoredCheckpoint Checkpoint, bool Created);
