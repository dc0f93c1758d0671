using System.Diagnostics;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Audit;

namespace JobEngine.Application.Audit;

/// <summary>
/// One request's work on its tenant's ledger, queued for the <see cref="LedgerWriter"/>: it runs
/// inside a batch and is answered only once that batch committed (or failed).
/// </summary>
internal abstract class LedgerCommand(string tenantId, Guid? jobId, CancellationToken abandoned)
{
    public string TenantId { get; } = tenantId;

    /// <summary>The job the command will load, locked with the batch's other jobs before any command runs.</summary>
    public Guid? JobId { get; } = jobId;

    /// <summary>The span of the request that queued the command, which the batch's span links to.</summary>
    public ActivityContext Origin { get; } = Activity.Current?.Context ?? default;

    /// <summary>The caller stopped waiting before the writer took the command: it is not run.</summary>
    public CancellationToken Abandoned { get; } = abandoned;

    /// <summary>Runs in <paramref name="batch"/>; true when it changed something to commit, false when it was refused (and changed nothing).</summary>
    public abstract Task<bool> RunAsync(LedgerBatch batch, CancellationToken cancellationToken);

    /// <summary>After the batch committed: the outcome <see cref="RunAsync"/> reached.</summary>
    public abstract void Answer();

    public abstract void Refuse(Failure failure);

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}

/// <inheritdoc />
internal sealed class LedgerCommand<T>(
    string tenantId, Guid? jobId, Func<LedgerBatch, CancellationToken, Task<Outcome<T>>> work, CancellationToken abandoned)
    : LedgerCommand(tenantId, jobId, abandoned)
{
    private readonly TaskCompletionSource<Outcome<T>> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Outcome<T> _outcome;

    public Task<Outcome<T>> Answered => _answer.Task;

    public override async Task<bool> RunAsync(LedgerBatch batch, CancellationToken cancellationToken)
    {
        _outcome = await work(batch, cancellationToken);
        return _outcome.Succeeded;
    }

    public override void Answer() => _answer.TrySetResult(_outcome);

    public override void Refuse(Failure failure) => _answer.TrySetResult(failure);

    public override void Fail(Exception exception) => _answer.TrySetException(exception);

    public override void Cancel() => _answer.TrySetCanceled(Abandoned);
}
