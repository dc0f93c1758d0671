namespace JobEngine.Cli;

/// <summary>What jobctl's exit status means, for scripts.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int NotAuthenticated = 3;
}
