using JobEngine.Core.Audit;
using JobEngine.Core.Operators;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Ledger;
using JobEngine.Infrastructure.Persistence;

namespace JobEngine.Application.Audit;

/// <summary>
/// Runs a change and its ledger entry as one transaction: both commit or neither does. When the
/// store refuses the write (read-only, disk full, locked), the answer is unavailable and nothing
/// has changed (<see cref="WriteTransaction"/>); when the tenant's ledger no longer extends its
/// signed checkpoint (<see cref="LedgerIntegrity"/>), the answer is an integrity failure and
/// nothing has changed.
/// </summary>
public sealed class AuditedTransaction(WriteTransaction transaction, IAuditRepository audit, LedgerIntegrity integrity, TimeProvider time)
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
            async ct =>
            {
                if (await action.Load(ct) is not { } resource)
                {
                    return action.NotFound;
                }

                before = action.Snapshot(resource);
                return action.Decide(resource, by.StampAt(time.GetUtcNow()));
            },
            resource => AuditRecord.ForOperator(
                by, action.EventType, action.ResourceType, action.ResourceId, action.Description, before, action.Snapshot(resource)),
            cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="change"/>; when it succeeds, appends the record <paramref name="describe"/>
    /// makes of its result in the same transaction.
    /// </summary>
    public Task<Outcome<T>> RunAsync<T>(
        Func<CancellationToken, Task<Outcome<T>>> change, Func<T, AuditRecord> describe, CancellationToken cancellationToken) =>
        transaction.RunAsync(async ct =>
        {
            var outcome = await change(ct);
            if (!outcome.TryGet(out var changed, out _))
            {
                return outcome;
            }

            // A ledger that no longer extends its signed checkpoint takes no more actions: refusing rolls the change back.
            var record = describe(changed);
            if (integrity.TryGetViolation(record.TenantId, out var why))
            {
                return Failure.IntegrityViolated(why);
            }

            await audit.AppendAsync(record, ct);
            return outcome;
        }, cancellationToken);

    /// <summary>Appends a record on its own (a denial), in a transaction of its own.</summary>
    public async Task<Outcome<AuditEntry>> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var appended = await AppendAllAsync([record], cancellationToken);
        return appended.TryGet(out var entries, out var failure) ? entries[0] : failure;
    }

    /// <summary>
    /// Appends records of one tenant (token issuances gathered while the previous batch committed)
    /// in one transaction: all are written, in order, or none.
    /// </summary>
    public Task<Outcome<IReadOnlyList<AuditEntry>>> AppendAllAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (records.Select(record => record.TenantId).Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            throw new ArgumentException("One transaction never spans tenants.", nameof(records));
        }

        return transaction.RunAsync<IReadOnlyList<AuditEntry>>(async ct =>
        {
            var entries = new List<AuditEntry>(records.Count);
            foreach (var record in records)
            {
                entries.Add(await audit.AppendAsync(record, ct));
            }

            return entries;
        }, cancellationToken);
    }
}
