namespace JobEngine.Core.Jobs;

/// <summary>How long a failed job waits before it may be leased again: 10 s doubling, at most 15 min.</summary>
public static class RetryBackoff
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(15);

    /// <summary>The delay after the <paramref name="failedAttempts"/>-th failed attempt (1-based).</summary>
    public static TimeSpan After(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 20);
        var delay = TimeSpan.FromTicks(First.Ticks << exponent);
        return delay < Longest ? delay : Longest;
    }
}
