namespace JobEngine.Cli;

/// <summary>What jobctl's exit status means, for scripts.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int NotAuthenticated = 3;

    /// <summary>The ledger does not verify: a broken chain, a rewrite, a cut, a forged checkpoint or a changed key.</summary>
    public const int IntegrityFailure = 4;

    /// <summary>An approval policy holds the action: it was not run, and runs once others approve the request printed.</summary>
    public const int AwaitingApproval = 5;
}
