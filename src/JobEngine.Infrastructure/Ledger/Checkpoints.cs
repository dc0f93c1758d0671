using System.Text.Json;
using JobEngine.Infrastructure.Diagnostics;
using JobEngine.Core.Ledger;
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
/// root at that checkpoint's size, recomputed from the stored nodes and the entries under the
/// unstored ones, must be the signed one; and the root it signs must be the one the appends built.
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

    /// <summary>
    /// Each tenant's newest checkpoint, in one query that seeks each tenant's largest size in the
    /// primary key (a <c>GROUP BY</c> would read every checkpoint the tenants have).
    /// </summary>
    private async Task<Dictionary<string, StoredCheckpoint>> NewestOfAsync(IReadOnlyList<string> tenantIds, CancellationToken cancellationToken)
    {
        var tenants = tenantIds.Distinct(StringComparer.Ordinal).ToArray();

        // The columns by name: a statement PostgreSQL prepared keeps its result's shape when a newer process adds a column.
        var lateral = "SELECT " + SelectList.Of<StoredCheckpoint>(db) + """
             FROM unnest({0}) AS t(tenant)
            CROSS JOIN LATERAL (SELECT * FROM audit_checkpoints WHERE tenant_id = t.tenant ORDER BY tree_size DESC LIMIT 1) AS c
            """;
        var newest = db.Database.IsNpgsql()
            ? db.Checkpoints.FromSqlRaw(lateral, (object)tenants)
            : db.Checkpoints.FromSql($"""
                SELECT * FROM audit_checkpoints WHERE (tenant_id, tree_size) IN (
                  SELECT t.value, (SELECT MAX(m.tree_size) FROM audit_checkpoints AS m WHERE m.tenant_id = t.value) FROM json_each({JsonSerializer.Serialize(tenants)}) AS t)
                """);
        return await newest.AsNoTracking().ToDictionaryAsync(checkpoint => checkpoint.TenantId, StringComparer.Ordinal, cancellationToken);
    }

    public Task<List<StoredCheckpoint>> ListAsync(string tenantId, long fromSize, int limit, CancellationToken cancellationToken) =>
        db.Checkpoints.AsNoTracking()
            .Where(checkpoint => checkpoint.TenantId == tenantId && checkpoint.TreeSize >= fromSize)
            .OrderBy(checkpoint => checkpoint.TreeSize)
            .Take(limit)
            .ToListAsync(cancellationToken);

    /// <summary>Signs the tenant's tree at its current size, unless a checkpoint of that size exists (Created = false).</summary>
    public async Task<Outcome<SignedCheckpoint>> SignAsync(string tenantId, CancellationToken cancellationToken)
    {
        var (_, prepared) = (await PrepareAsync([tenantId], cancellationToken))[0];
        if (!prepared.TryGet(out var signed, out var failure))
        {
            return failure;
        }

        return signed.Created ? await StoreAsync(signed.Checkpoint, cancellationToken) : signed;
    }

    /// <summary>
    /// Signs each tenant's tree as <see cref="SignAsync"/> does, reading the trees' heads (sizes and
    /// right edges) once for all. On SQLite, whose file takes one writer at a time, the new
    /// checkpoints are stored in one transaction, so a pass over many due tenants pays one durable
    /// commit rather than one each; on PostgreSQL each tenant's stays its own, as no transaction
    /// spans tenants there.
    /// </summary>
    public async Task<IReadOnlyList<(string TenantId, Outcome<SignedCheckpoint> Outcome)>> SignAllAsync(
        IReadOnlyList<string> tenantIds, CancellationToken cancellationToken)
    {
        var outcomes = new List<(string TenantId, Outcome<SignedCheckpoint> Outcome)>(tenantIds.Count);
        var unsigned = new List<StoredCheckpoint>();
        foreach (var (tenantId, prepared) in await PrepareAsync(tenantIds, cancellationToken))
        {
            if (prepared.TryGet(out var signed, out _) && signed.Created)
            {
                unsigned.Add(signed.Checkpoint);
            }
            else
            {
                outcomes.Add((tenantId, prepared));
            }
        }

        if (unsigned.Count > 1 && db.Database.IsSqlite() && await StoreTogetherAsync(unsigned, cancellationToken))
        {
            outcomes.AddRange(unsigned.Select(checkpoint => (checkpoint.TenantId, (Outcome<SignedCheckpoint>)new SignedCheckpoint(checkpoint, Created: true))));
            return outcomes;
        }

        foreach (var checkpoint in unsigned)
        {
            outcomes.Add((checkpoint.TenantId, await StoreAsync(checkpoint, cancellationToken)));
        }

        return outcomes;
    }

    /// <summary>
    /// For each tenant, the checkpoint of its tree at its current size, signed but not yet stored
    /// (Created = true), or the stored one of that size (Created = false).
    /// </summary>
    private async Task<List<(string TenantId, Outcome<SignedCheckpoint> Outcome)>> PrepareAsync(
        IReadOnlyList<string> tenantIds, CancellationToken cancellationToken)
    {
        var vouched = await VouchedAsync(tenantIds, cancellationToken);
        var heads = await tree.HeadsAsync(tenantIds, cancellationToken);
        var prepared = new List<(string TenantId, Outcome<SignedCheckpoint> Outcome)>(tenantIds.Count);
        foreach (var tenantId in tenantIds)
        {
            var (newest, vouchedSizes) = vouched[tenantId];
            try
            {
                prepared.Add((tenantId, await PrepareAsync(tenantId, newest, vouchedSizes, heads.GetValueOrDefault(tenantId), cancellationToken)));
            }
            catch (TreeNodeMissingException exception)
            {
                // A tree that lacks a node it needs: this tenant is not signed, the others of the pass still are.
                prepared.Add((tenantId, Failure.Unavailable(exception.Message)));
            }
        }

        return prepared;
    }

    private async Task<Outcome<SignedCheckpoint>> PrepareAsync(
        string tenantId, StoredCheckpoint? newest, List<VouchedSize> vouched, AuditChainHead? head, CancellationToken cancellationToken)
    {
        var size = head?.Sequence ?? 0;
        if (newest is not null && newest.TreeSize == size)
        {
            return new SignedCheckpoint(newest, Created: false);
        }

        if (integrity.TryGetViolation(tenantId, out var known))
        {
            return Failure.IntegrityViolated(known);
        }

        // The roots the checkpoints vouch for and the root to sign, from one read of the nodes (and the
        // entries under the unstored ones); checked in the same order as they would be read one by
        // one, so a tampered tree fails the same way.
        var roots = await tree.RootsAsync(tenantId, [.. VouchedSizesWithin(vouched, size), size], cancellationToken);
        if (Violation(tenantId, vouched, size, roots) is { } broken)
        {
            return broken;
        }

        var root = roots(size);
        if (head is not null && DiffersFromAppendedRoot(tenantId, head, root) is { } differs)
        {
            return differs;
        }

        var note = key.Signer.Sign(new Checkpoint(options.Value.OriginOf(tenantId), size, root).ToText());
        return new SignedCheckpoint(new StoredCheckpoint(tenantId, size, root, time.GetUtcNow(), note), Created: true);
    }

    private async Task<Outcome<SignedCheckpoint>> StoreAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await InsertAsync([checkpoint], cancellationToken);
            return outcome.TryGet(out _, out var failure) ? new SignedCheckpoint(checkpoint, Created: true) : failure;
        }
        catch (Exception exception) when (StoreFailures.IsUniqueViolation(exception))
        {
            // Another process signed this size first; its note is the same signature of the same tree.
            var signed = await db.Checkpoints.AsNoTracking()
                .SingleAsync(stored => stored.TenantId == checkpoint.TenantId && stored.TreeSize == checkpoint.TreeSize, cancellationToken);
            return new SignedCheckpoint(signed, Created: false);
        }
    }

    /// <summary>
    /// Stores the checkpoints in one transaction; false when that changed nothing (one of them was
    /// signed by another process first, or the store refused), so that each is stored alone.
    /// </summary>
    private async Task<bool> StoreTogetherAsync(List<StoredCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        try
        {
            return (await InsertAsync(checkpoints, cancellationToken)).Succeeded;
        }
        catch (Exception exception) when (StoreFailures.IsUniqueViolation(exception))
        {
            return false;
        }
    }

    /// <summary>Inserts the checkpoints in one write transaction; once committed, witnesses are woken and the count recorded.</summary>
    private async Task<Outcome<bool>> InsertAsync(IReadOnlyCollection<StoredCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        var outcome = await transaction.RunAsync<bool>(_ =>
        {
            db.Checkpoints.AddRange(checkpoints);
            return Task.FromResult<Outcome<bool>>(true);
        }, cancellationToken);
        if (outcome.Succeeded)
        {
            delivery.Wake();
            metrics.CheckpointsSigned.Add(checkpoints.Count);
        }

        return outcome;
    }

    /// <summary>
    /// Whether the tenant's ledger still extends its newest checkpoint, in the store and in every
    /// directory witness; a violation is remembered (<see cref="LedgerIntegrity"/>) and logged as
    /// critical. Run at start-up for every tenant, and before signing.
    /// </summary>
    public async Task<Failure?> CheckAsync(string tenantId, CancellationToken cancellationToken)
    {
        var (_, vouched) = (await VouchedAsync([tenantId], cancellationToken))[tenantId];
        var size = await tree.SizeAsync(tenantId, cancellationToken);
        var roots = await tree.RootsAsync(tenantId, [.. VouchedSizesWithin(vouched, size)], cancellationToken);
        return Violation(tenantId, vouched, size, roots);
    }

    /// <summary>
    /// Each tenant's newest checkpoint of the store, and the sizes and roots that it and each directory
    /// witness's newest vouch for. Read them before the trees' sizes: a checkpoint only vouches for a
    /// size the tree had when it was signed and the tree only grows, whereas a size read first could
    /// be overtaken by another process's newer checkpoint and look like a cut ledger.
    /// </summary>
    private async Task<Dictionary<string, (StoredCheckpoint? Newest, List<VouchedSize> Vouched)>> VouchedAsync(
        IReadOnlyList<string> tenantIds, CancellationToken cancellationToken)
    {
        var vouched = new Dictionary<string, (StoredCheckpoint? Newest, List<VouchedSize> Vouched)>(tenantIds.Count);
        var newestOf = await NewestOfAsync(tenantIds, cancellationToken);
        foreach (var tenantId in tenantIds)
        {
            var newest = newestOf.GetValueOrDefault(tenantId);
            var sizes = new List<VouchedSize>();
            if (newest is not null)
            {
                sizes.Add(new VouchedSize("the store", newest.TreeSize, newest.RootHash));
            }

            foreach (var witnessed in await witnessed.NewestAsync(tenantId, cancellationToken))
            {
                sizes.Add(new VouchedSize($"the witness {witnessed.Witness}", witnessed.Checkpoint.TreeSize, witnessed.Checkpoint.RootHash));
            }

            vouched[tenantId] = (newest, sizes);
        }

        return vouched;
    }

    /// <summary>The vouched sizes a tree of <paramref name="size"/> has roots for; a larger one is a cut ledger, which needs no root to tell.</summary>
    private static IEnumerable<long> VouchedSizesWithin(List<VouchedSize> vouched, long size) =>
        vouched.Select(checkpoint => checkpoint.TreeSize).Where(treeSize => treeSize <= size);

    /// <summary>
    /// Null when the tree of <paramref name="size"/> (whose root at a vouched size
    /// <paramref name="roots"/> computes) still holds what every vouched checkpoint signed; else the violation,
    /// remembered and logged as critical.
    /// </summary>
    private Failure? Violation(string tenantId, List<VouchedSize> vouched, long size, Func<long, byte[]> roots)
    {
        foreach (var (keeper, treeSize, rootHash) in vouched.OrderByDescending(checkpoint => checkpoint.TreeSize))
        {
            var detail = size < treeSize
                ? $"The ledger of tenant '{tenantId}' holds {size} entries; a signed checkpoint vouches for {treeSize}."
                : RootDiffers(tenantId, treeSize, rootHash, roots);
            if (detail is not null)
            {
                return Violated(tenantId, $"{detail} (the checkpoint held by {keeper})");
            }
        }

        return null;
    }

    /// <summary>Why the tree's root at <paramref name="treeSize"/> is not <paramref name="rootHash"/>, or null when it is.</summary>
    private static string? RootDiffers(string tenantId, long treeSize, byte[] rootHash, Func<long, byte[]> roots)
    {
        try
        {
            return roots(treeSize).AsSpan().SequenceEqual(rootHash)
                ? null
                : $"The ledger of tenant '{tenantId}' no longer has the root its checkpoint of size {treeSize} signed: entries were rewritten.";
        }
        catch (TreeNodeMissingException exception)
        {
            // Entries and nodes are never removed: what a signed size covers and is gone was taken out of the store.
            return $"{exception.Message} It is covered by the checkpoint of size {treeSize}: entries or tree nodes were removed.";
        }
    }

    /// <summary>
    /// Null when <paramref name="root"/>, computed from the store, is the root the appends built on
    /// the head (its right edge); else the violation. An entry rewritten since the newest checkpoint,
    /// with its chain and head, changes the root the store gives but not the edge, unless that is
    /// forged too.
    /// </summary>
    private Failure? DiffersFromAppendedRoot(string tenantId, AuditChainHead head, byte[] root)
    {
        if (!TreeFrontier.TryParse(head.Sequence, head.TreeFrontier, out var edge))
        {
            return Failure.Unavailable($"The Merkle tree of tenant '{tenantId}' is not built for its {head.Sequence} entries; the next start builds it.");
        }

        return edge.Root().AsSpan().SequenceEqual(root)
            ? null
            : Violated(tenantId, $"The ledger of tenant '{tenantId}' does not give the root its appends built at size {head.Sequence}: entries were rewritten after they were appended.");
    }

    /// <summary>Remembers the violation, so that the tenant's ledger fails closed, and logs it as critical.</summary>
    private Failure Violated(string tenantId, string detail)
    {
        integrity.Violated(tenantId, detail);
        LogIntegrityViolated(tenantId, detail);
        return Failure.IntegrityViolated(detail);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Ledger integrity violated for tenant {Tenant}: {Detail} Nothing more is signed.")]
    private partial void LogIntegrityViolated(string tenant, string detail);
}

/// <summary>A tree size and root that a signed checkpoint vouches for, and who holds that checkpoint.</summary>
internal readonly record struct VouchedSize(string Keeper, long TreeSize, byte[] RootHash);

/// <summary>A checkpoint, and whether this call signed it.</summary>
public sealed record SignedCheckpoint(StoredCheckpoint Checkpoint, bool Created);
