using System.Net;
using JobEngine.Client;
using JobEngine.Core.Ledger;
using JobEngine.Core.Protocol;
using JobEngine.SignedNotes;

namespace JobEngine.Cli.Ledger;

/// <summary>
/// Makes the server's newest checkpoint trusted without trusting the server: it must be signed by
/// the pinned key (pinned on first use, or given with <c>--checkpoint-key</c>), be of the tenant's
/// log, and extend the checkpoint pinned before, by a consistency proof checked here. The pin moves
/// forward only when the caller has finished verifying (<see cref="Pin"/>).
/// </summary>
internal sealed class PinnedCheckpointVerifier(CheckpointPins pins, Session session, TimeProvider time)
{
    private string Server => session.Token.Server;

    public string PinFile => pins.FileFor(Server);

    public async Task<TrustedCheckpoint> VerifyAsync(NoteVerifier? givenKey, CancellationToken cancellationToken)
    {
        var tenantId = session.Token.Claim(WireNames.Claims.Tenant)
            ?? throw new CliException(ExitCodes.NotAuthenticated, $"Your token for {Server} names no tenant. Run jobctl login again.");
        var pinned = pins.Find(Server);
        var pinnedKey = pinned is null ? null : PinnedKey(pinned);
        if (givenKey is not null && pinnedKey is not null && givenKey.VerifierKey != pinnedKey.VerifierKey)
        {
            throw LedgerIntegrityException.KeyChanged(
                $"You gave the checkpoint key {givenKey.VerifierKey}, but you pinned {pinnedKey.VerifierKey} for {Server} ({PinFile}). " +
                "jobctl never swaps a pinned key: if the server's key was replaced on purpose, move that file away and the next use pins anew.");
        }

        var served = VerifierKeys.FromServer(await session.Api.GetCheckpointKeyAsync(cancellationToken), Server);
        var key = givenKey ?? pinnedKey ?? served;
        if (served.VerifierKey != key.VerifierKey)
        {
            throw LedgerIntegrityException.KeyChanged(givenKey is null
                ? $"{Server} now serves the checkpoint key {served.VerifierKey}, but you pinned {key.VerifierKey} ({PinFile}). " +
                  "Whoever holds another key can sign any ledger: ask the server's operator why it changed."
                : $"{Server} serves the checkpoint key {served.VerifierKey}, not the one you gave ({key.VerifierKey}).");
        }

        var pin = pinned?.Tenants.GetValueOrDefault(tenantId);
        var newest = await session.Api.GetNewestCheckpointAsync(cancellationToken);
        if (newest is null)
        {
            return pin is null
                ? new TrustedCheckpoint(tenantId, key, null, null, null, pinned is null)
                : throw LedgerIntegrityException.Truncated(
                    $"{Server} has no checkpoint for tenant '{tenantId}', but you pinned its checkpoint of size {pin.TreeSize} " +
                    $"on {Output.Time(pin.VerifiedAt)}: the checkpoints that vouched for its entries were removed.");
        }

        var source = $"The newest checkpoint of {Server} for tenant '{tenantId}'";
        var checkpoint = CheckpointNotes.Open(key, newest.Note, source);
        CheckpointNotes.RequireTenant(checkpoint, tenantId, source);
        if (newest.TenantId != tenantId || newest.TreeSize != checkpoint.TreeSize || newest.RootHash != Convert.ToBase64String(checkpoint.RootHash))
        {
            throw LedgerIntegrityException.WrongCheckpoint(
                $"{source} is described as tree size {newest.TreeSize} with root {newest.RootHash}, but its note signs size {checkpoint.TreeSize} " +
                $"with root {Convert.ToBase64String(checkpoint.RootHash)}.");
        }

        if (pin is not null)
        {
            await RequireConsistentAsync(pin, checkpoint, cancellationToken);
        }

        return new TrustedCheckpoint(tenantId, key, checkpoint, newest.Note, pin, pinned is null);
    }

    /// <summary>Pins the key and moves the tenant's pin forward to <paramref name="trusted"/>.</summary>
    public void Pin(TrustedCheckpoint trusted) => pins.Save(Server, trusted.Key.VerifierKey, trusted.TenantId,
        trusted.Checkpoint is not { } checkpoint
            ? null
            : new TenantPin(checkpoint.TreeSize, Convert.ToBase64String(checkpoint.RootHash), trusted.Note!, time.GetUtcNow()));

    private async Task RequireConsistentAsync(TenantPin pin, Checkpoint newest, CancellationToken cancellationToken)
    {
        var since = $"the checkpoint of size {pin.TreeSize} you pinned on {Output.Time(pin.VerifiedAt)}";
        if (newest.TreeSize < pin.TreeSize)
        {
            throw LedgerIntegrityException.Truncated(
                $"The newest checkpoint of {Server} is of size {newest.TreeSize}, smaller than {since}: " +
                $"{LedgerIntegrityException.EntriesAre(newest.TreeSize + 1, pin.TreeSize)} gone from the ledger, and the checkpoints of size {pin.TreeSize} and up were removed.");
        }

        var rewritten = LedgerIntegrityException.Rewritten(
            $"The newest checkpoint of {Server} (size {newest.TreeSize}) is not consistent with {since}: " +
            $"the first {pin.TreeSize} entries no longer have the root that was signed, so entries were rewritten or removed.");
        ConsistencyProof proof;
        try
        {
            proof = await session.Api.GetConsistencyProofAsync(pin.TreeSize, newest.TreeSize, cancellationToken);
        }
        catch (JobEngineProblemException refused) when (refused.Status is (int)HttpStatusCode.BadRequest or (int)HttpStatusCode.NotFound)
        {
            throw rewritten;
        }

        var pinnedRoot = MerkleHash.FromBase64([pin.RootHash])
            ?? throw new CliException(ExitCodes.Failed, $"The pinned root hash in {PinFile} is not base64. Restore the file.");
        if (proof.First != pin.TreeSize || proof.Second != newest.TreeSize || MerkleHash.FromBase64(proof.Proof) is not { } path
            || !MerkleVerifier.VerifyConsistency(pin.TreeSize, newest.TreeSize, pinnedRoot[0], newest.RootHash, path))
        {
            throw rewritten;
        }
    }

    private NoteVerifier PinnedKey(ServerPins pinned) => NoteVerifier.TryParse(pinned.VerifierKey, out var key, out var error)
        ? key
        : throw new CliException(ExitCodes.Failed, $"The pinned checkpoint key in {PinFile} is unreadable ({error}). Restore the file.");
}

/// <summary>
/// The server's newest checkpoint, verified (null when none has been signed yet), with the key it
/// was verified with and the tenant's pin it was checked against.
/// </summary>
internal sealed record TrustedCheckpoint(
    string TenantId,
    NoteVerifier Key,
    Checkpoint? Checkpoint,
    string? Note,
    TenantPin? PinnedBefore,
    bool KeyPinnedNow);
