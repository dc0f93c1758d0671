using JobEngine.Client;

namespace JobEngine.Cli.Ledger;

/// <summary>What <c>jobctl audit verify --json</c> prints: the server's chain check, the checkpoint verified and the pin it was checked against.</summary>
internal sealed record LedgerVerifyReport(
    bool Valid,
    AuditVerification Chain,
    CheckpointReport? Checkpoint,
    CheckpointReport? PinnedBefore,
    string? VerifierKey,
    string PinFile,
    FailureReport? Failure);

/// <summary>What <c>jobctl audit verify-file --json</c> prints: the chain of the file and, with <c>--checkpoint</c>, the checkpoint it extends.</summary>
internal sealed record VerifyFileReport(
    bool Valid,
    long EntriesChecked,
    long HeadSequence,
    string? HeadHash,
    int? FirstInvalidLine,
    string? Problem,
    CheckpointReport? Checkpoint,
    FailureReport? Failure);

/// <summary>What <c>jobctl audit proof --json</c> prints: the inclusion proof checked and the signed note whose root it leads to.</summary>
internal sealed record ProofReport(VerifiedInclusion Inclusion, string Checkpoint);

internal sealed record CheckpointReport(long TreeSize, string RootHash, string? Origin = null);

internal sealed record FailureReport(string Kind, string Detail)
{
    public static FailureReport From(LedgerIntegrityException failure) => new(failure.Kind, failure.Message);
}
