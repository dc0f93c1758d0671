using JobEngine.Core.Results;
using Microsoft.Extensions.Logging;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// Runs one unit of work in one transaction on one tenant's data: the changes it tracks are
/// saved and committed only when it succeeds; a refused outcome or an exception leaves the store
/// untouched. A transient failure (see <see cref="TransientFailures"/>) runs the whole unit again,
/// a bounded number of times, so the work must read what it changes inside it. On SQLite the
/// transaction starts with <c>BEGIN IMMEDIATE</c>, so writers queue for the lock up front instead
/// of failing when a read lock must be upgraded. A store that cannot take the write (read-only,
/// full, unreachable after the retries) is the one answer every write gives alike: unavailable,
/// and nothing changed. A unique key another writer took first is left to the caller, who knows
/// what it means.
/// </summary>
public sealed partial class WriteTransaction(JobEngineDbContext db, WriteGate gate, ILogger<WriteTransaction> logger)
{
    public const int MaxAttempts = 5;

    public Task<Outcome<T>> RunAsync<T>(Func<CancellationToken, Task<Outcome<T>>> work, CancellationToken cancellationToken) =>
        RetriedAsync(ct => RunOnceAsync(work, inTransaction: true, ct), cancellationToken);

    /// <summary>
    /// Saves a change that reads nothing from the store first (a new row), answered and retried as
    /// <see cref="RunAsync{T}"/> is. <c>SaveChanges</c> alone is atomic (EF Core puts several
    /// statements in a transaction of its own, and one statement needs none), so no transaction is
    /// begun and committed around it: on PostgreSQL a single row costs one round trip, not two.
    /// </summary>
    public Task<Outcome<T>> SaveAsync<T>(Func<Outcome<T>> change, CancellationToken cancellationToken) =>
        RetriedAsync(ct => RunOnceAsync(_ => Task.FromResult(change()), inTransaction: false, ct), cancellationToken);

    private async Task<Outcome<T>> RetriedAsync<T>(Func<CancellationToken, Task<Outcome<T>>> once, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await once(cancellationToken);
            }
            catch (Exception exception) when (attempt < MaxAttempts && TransientFailures.IsTransient(exception))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), cancellationToken);
            }
            catch (Exception exception) when (StoreFailures.CannotWrite(exception) && !StoreFailures.IsUniqueViolation(exception))
            {
                LogStoreWriteFailed(exception);
                return Failure.Unavailable("The store cannot take writes right now; nothing was changed. Try again later.");
            }
        }
    }

    private async Task<Outcome<T>> RunOnceAsync<T>(
        Func<CancellationToken, Task<Outcome<T>>> work, bool inTransaction, CancellationToken cancellationToken)
    {
        var committed = false;
        using var turn = await gate.EnterAsync(cancellationToken);
        await using var transaction = inTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var outcome = await work(cancellationToken);
            if (outcome.Succeeded)
            {
                await db.SaveChangesAsync(cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                committed = true;
            }

            return outcome;
        }
        finally
        {
            // Whatever was not committed (rolled back with the transaction, or never saved) is forgotten here too.
            if (!committed)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "The store could not be written; the change was not made")]
    private partial void LogStoreWriteFailed(Exception exception);
}
