namespace JobEngine.Authority.Lockouts;

/// <summary>A subject refused until <see cref="LockedUntil"/>.</summary>
internal sealed record Lockout(FailureSubject Subject, DateTimeOffset LockedUntil)
{
    /// <summary>Whole seconds until the lockout ends, at least one: the <c>Retry-After</c> value.</summary>
    public int RetryAfterSeconds(DateTimeOffset now) => Math.Max(1, (int)Math.Ceiling((LockedUntil - now).TotalSeconds));
}
