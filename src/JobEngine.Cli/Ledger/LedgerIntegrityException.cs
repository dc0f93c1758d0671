namespace JobEngine.Cli.Ledger;

/// <summary>
/// The ledger does not verify, and why: <see cref="Kind"/> names the failure for scripts, the
/// message says what was found for people. jobctl exits <see cref="ExitCodes.IntegrityFailure"/>.
/// </summary>
internal sealed class LedgerIntegrityException : Exception
{
    private LedgerIntegrityException(string kind, string detail) : base(detail) => Kind = kind;

    public string Kind { get; }

    /// <summary>"entry 3 is" or "entries 3 to 5 are".</summary>
    public static string EntriesAre(long first, long last) => first == last ? $"entry {first} is" : $"entries {first} to {last} are";

    /// <summary>An entry does not hash to its contentHash or does not link to the one before.</summary>
    public static LedgerIntegrityException ChainBroken(string detail) => new("chain-broken", detail);

    /// <summary>Entries a signed checkpoint vouches for are gone.</summary>
    public static LedgerIntegrityException Truncated(string detail) => new("truncated", detail);

    /// <summary>The entries a signed checkpoint vouches for no longer have its root.</summary>
    public static LedgerIntegrityException Rewritten(string detail) => new("rewritten", detail);

    /// <summary>A checkpoint that the trusted key did not sign: forged, changed or signed by another key.</summary>
    public static LedgerIntegrityException ForgedCheckpoint(string detail) => new("checkpoint-signature", detail);

    /// <summary>The server serves another checkpoint key than the one pinned or given.</summary>
    public static LedgerIntegrityException KeyChanged(string detail) => new("checkpoint-key-changed", detail);

    /// <summary>A checkpoint of another log or tenant, or one the server describes otherwise than it signed.</summary>
    public static LedgerIntegrityException WrongCheckpoint(string detail) => new("checkpoint-mismatch", detail);

    /// <summary>An inclusion proof that does not lead to the signed root.</summary>
    public static LedgerIntegrityException ProofFailed(string detail) => new("inclusion-proof", detail);
}
