namespace JobEngine.WebService.Ledger;

/// <summary>When to try a failing witness or sink again.</summary>
internal static class RetryBackoff
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(5);

    /// <summary>Doubling from one second up to five minutes, each wait drawn from its upper half so that processes spread out.</summary>
    public static TimeSpan After(int failures)
    {
        var ceiling = Math.Min(LongestRetry.TotalMilliseconds, FirstRetry.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }
}
