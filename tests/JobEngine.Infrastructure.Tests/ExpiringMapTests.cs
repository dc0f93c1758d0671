using JobEngine.Infrastructure.Caching;

namespace JobEngine.Infrastructure.Tests;

public sealed class ExpiringMapTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnEntry_IsFoundUntilItsExpiry_ThenForgotten()
    {
        var clock = new ManualClock(Start);
        var map = new ExpiringMap<string, int>(clock, capacity: 10);
        map.Set("a", 1, Start.AddSeconds(30));

        clock.Now = Start.AddSeconds(29);
        Assert.True(map.TryGet("a", out var value));
        Assert.Equal(1, value);
        clock.Now = Start.AddSeconds(30);
        Assert.False(map.TryGet("a", out _));
        Assert.Equal(0, map.Count);
    }

    [Fact]
    public void RemovedEntries_AreGone_AndTheMapNeverExceedsItsCapacity()
    {
        var map = new ExpiringMap<string, int>(new ManualClock(Start), capacity: 3);
        map.Set("gone", 0, Start.AddMinutes(1));
        map.Remove("gone");
        Assert.False(map.TryGet("gone", out _));

        for (var i = 0; i < 10; i++)
        {
            map.Set($"k{i}", i, Start.AddMinutes(1));
            Assert.InRange(map.Count, 1, 3);
        }

        Assert.True(map.TryGet("k9", out var last));
        Assert.Equal(9, last);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
