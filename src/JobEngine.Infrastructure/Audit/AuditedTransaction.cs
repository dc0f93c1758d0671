using System.Data.Common;
using JobEngine.Core.Audit;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JobEngine.Infrastructure.Audit;

/// <summary>
/// Runs an operator action and its ledger entry as one transaction: the change and the entry
/// commit together or not at all. When the store refuses the write (read-only, disk full,
/// locked), the action is answered as unavailable and nothing has changed.
/// </summary>
public sealed partial class AuditedTransaction(
    WriteTransaction transaction, IAuditRepository audit, ILogger<AuditedTransaction> logger)
{
    /// <summary>
    /// Runs <paramref name="change"/>; when it succeeds, appends the record <paramref name="describe"/>
    /// makes of its result in the same transaction.
    /// </summary>
    public async Task<Outcome<T>> RunAsync<T>(
        Func<CancellationToken, Task<Outcome<T>>> change, Func<T, AuditRecord> describe, CancellationToken cancellationToken)
    {
        try
        {
            return await transaction.RunAsync(async ct =>
            {
                var outcome = await change(ct);
                if (outcome.Succeeded)
                {
                    await audit.AppendAsync(describe(outcome.Value!), ct);
                }

                return outcome;
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is DbUpdateException or DbException)
        {
            LogLedgerWriteFailed(exception);
            return Failure.Unavailable("The change and its audit entry could not be written to the store; nothing was changed. Try again later.");
        }
    }

    /// <summary>
    /// The common shape of an operator action: load the resource (locked), note its state, apply
    /// the action, and record the state before and after with the change.
    /// </summary>
    public Task<Outcome<T>> ChangeAsync<T>(
        Func<CancellationToken, Task<T?>> load,
        Func<T, Outcome<T>> action,
        Func<T, string> snapshot,
        Func<T, string, string, AuditRecord> describe,
        Failure notFound,
        CancellationToken cancellationToken)
        where T : class
    {
        string? before = null;
        return RunAsync(
            async ct =>
            {
                if (await load(ct) is not { } resource)
                {
                    return notFound;
                }

                before = snapshot(resource);
                return action(resource);
            },
            resource => describe(resource, before!, snapshot(resource)),
            cancellationToken);
    }

    /// <summary>Appends a record on its own (a token issuance, a denial), in a transaction of its own.</summary>
    public async Task<Outcome<AuditEntry>> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        try
        {
            return await transaction.RunAsync<AuditEntry>(async ct => await audit.AppendAsync(record, ct), cancellationToken);
        }
        catch (Exception exception) when (exception is DbUpdateException or DbException)
        {
            LogLedgerWriteFailed(exception);
            return Failure.Unavailable("The audit entry could not be written to the store.");
        }
    }

    /// <summary>
    /// Appends records of one tenant (token issuances gathered while the previous batch committed)
    /// in one transaction: all are written, in order, or none.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<AuditEntry>>> AppendAllAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (records.Select(record => record.TenantId).Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            throw new ArgumentException("One transaction never spans tenants.", nameof(records));
        }

        try
        {
            return await transaction.RunAsync<IReadOnlyList<AuditEntry>>(async ct =>
            {
                var entries = new List<AuditEntry>(records.Count);
                foreach (var record in records)
                {
                    entries.Add(await audit.AppendAsync(record, ct));
                }

                return entries;
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is DbUpdateException or DbException)
        {
            LogLedgerWriteFailed(exception);
            return Failure.Unavailable("The audit entries could not be written to the store.");
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "The audit ledger could not be written")]
    private partial void LogLedgerWriteFailed(Exception exception);
}
