using JobEngine.Infrastructure.Lockouts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobEngine.Authority.Lockouts;

/// <summary>
/// Limits failed client and user authentications: per client id or user name (<see cref="AuthorityOptions.MaxFailures"/>)
/// and per source address (<see cref="AuthorityOptions.MaxFailuresPerAddress"/>) within
/// <see cref="Window"/>. The count lives in the store, shared by every process; the failure that
/// reaches a limit locks its subject out for one <see cref="Window"/>.
/// </summary>
internal sealed partial class FailureLimiter(
    AuthenticationFailureStore store,
    IServiceScopeFactory scopes,
    LockoutCache cache,
    IOptionsMonitor<AuthorityOptions> options,
    TimeProvider time,
    ILogger<FailureLimiter> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>The lockout that refuses a request of <paramref name="subjects"/>, if any: remembered ones, else one read of the store.</summary>
    public async Task<Lockout?> FindLockoutAsync(IReadOnlyList<FailureSubject> subjects, CancellationToken cancellationToken)
    {
        if (subjects.Count == 0)
        {
            return null;
        }

        var remembered = subjects
            .Select(subject => cache.Find(subject) is { } until ? new Lockout(subject, until) : null)
            .OfType<Lockout>()
            .MaxBy(lockout => lockout.LockedUntil);
        if (remembered is not null)
        {
            return remembered;
        }

        var found = await store.FindLockoutsAsync([.. subjects.Select(subject => subject.Key)], time.GetUtcNow(), cancellationToken);
        Lockout? longest = null;
        foreach (var row in found)
        {
            var lockout = new Lockout(subjects.First(subject => subject.Key == row.Subject), row.LockedUntil);
            cache.Remember(lockout.Subject, lockout.LockedUntil);
            if (longest is null || lockout.LockedUntil > longest.LockedUntil)
            {
                longest = lockout;
            }
        }

        return longest;
    }

    /// <summary>
    /// Counts one failed authentication against each of <paramref name="subjects"/>, in one write, and
    /// returns the lockouts it started (each logged). A count the store cannot take is logged and lost:
    /// the refusal it belongs to stands either way.
    /// </summary>
    public async Task<IReadOnlyList<Lockout>> CountFailureAsync(IReadOnlyList<FailureSubject> subjects)
    {
        if (subjects.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var lockedUntil = now + Window;
        var limits = subjects.Select(subject => new FailureLimit(subject.Key, LimitOf(subject))).ToList();

        // Its own scope: the request's DbContext holds OpenIddict's entries, which this write must not touch.
        // Not cancelled with the request: a caller that hangs up still spent the attempt.
        await using var scope = scopes.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<AuthenticationFailureStore>()
            .RecordAsync(limits, now, Window, lockedUntil, CancellationToken.None);
        if (!outcome.TryGet(out var counts, out var failure))
        {
            LogFailureNotCounted(failure.Detail);
            return [];
        }

        var started = new List<Lockout>();
        for (var i = 0; i < subjects.Count; i++)
        {
            if (counts[i] == limits[i].Limit)
            {
                var lockout = new Lockout(subjects[i], lockedUntil);
                cache.Remember(lockout.Subject, lockedUntil);
                LogLockedOut(lockout.Subject.Kind, lockout.Subject.Shown, lockedUntil, limits[i].Limit);
                started.Add(lockout);
            }
        }

        return started;
    }

    private int LimitOf(FailureSubject subject) => subject.Kind == FailureSubjectKind.Address
        ? options.CurrentValue.MaxFailuresPerAddress
        : options.CurrentValue.MaxFailures;

    [LoggerMessage(EventId = 1020, EventName = "AuthenticationLockout", Level = LogLevel.Warning,
        Message = "{Kind} {Subject} is locked out until {LockedUntil:O} after {Failures} failed authentications within a minute")]
    private partial void LogLockedOut(FailureSubjectKind kind, string subject, DateTimeOffset lockedUntil, int failures);

    [LoggerMessage(EventId = 1021, EventName = "AuthenticationFailureNotCounted", Level = LogLevel.Error,
        Message = "A failed authentication could not be counted: {Reason}")]
    private partial void LogFailureNotCounted(string reason);
}
