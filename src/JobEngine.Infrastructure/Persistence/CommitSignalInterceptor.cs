using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>Raises <see cref="CommitSignal"/> after every transaction this process commits through EF Core.</summary>
internal sealed class CommitSignalInterceptor(CommitSignal signal) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => signal.Committed();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        signal.Committed();
        return Task.CompletedTask;
    }
}
