using System.Text.Json.Nodes;
using JobEngine.Application.Approvals;
using JobEngine.Application.Audit;
using JobEngine.Core.Audit;
using JobEngine.Core.Jobs;
using JobEngine.Core.Operators;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Audit;
using Microsoft.Extensions.Options;

namespace JobEngine.Application.Jobs;

/// <summary>
/// Cancels every job that matches a filter, in chunks: the start (the count checked against
/// <c>max</c>, the bulk cancel stored) is one transaction, then each chunk of jobs is one, with a
/// <c>job.canceled</c> entry per job, the progress stored with them, and the last one with the
/// <c>jobs.bulk-canceled</c> summary; all carry the bulk cancel's <c>batchId</c>. No transaction
/// holds the ledger for long, and one cut short (a crash) leaves a consistent state that
/// <see cref="ContinueAsync"/> takes up where it stopped.
/// </summary>
public sealed class BulkCancelService(AuditedTransaction audited, IOptions<JobOptions> options, TimeProvider time)
{
    /// <summary>Starts the bulk cancel and runs it to its end.</summary>
    public async Task<Outcome<BulkCancel>> RunAsync(OperatorContext by, BulkCancelFilter filter, CancellationToken cancellationToken)
    {
        if (!(await audited.RunAsync<BulkCancel>(by.TenantId, Start(by, filter), cancellationToken)).TryGet(out var bulk, out var refused))
        {
            return refused;
        }

        return await ContinueAsync(bulk.TenantId, bulk.BatchId);
    }

    /// <summary>The start as a change of a batch (for <see cref="RunAsync"/> or an approval's replay): refused with 409 and the real count when more than max jobs match.</summary>
    public ChangeStep Start(OperatorContext by, BulkCancelFilter filter) =>
        async (batch, ct) =>
        {
            var now = time.GetUtcNow();
            var matched = await batch.BulkCancels.CountMatchingAsync(by.TenantId, filter.JobType, filter.Status, filter.SubmittedBefore, now, ct);
            if (!BulkCancel.Start(by.TenantId, filter.JobType, filter.Status, filter.SubmittedBefore, filter.Max, matched,
                    OperatorContextJson.Write(by), now).TryGet(out var bulk, out var refused))
            {
                return refused;
            }

            batch.BulkCancels.Add(bulk);
            return new AuditedChange(bulk, []);
        };

    /// <summary>
    /// Runs the chunks a started bulk cancel still has, to its end. Safe to run from several places
    /// (a restart in each of several processes): every chunk reads the progress with the bulk cancel's
    /// row locked, and a canceled job no longer matches. A chunk writing nothing without being
    /// refused needs no retry; a refused one (the store down) stops here, to be resumed later.
    /// </summary>
    public async Task<Outcome<BulkCancel>> ContinueAsync(string tenantId, Guid batchId)
    {
        while (true)
        {
            var chunk = await audited.RunAsync<BulkCancel>(tenantId, (batch, ct) => CancelChunkAsync(batch, tenantId, batchId, ct), CancellationToken.None);
            if (!chunk.TryGet(out var bulk, out _) || bulk.IsCompleted)
            {
                return chunk;
            }
        }
    }

    private async Task<Outcome<BulkCancel>> CancelChunkAsync(LedgerBatch batch, string tenantId, Guid batchId, CancellationToken cancellationToken)
    {
        if (await batch.BulkCancels.FindForUpdateAsync(tenantId, batchId, cancellationToken) is not { } bulk)
        {
            return Failure.NotFound($"No bulk cancel {batchId}.");
        }

        if (bulk.IsCompleted)
        {
            return bulk;
        }

        var by = OperatorContextJson.Read(bulk.Requester);
        var size = Math.Min(options.Value.BulkCancelChunkSize, bulk.Remaining);
        var jobs = size > 0 ? await batch.BulkCancels.NextChunkAsync(bulk, size, cancellationToken) : [];
        var now = time.GetUtcNow();
        var stamp = by.StampAt(now);
        var batchIdText = batchId.ToString("D");
        int canceled = 0, skipped = 0;
        foreach (var job in jobs)
        {
            var before = AuditStates.Of(job);
            if (!job.Cancel(stamp).Succeeded)
            {
                skipped++;
                continue;
            }

            canceled++;
            await batch.AppendAsync(AuditRecord.ForOperator(
                by, AuditEventTypes.JobCanceled, AuditResourceTypes.Job, job.Id.ToString(), "Job canceled by a bulk cancel", before, AuditStates.Of(job))
                with { BatchId = batchIdText }, cancellationToken);
        }

        bulk.Counted(canceled, skipped);
        if (jobs.Count < size || bulk.Remaining == 0)
        {
            bulk.Complete(now);
            await batch.AppendAsync(AuditRecord.ForOperator(
                by, AuditEventTypes.JobsBulkCanceled, AuditResourceTypes.JobBatch, batchIdText,
                $"Bulk cancel: {bulk.Canceled} jobs canceled", null, Summary(bulk)) with { BatchId = batchIdText }, cancellationToken);
        }

        return bulk;
    }

    /// <summary>The filter and the count, as the <c>jobs.bulk-canceled</c> entry records them.</summary>
    private static string Summary(BulkCancel bulk) => new JsonObject
    {
        ["jobType"] = bulk.JobType,
        ["status"] = bulk.Status?.ToString(),
        ["submittedBefore"] = bulk.SubmittedBefore is { } before ? AuditEntryJson.FormatTimestamp(before) : null,
        ["max"] = bulk.Max,
        ["matched"] = bulk.Matched,
        ["canceled"] = bulk.Canceled,
        ["skipped"] = bulk.Skipped,
        ["startedAt"] = AuditEntryJson.FormatTimestamp(bulk.StartedAt),
    }.Stored();
}
