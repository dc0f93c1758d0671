using JobEngine.Core.Results;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// Runs one unit of work in one transaction on one tenant's data: the changes it tracks are
/// saved and committed only when it succeeds; a refused outcome or an exception leaves the store
/// untouched. A transient failure (see <see cref="TransientFailures"/>) runs the whole unit again,
/// a bounded number of times, so the work must read what it changes inside it. On SQLite the
/// transaction starts with <c>BEGIN IMMEDIATE</c>, so writers queue for the lock up front instead
/// of failing when a read lock must be upgraded.
/// </summary>
public sealed class WriteTransaction(JobEngineDbContext db, WriteGate gate)
{
    public const int MaxAttempts = 5;

    public async Task<Outcome<T>> RunAsync<T>(Func<CancellationToken, Task<Outcome<T>>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunOnceAsync(work, cancellationToken);
            }
            catch (Exception exception) when (attempt < MaxAttempts && TransientFailures.IsTransient(exception))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), cancellationToken);
            }
        }
    }

    private async Task<Outcome<T>> RunOnceAsync<T>(Func<CancellationToken, Task<Outcome<T>>> work, CancellationToken cancellationToken)
    {
        var committed = false;
        using var turn = await gate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var outcome = await work(cancellationToken);
            if (outcome.Succeeded)
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                committed = true;
            }

            return outcome;
        }
        finally
        {
            // Whatever was not committed is rolled back with the transaction; forget it here too.
            if (!committed)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
