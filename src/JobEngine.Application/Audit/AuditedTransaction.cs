using JobEngine.Core.Audit;
using JobEngine.Core.Operators;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Ledger;

namespace JobEngine.Application.Audit;

/// <summary>
/// Runs a change and its ledger entry as one transaction: both commit or neither does. The work
/// is queued for the tenant's <see cref="LedgerWriter"/>, which commits it together with what
/// other requests of the tenant queued meanwhile, and the answer comes once it is committed. When
/// the store refuses the write (read-only, disk full, locked), the answer is unavailable and
/// nothing has changed; when the tenant's ledger no longer extends its signed checkpoint
/// (<see cref="LedgerIntegrity"/>), the answer is an integrity failure and nothing has changed.
/// </summary>
public sealed class AuditedTransaction(LedgerWriter writer, LedgerIntegrity integrity, TimeProvider time)
{
    /// <summary>
    /// The operator action path: load the resource (locked), note its state, let the domain decide
    /// with the operator's stamp, and record the state before and after with the change.
    /// </summary>
    public Task<Outcome<T>> ActAsync<T>(OperatorContext by, OperatorAction<T> action, CancellationToken cancellationToken)
        where T : class
    {
        string? before = null;
        return RunAsync(
            by.TenantId,
            async (batch, ct) =>
            {
                if (await action.Load(batch, ct) is not { } resource)
                {
                    return action.NotFound;
                }

                before = action.Snapshot(resource);
                return action.Decide(resource, by.StampAt(time.GetUtcNow()));
            },
            resource => AuditRecord.ForOperator(
                by, action.EventType, action.ResourceType, action.ResourceId, action.Description, before, action.Snapshot(resource)),
            cancellationToken,
            action.JobId);
    }

    /// <summary>
    /// Runs <paramref name="change"/> on the rows of the writer's batch transaction; when it
    /// succeeds, appends the record <paramref name="describe"/> makes of its result. The change
    /// must refuse before it alters anything it loaded.
    /// </summary>
    public Task<Outcome<T>> RunAsync<T>(
        string tenantId, Func<LedgerBatch, CancellationToken, Task<Outcome<T>>> change, Func<T, AuditRecord> describe,
        CancellationToken cancellationToken, Guid? jobId = null) =>
        writer.RunAsync<T>(tenantId, async (batch, ct) =>
        {
            // A ledger that no longer extends its signed checkpoint takes no more actions; checked
            // before the change, so that refusing leaves nothing changed in the batch.
            if (integrity.TryGetViolation(tenantId, out var why))
            {
                return Failure.IntegrityViolated(why);
            }

            var outcome = await change(batch, ct);
            if (!outcome.TryGet(out var changed, out _))
            {
                return outcome;
            }

            await batch.AppendAsync(describe(changed), ct);
            return outcome;
        }, cancellationToken, jobId);

    /// <summary>Appends a record on its own (a denial, a token issuance or refusal), committed with the tenant's next batch.</summary>
    public Task<Outcome<AuditEntry>> AppendAsync(AuditRecord record, CancellationToken cancellationToken) =>
        writer.RunAsync<AuditEntry>(record.TenantId, async (batch, ct) => await batch.AppendAsync(record, ct), cancellationToken);
}
