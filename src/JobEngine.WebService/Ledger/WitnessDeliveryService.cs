using JobEngine.Infrastructure.Ledger;
using JobEngine.Infrastructure.Ledger.Witnesses;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobEngine.WebService.Ledger;

/// <summary>
/// Writes every stored checkpoint to every witness, in order of size, from the store rather than
/// from memory, so that what a crash interrupted is delivered after it. A witness that fails is
/// retried with exponential backoff and jitter while the others go on; nothing an operator does
/// ever waits for a witness. Every process delivers: a directory witness keeps one file whoever
/// writes it, an HTTP witness must accept a note it already holds.
/// </summary>
internal sealed partial class WitnessDeliveryService(
    IServiceScopeFactory scopes, WitnessSet witnesses, WitnessSignal signal, WitnessHealth health,
    IOptions<LedgerOptions> options, TimeProvider time, ILogger<WitnessDeliveryService> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (witnesses.All.Count == 0)
        {
            return;
        }

        var cursors = witnesses.All.Select(witness => new WitnessCursor(witness)).ToList();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = await DeliverDueAsync(cursors, stoppingToken) ? NextWait(cursors) : StoreRetry;
                await signal.WaitAsync(wait, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Delivers what is due; false when the store could not be read, so that the next tick comes soon rather than at the next checkpoint.</summary>
    private async Task<bool> DeliverDueAsync(List<WitnessCursor> cursors, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobEngineDbContext>();
        var checkpoints = scope.ServiceProvider.GetRequiredService<Checkpoints>();
        Dictionary<string, long> newest;
        try
        {
            newest = await db.Checkpoints.AsNoTracking()
                .GroupBy(checkpoint => checkpoint.TenantId)
                .Select(tenant => new { Tenant = tenant.Key, Size = tenant.Max(checkpoint => checkpoint.TreeSize) })
                .ToDictionaryAsync(tenant => tenant.Tenant, tenant => tenant.Size, StringComparer.Ordinal, cancellationToken);
        }
        catch (Exception exception) when (StoreFailures.CannotWrite(exception) || exception is InvalidOperationException)
        {
            LogStoreUnavailable(exception);
            return false;
        }

        foreach (var cursor in cursors.Where(cursor => cursor.RetryAt <= time.GetUtcNow()))
        {
            try
            {
                foreach (var (tenant, size) in newest)
                {
                    await CatchUpAsync(cursor, checkpoints, tenant, size, cancellationToken);
                }

                cursor.Failures = 0;
            }
            catch (Exception exception) when (exception is HttpRequestException or TimeoutException or IOException or UnauthorizedAccessException)
            {
                cursor.Failures++;
                cursor.RetryAt = time.GetUtcNow() + RetryBackoff.After(cursor.Failures);
                health.Failed(cursor.Witness.Name, exception.Message);
                LogDeliveryFailed(cursor.Witness.Name, cursor.Failures, exception.Message);
            }
            catch (Exception exception) when (StoreFailures.CannotWrite(exception) || exception is InvalidOperationException)
            {
                LogStoreUnavailable(exception);
                return false;
            }
        }

        return true;
    }

    private async Task CatchUpAsync(WitnessCursor cursor, Checkpoints checkpoints, string tenant, long newestSize, CancellationToken cancellationToken)
    {
        var delivered = cursor.DeliveredOf(tenant, newestSize);
        while (delivered < newestSize)
        {
            var due = await checkpoints.ListAsync(tenant, delivered + 1, Batch, cancellationToken);
            if (due.Count == 0)
            {
                return;
            }

            foreach (var checkpoint in due)
            {
                if (await cursor.Witness.DeliverAsync(checkpoint, cancellationToken) == WitnessAnswer.Refused)
                {
                    LogRefused(cursor.Witness.Name, tenant, checkpoint.TreeSize);
                }

                delivered = checkpoint.TreeSize;
                cursor.Delivered[tenant] = delivered;
                health.Kept(cursor.Witness.Name, time.GetUtcNow());
            }
        }
    }

    private static readonly TimeSpan StoreRetry = TimeSpan.FromSeconds(1);

    private TimeSpan NextWait(List<WitnessCursor> cursors)
    {
        var now = time.GetUtcNow();
        var wait = options.Value.CheckpointInterval;
        foreach (var cursor in cursors.Where(cursor => cursor.RetryAt > now))
        {
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks, (cursor.RetryAt - now).Ticks));
        }

        return wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Witness {Witness} could not be given its checkpoints ({Failures} tries in a row); retrying later: {Why}")]
    private partial void LogDeliveryFailed(string witness, int failures, string why);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Witness {Witness} refused the checkpoint of size {Size} of tenant {Tenant}: it holds another note of that size, or rejects the note")]
    private partial void LogRefused(string witness, string tenant, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Witness delivery skipped a tick: the store is unavailable")]
    private partial void LogStoreUnavailable(Exception exception);
}
