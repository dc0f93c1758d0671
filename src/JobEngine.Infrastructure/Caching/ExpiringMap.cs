using System.Collections.Concurrent;

namespace JobEngine.Infrastructure.Caching;

/// <summary>
/// A bounded in-memory map whose entries lapse at the instant each was given. Its bound is a total
/// weight (by default one per entry; a caller can weigh entries by their estimated bytes). When an
/// entry would pass the bound, lapsed entries go first, then those closest to lapsing, until a
/// quarter of the room is free: what it remembers is only ever a shortcut, so forgetting costs the
/// next callers the slow path once each, and never everyone at once. Reads take no lock.
/// </summary>
public sealed class ExpiringMap<TKey, TValue>(TimeProvider time, long capacity, Func<TValue, long>? weigh = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly Lock _writes = new();
    private long _weight;

    public int Count => _entries.Count;

    /// <summary>The total weight held (entries, or estimated bytes when entries are weighed).</summary>
    public long Weight => Interlocked.Read(ref _weight);

    public DateTimeOffset Now => time.GetUtcNow();

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.Expires > time.GetUtcNow())
            {
                value = entry.Value;
                return true;
            }

            Remove(key);
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value, DateTimeOffset expires)
    {
        var entry = new Entry(value, expires, Math.Max(1, weigh?.Invoke(value) ?? 1));
        if (entry.Weight > capacity)
        {
            return;
        }

        lock (_writes)
        {
            if (_entries.TryRemove(key, out var replaced))
            {
                _weight -= replaced.Weight;
            }

            if (_weight + entry.Weight > capacity)
            {
                MakeRoom(Math.Min(capacity - (capacity / 4), capacity - entry.Weight));
            }

            _entries[key] = entry;
            _weight += entry.Weight;
        }
    }

    public void Remove(TKey key)
    {
        lock (_writes)
        {
            if (_entries.TryRemove(key, out var removed))
            {
                _weight -= removed.Weight;
            }
        }
    }

    /// <summary>Drops lapsed entries, then those that lapse soonest, until the weight is at most <paramref name="target"/>.</summary>
    private void MakeRoom(long target)
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _entries.OrderBy(pair => pair.Value.Expires))
        {
            if (_weight <= target && entry.Expires > now)
            {
                return;
            }

            if (_entries.TryRemove(key, out var removed))
            {
                _weight -= removed.Weight;
            }
        }
    }

    private sealed record Entry(TValue Value, DateTimeOffset Expires, long Weight);
}
