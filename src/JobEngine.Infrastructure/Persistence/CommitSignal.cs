namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// Tells whoever waits that this process committed a transaction, so that readers following the
/// ledger look for new entries at once instead of at their next poll. Every commit counts: which
/// rows a transaction wrote is the readers' question, answered by one indexed query.
/// </summary>
public sealed class CommitSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next commit after it was read.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Committed() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
