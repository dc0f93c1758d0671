using JobEngine.Core.Results;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Lockouts;

/// <summary>
/// Counts failed authentications per subject in the store, so that every process on it shares the
/// count and the lockouts. A failure is one upsert; finding a request's lockouts is one read of at
/// most two primary keys; successes never write.
/// </summary>
public sealed class AuthenticationFailureStore(JobEngineDbContext db, WriteTransaction writes)
{
    public const int MaxSubjectLength = 200;

    // Every token request asks this before any secret is checked, so its LINQ is translated once, not per request.
    private static readonly Func<JobEngineDbContext, string, string, DateTimeOffset, IAsyncEnumerable<SubjectLockout>> LockoutsOf =
        EF.CompileAsyncQuery((JobEngineDbContext db, string first, string second, DateTimeOffset now) => db.AuthenticationFailures
            .AsNoTracking()
            .Where(failure => (failure.Subject == first || failure.Subject == second) && failure.LockedUntil > now)
            .Select(failure => new SubjectLockout(failure.Subject, failure.LockedUntil!.Value)));

    /// <summary>The lockouts among <paramref name="subjects"/> (a request has at most two: its client and its address) that still hold at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<SubjectLockout>> FindLockoutsAsync(
        IReadOnlyList<string> subjects, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (subjects.Count is 0 or > 2)
        {
            throw new ArgumentException("A request has one or two subjects: its client and its source address.", nameof(subjects));
        }

        var found = new List<SubjectLockout>(subjects.Count);
        await foreach (var lockout in LockoutsOf(db, subjects[0], subjects[^1], now).WithCancellation(cancellationToken))
        {
            found.Add(lockout);
        }

        return found;
    }

    /// <summary>
    /// Counts one failure of each subject at <paramref name="now"/>, in one transaction, and returns
    /// each subject's count in its window, in the order given. A window starts with the first failure
    /// after the previous window lapsed; the failure that brings a count to exactly its limit locks
    /// the subject until <paramref name="lockedUntil"/>, so a window locks at most once.
    /// </summary>
    public Task<Outcome<IReadOnlyList<int>>> RecordAsync(
        IReadOnlyList<FailureLimit> subjects, DateTimeOffset now, TimeSpan window, DateTimeOffset lockedUntil,
        CancellationToken cancellationToken)
    {
        // SQLite keeps instants as UTC ticks (UtcTicksConverter); raw SQL parameters bypass the converter.
        var sqlite = db.Database.IsSqlite();
        var at = sqlite ? (object)now.UtcTicks : now;
        var lapsedBefore = sqlite ? (object)(now - window).UtcTicks : now - window;
        var until = sqlite ? (object)lockedUntil.UtcTicks : lockedUntil;

        return writes.RunAsync<IReadOnlyList<int>>(async ct =>
        {
            var counts = new int[subjects.Count];

            // Rows are always taken in the same order, so two requests cannot deadlock on them.
            foreach (var i in Enumerable.Range(0, subjects.Count).OrderBy(i => subjects[i].Subject, StringComparer.Ordinal))
            {
                var (subject, limit) = subjects[i];
                counts[i] = (await db.Database.SqlQuery<int>($"""
                    INSERT INTO authentication_failures AS f (subject, window_started_at, failures, locked_until)
                    VALUES ({subject}, {at}, 1, CASE WHEN {limit} <= 1 THEN {until} END)
                    ON CONFLICT (subject) DO UPDATE SET
                        window_started_at = CASE WHEN f.window_started_at <= {lapsedBefore} THEN {at} ELSE f.window_started_at END,
                        failures = CASE WHEN f.window_started_at <= {lapsedBefore} THEN 1 ELSE f.failures + 1 END,
                        locked_until = CASE
                            WHEN (CASE WHEN f.window_started_at <= {lapsedBefore} THEN 1 ELSE f.failures + 1 END) = {limit} THEN {until}
                            ELSE f.locked_until END
                    RETURNING failures AS "Value"
                    """).ToListAsync(ct)).Single();
            }

            return counts;
        }, cancellationToken);
    }

    /// <summary>Deletes the rows whose window and lockout have both passed: they no longer count for anything.</summary>
    public Task<Outcome<int>> PurgeAsync(DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        var lapsedBefore = now - window;
        return writes.RunAsync<int>(async ct => await db.AuthenticationFailures
            .Where(failure => failure.WindowStartedAt <= lapsedBefore && (failure.LockedUntil == null || failure.LockedUntil <= now))
            .ExecuteDeleteAsync(ct), cancellationToken);
    }
}

/// <summary>A subject locked out until <see cref="LockedUntil"/>.</summary>
public sealed record SubjectLockout(string Subject, DateTimeOffset LockedUntil);

/// <summary>A subject and the number of failures in a window that locks it out.</summary>
public sealed record FailureLimit(string Subject, int Limit);
