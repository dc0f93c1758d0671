namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>Waits for what background work makes true sooner or later (a rotation, a delivery), failing after a patience.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(60);

    /// <summary>The first non-null answer of <paramref name="probe"/>, asked every 100 ms.</summary>
    public static async Task<T> ProbeAsync<T>(Func<Task<T?>> probe, TimeSpan? patience = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (patience ?? DefaultPatience);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Not within {patience ?? DefaultPatience}.");
    }
}
