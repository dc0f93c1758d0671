using JobEngine.Core.Operators;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Audit;

namespace JobEngine.Application.Audit;

/// <summary>
/// One operator action on one resource, as <see cref="AuditedTransaction.ActAsync{T}"/> runs it:
/// how to find the resource (locked) in the ledger writer's batch, what the domain decides, and
/// how the ledger names and pictures it before and after.
/// </summary>
public sealed record OperatorAction<T>(string EventType, string ResourceType, string ResourceId, string Description)
    where T : class
{
    /// <summary>Loads the resource through the batch's repositories, locked until the batch commits; null when it does not exist.</summary>
    public required Func<LedgerBatch, CancellationToken, Task<T?>> Load { get; init; }

    /// <summary>The domain's decision: the changed resource, or why not (refusing before changing anything).</summary>
    public required Func<T, OperatorStamp, Outcome<T>> Decide { get; init; }

    /// <summary>The resource's state as the ledger records it (see <c>AuditStates</c>).</summary>
    public required Func<T, string> Snapshot { get; init; }

    public required Failure NotFound { get; init; }

    /// <summary>The job the action loads, if it acts on a job: the writer locks the jobs of a whole batch in one statement.</summary>
    public Guid? JobId { get; init; }
}
