namespace JobEngine.Core;

/// <summary>
/// Every stored instant is UTC truncated to whole microseconds: the finest precision both stores
/// keep, so a value reads back exactly as it was written (and hashes the same).
/// </summary>
public static class Timestamps
{
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }
}
