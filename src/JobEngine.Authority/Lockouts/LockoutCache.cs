using JobEngine.Infrastructure.Caching;

namespace JobEngine.Authority.Lockouts;

/// <summary>
/// Remembers, in memory, the lockouts this process has seen until each ends, so that the refused
/// attempts of a locked-out subject do not query the store again. A subject that is not locked is
/// never remembered: another process may lock it at any time.
/// </summary>
internal sealed class LockoutCache(TimeProvider time)
{
    public const int Capacity = 10_000;

    private readonly ExpiringMap<string, DateTimeOffset> _lockouts = new(time, Capacity);

    public DateTimeOffset? Find(FailureSubject subject) => _lockouts.TryGet(subject.Key, out var until) ? until : null;

    public void Remember(FailureSubject subject, DateTimeOffset lockedUntil) => _lockouts.Set(subject.Key, lockedUntil, lockedUntil);
}
