using JobEngine.Infrastructure.Keys;

namespace JobEngine.Authority.Keys;

/// <summary>
/// When signing keys are made, used and dropped, as a function of their creation times and the
/// clock alone, so that every process on the store reaches the same answer. A key is published
/// from its creation, signs from <see cref="Propagation"/> later (the first key at once: nobody
/// can be waiting for an older one), is succeeded <see cref="Lifetime"/> after its creation, and
/// is dropped <see cref="Retention"/> after its successor took over, when the last token it
/// signed has expired.
/// </summary>
internal sealed record SigningKeySchedule(TimeSpan Lifetime, TimeSpan Propagation, TimeSpan Retention)
{
    /// <summary>
    /// The key that signs now: the newest one published for at least <see cref="Propagation"/>,
    /// or the oldest while none is. <paramref name="keys"/> are ordered oldest first.
    /// </summary>
    public AuthorityKey Active(IReadOnlyList<AuthorityKey> keys, DateTimeOffset now) =>
        keys.LastOrDefault(key => key.CreatedAt + Propagation <= now) ?? keys[0];

    /// <summary>Whether a new key is due: none exists, or the newest is <see cref="Lifetime"/> old.</summary>
    public bool SuccessorDue(IReadOnlyList<AuthorityKey> keys, DateTimeOffset now) =>
        keys.Count == 0 || now >= keys[^1].CreatedAt + Lifetime;

    /// <summary>Retired keys whose every token has expired.</summary>
    public IEnumerable<AuthorityKey> Expired(IReadOnlyList<AuthorityKey> keys, DateTimeOffset now)
    {
        if (keys.Count == 0)
        {
            yield break;
        }

        var active = Active(keys, now);
        for (var i = 0; i + 1 < keys.Count && !ReferenceEquals(keys[i], active); i++)
        {
            var retiredAt = keys[i + 1].CreatedAt + Propagation;
            if (now >= retiredAt + Retention)
            {
                yield return keys[i];
            }
        }
    }

    /// <summary>The changes that bring <paramref name="keys"/> up to date at <paramref name="now"/>.</summary>
    public AuthorityKeyChanges Plan(IReadOnlyList<AuthorityKey> keys, DateTimeOffset now, Func<DateTimeOffset, AuthorityKey> generate, bool dropExpired)
    {
        var added = SuccessorDue(keys, now) ? generate(now) : null;
        var removed = dropExpired ? Expired(keys, now).Select(key => key.KeyId).ToHashSet(StringComparer.Ordinal) : [];
        return added is null && removed.Count == 0 ? AuthorityKeyChanges.None : new AuthorityKeyChanges(added, removed);
    }
}
