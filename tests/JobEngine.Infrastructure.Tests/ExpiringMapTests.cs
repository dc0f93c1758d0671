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

    [Fact]
    public void WhenFull_LapsedEntriesGoFirst_ThenTheSoonestToLapse_AndAQuarterOfTheRoomIsFreed()
    {
        var clock = new ManualClock(Start);
        var map = new ExpiringMap<string, int>(clock, capacity: 8);
        map.Set("lapsed", 0, Start.AddSeconds(1));
        for (var i = 1; i <= 7; i++)
        {
            map.Set($"k{i}", i, Start.AddMinutes(i));
        }

        clock.Now = Start.AddSeconds(2);
        map.Set("new", 8, Start.AddMinutes(30));

        Assert.False(map.TryGet("lapsed", out _));
        Assert.False(map.TryGet("k1", out _));
        Assert.True(map.TryGet("k7", out _));
        Assert.True(map.TryGet("new", out _));
        Assert.InRange(map.Count, 6, 7);
    }

    [Fact]
    public void WeighedEntries_BoundTheTotalWeight_AndAnEntryHeavierThanTheBoundIsNotKept()
    {
        var map = new ExpiringMap<string, string>(new ManualClock(Start), capacity: 100, weigh: value => value.Length);
        map.Set("too-heavy", new string('x', 101), Start.AddMinutes(1));
        Assert.False(map.TryGet("too-heavy", out _));

        for (var i = 0; i < 20; i++)
        {
            map.Set($"k{i}", new string('x', 30), Start.AddMinutes(i + 1));
            Assert.InRange(map.Weight, 30, 100);
        }

        var before = map.Weight;
        map.Set("k19", "short", Start.AddMinutes(40));
        Assert.True(map.TryGet("k19", out var replaced));
        Assert.Equal("short", replaced);
        Assert.Equal(before - 25, map.Weight);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
