using JobEngine.Infrastructure.Diagnostics;
using JobEngine.Infrastructure.Ledger;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobEngine.WebService.Ledger;

/// <summary>
/// Signs a checkpoint of every tenant whose ledger grew since its newest checkpoint, once every
/// <see cref="LedgerOptions.CheckpointInterval"/>. Every process runs one; they agree, since a
/// tree size gets one checkpoint whoever signs it. How long a pass over every due tenant takes is
/// measured (<see cref="JobEngineMetrics.CheckpointPassDuration"/>). A failure (the store down, a ledger that no
/// longer extends its checkpoint) is logged and retried at the next tick. Appends never wait for a
/// pass, only, on SQLite, for the commit of a batch of checkpoints that holds the write gate.
/// </summary>
internal sealed partial class CheckpointSigningService(
    IServiceScopeFactory scopes, IOptions<LedgerOptions> options, JobEngineMetrics metrics, TimeProvider time, ILogger<CheckpointSigningService> logger)
    : BackgroundService
{
    /// <summary>
    /// Due tenants signed with one scope: on SQLite their checkpoints share one commit. A scope's
    /// change tracker holds them until then, so the batch stays small enough to be cheap to track.
    /// </summary>
    private const int TenantsPerScope = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SignDueAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SignDueAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        List<string> due;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JobEngineDbContext>();
            due = await db.AuditChainHeads.AsNoTracking()
                .Where(head => head.Sequence > (db.Checkpoints.Where(checkpoint => checkpoint.TenantId == head.TenantId)
                    .Max(checkpoint => (long?)checkpoint.TreeSize) ?? -1))
                .Select(head => head.TenantId)
                .ToListAsync(cancellationToken);
        }
        catch (Exception exception) when (StoreFailures.CannotWrite(exception) || exception is InvalidOperationException)
        {
            LogTickFailed(exception);
            return;
        }

        // Batches are independent (each its own scope, tenants and transaction), so they are signed on
        // every core at once; on SQLite their commits still take the write gate one at a time.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due.Chunk(TenantsPerScope), parallel, async (tenants, ct) =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                foreach (var (tenant, outcome) in await scope.ServiceProvider.GetRequiredService<Checkpoints>().SignAllAsync(tenants, ct))
                {
                    if (!outcome.TryGet(out _, out var failure))
                    {
                        LogNotSigned(tenant, failure.Detail);
                    }
                }
            }
            catch (Exception exception) when (StoreFailures.CannotWrite(exception) || exception is InvalidOperationException)
            {
                LogTickFailed(exception);
            }
        });

        metrics.CheckpointPassDuration.Record(time.GetElapsedTime(started).TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No checkpoint was signed for tenant {Tenant}: {Why}")]
    private partial void LogNotSigned(string tenant, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint signing skipped a tick")]
    private partial void LogTickFailed(Exception exception);
}
