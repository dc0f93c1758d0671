using JobEngine.Core.Audit;
using JobEngine.Core.Operators;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Ledger;

namespace JobEngine.Application.Audit;

/// <summary>
/// Runs a change and its ledger entry as one transaction: both commit or neither does. The work
/// is queued for the tenant's <see cref="LedgerWriter"/>, which commits it together with what
/// other requests queued meanwhile (of the tenant; on SQLite, of every tenant), and the answer
/// comes once it is committed. When
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
        where T : class =>
        RunAsync<T>(by.TenantId, Change(by, action), cancellationToken, action.JobId);

    /// <summary>The operator action as a change of a batch, for <see cref="RunAsync{T}(string, ChangeStep, CancellationToken, Guid?)"/> or an approval's replay.</summary>
    public ChangeStep Change<T>(OperatorContext by, OperatorAction<T> action)
        where T : class =>
        async (batch, ct) =>
        {
            if (await action.Load(batch, ct) is not { } resource)
            {
                return action.NotFound;
            }

            var before = action.Snapshot(resource);
            if (!action.Decide(resource, by.StampAt(time.GetUtcNow())).TryGet(out var changed, out var refused))
            {
                return refused;
            }

            return new AuditedChange(changed, [AuditRecord.ForOperator(
                by, action.EventType, action.ResourceType, action.ResourceId, action.Description, before, action.Snapshot(changed))]);
        };

    /// <summary>Runs <paramref name="change"/> in the tenant's next batch and appends the records it made.</summary>
    public Task<Outcome<T>> RunAsync<T>(string tenantId, ChangeStep change, CancellationToken cancellationToken, Guid? jobId = null) =>
        RunAsync(tenantId, async (batch, ct) =>
        {
            if (!(await change(batch, ct)).TryGet(out var made, out var refused))
            {
                return refused;
            }

            await AppendAllAsync(batch, made.Records, ct);
            return (Outcome<T>)(T)made.Result;
        }, cancellationToken, jobId);

    /// <summary>
    /// Runs <paramref name="work"/> on the rows of the writer's batch transaction: it appends what
    /// it changed through the batch, and must refuse before it alters anything it loaded.
    /// </summary>
    public Task<Outcome<T>> RunAsync<T>(
        string tenantId, Func<LedgerBatch, CancellationToken, Task<Outcome<T>>> work, CancellationToken cancellationToken, Guid? jobId = null) =>
        writer.RunAsync<T>(tenantId, async (batch, ct) =>
        {
            // A ledger that no longer extends its signed checkpoint takes no more actions; checked
            // before the change, so that refusing leaves nothing changed in the batch.
            if (integrity.TryGetViolation(tenantId, out var why))
            {
                return Failure.IntegrityViolated(why);
            }

            return await work(batch, ct);
        }, cancellationToken, jobId);

    /// <summary>Appends a record on its own (a denial, a token issuance or refusal), committed with the tenant's next batch.</summary>
    public Task<Outcome<AuditEntry>> AppendAsync(AuditRecord record, CancellationToken cancellationToken) =>
        writer.RunAsync<AuditEntry>(record.TenantId, async (batch, ct) => await batch.AppendAsync(record, ct), cancellationToken);

    public static async Task AppendAllAsync(LedgerBatch batch, IEnumerable<AuditRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            await batch.AppendAsync(record, cancellationToken);
        }
    }
}
