using JobEngine.Infrastructure.Ledger;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobEngine.WebService.Ledger;

/// <summary>
/// Signs a checkpoint of every tenant whose ledger grew since its newest checkpoint, once every
/// <see cref="LedgerOptions.CheckpointInterval"/>. Every process runs one; they agree, since a
/// tree size gets one checkpoint whoever signs it. A failure (the store down, a ledger that no
/// longer extends its checkpoint) is logged and retried at the next tick; appends never wait for it.
/// </summary>
internal sealed partial class CheckpointSigningService(
    IServiceScopeFactory scopes, IOptions<LedgerOptions> options, TimeProvider time, ILogger<CheckpointSigningService> logger)
    : BackgroundService
{
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

        foreach (var tenant in due)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var signed = await scope.ServiceProvider.GetRequiredService<Checkpoints>().SignAsync(tenant, cancellationToken);
                if (!signed.TryGet(out _, out var failure))
                {
                    LogNotSigned(tenant, failure.Detail);
                }
            }
            catch (Exception exception) when (StoreFailures.CannotWrite(exception) || exception is InvalidOperationException)
            {
                LogTickFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No checkpoint was signed for tenant {Tenant}: {Why}")]
    private partial void LogNotSigned(string tenant, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint signing skipped a tick")]
    private partial void LogTickFailed(Exception exception);
}
