using System.Collections.Concurrent;

namespace JobEngine.Infrastructure.Caching;

/// <summary>
/// A bounded in-memory map whose entries lapse at the instant each was given. When it holds
/// <c>capacity</c> entries it starts over rather than grow: what it remembers is only ever a
/// shortcut, so forgetting costs the next callers the slow path once each.
/// </summary>
public sealed class ExpiringMap<TKey, TValue>(TimeProvider time, int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset Expires)> _entries = new();

    public int Count => _entries.Count;

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

            _entries.TryRemove(key, out _);
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value, DateTimeOffset expires)
    {
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[key] = (value, expires);
    }

    public void Remove(TKey key) => _entries.TryRemove(key, out _);
}
