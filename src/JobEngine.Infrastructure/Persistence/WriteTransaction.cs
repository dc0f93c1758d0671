using JobEngine.Core.Results;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// Runs one unit of work in one transaction on one tenant's data: the changes it tracks are
/// saved and committed only when it succeeds; a refused outcome or an exception leaves the
/// store untouched. On SQLite the transaction starts with <c>BEGIN IMMEDIATE</c>, so writers
/// queue for the lock up front instead of failing when a read lock must be upgraded.
/// </summary>
public sealed class WriteTransaction(JobEngineDbContext db)
{
    public async Task<Outcome<T>> RunAsync<T>(Func<CancellationToken, Task<Outcome<T>>> work, CancellationToken cancellationToken)
    {
        var committed = false;
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
