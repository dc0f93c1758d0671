using JobEngine.Infrastructure.Diagnostics;
using JobEngine.Core.Audit;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Ledger.Sinks;
using JobEngine.Infrastructure.Persistence;

namespace JobEngine.WebService.Ledger.Sinks;

/// <summary>
/// Pushes every tenant's ledger to every sink, in sequence order, at least once: a batch is read
/// after the sink's cursor in the store, delivered, and only then is the cursor moved. One process
/// delivers a given sink and tenant at a time (a lease on the cursor, renewed with each batch and
/// taken over when it lapses). A failing sink is retried with exponential backoff and jitter while
/// the others go on; nothing an operator does waits for a sink.
/// </summary>
internal sealed partial class SinkDeliveryService(
    IServiceScopeFactory scopes, SinkSet sinks, SinkHealth health, CommitSignal commits, JobEngineMetrics metrics, TimeProvider time,
    ILogger<SinkDeliveryService> logger) : BackgroundService
{
    private const int Batch = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>This process's name on the leases it holds.</summary>
    private readonly string _owner = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (sinks.All.Count == 0)
        {
            return;
        }

        var retries = sinks.All.ToDictionary(sink => sink.Id, _ => (Failures: 0, At: DateTimeOffset.MinValue), StringComparer.Ordinal);
        while (!stoppingToken.IsCancellationRequested)
        {
            var nextCommit = commits.Next;
            try
            {
                await DeliverDueAsync(retries, stoppingToken);
                await Task.WhenAny(nextCommit, Task.Delay(NextWait(retries), time, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task DeliverDueAsync(Dictionary<string, (int Failures, DateTimeOffset At)> retries, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var cursors = scope.ServiceProvider.GetRequiredService<SinkCursors>();
        var ledger = scope.ServiceProvider.GetRequiredService<IAuditRepository>();
        Dictionary<string, long> heads;
        try
        {
            heads = await cursors.HeadsAsync(cancellationToken);
        }
        catch (Exception exception) when (StoreFailures.CannotWrite(exception) || exception is InvalidOperationException)
        {
            LogStoreUnavailable(exception);
            return;
        }

        foreach (var sink in sinks.All.Where(sink => retries[sink.Id].At <= time.GetUtcNow()))
        {
            try
            {
                // Read first, so that a tick with nothing new for a tenant writes nothing (no lease renewal).
                var delivered = await cursors.DeliveredAsync(sink.Id, cancellationToken);
                foreach (var (tenant, head) in heads.Where(head => (sink.Tenants.Count == 0 || sink.Tenants.Contains(head.Key))
                                                                  && head.Value > delivered.GetValueOrDefault(head.Key)))
                {
                    await CatchUpAsync(sink, cursors, ledger, tenant, head, cancellationToken);
                }

                if (retries[sink.Id].Failures > 0)
                {
                    LogRecovered(sink.Id);
                }

                retries[sink.Id] = (0, DateTimeOffset.MinValue);
            }
            catch (SinkFailedException failure)
            {
                var failures = retries[sink.Id].Failures + 1;
                retries[sink.Id] = (failures, time.GetUtcNow() + RetryBackoff.After(failures));
                health.Failed(sink.Id, failure.Message);
                metrics.SinkFailures.Add(1, new KeyValuePair<string, object?>("sink", sink.Id));
                LogDeliveryFailed(sink.Id, failures, failure.Message);
            }
            catch (Exception exception) when (StoreFailures.CannotWrite(exception) || exception is InvalidOperationException)
            {
                LogStoreUnavailable(exception);
                return;
            }
        }

        // From the stored cursors, whichever process delivers and whether or not the sink answers:
        // a sink that is down shows a growing lag.
        try
        {
            foreach (var sink in sinks.All)
            {
                var delivered = await cursors.DeliveredAsync(sink.Id, cancellationToken);
                health.Lag(sink.Id, heads.Where(head => sink.Tenants.Count == 0 || sink.Tenants.Contains(head.Key))
                    .Sum(head => head.Value - delivered.GetValueOrDefault(head.Key)));
            }
        }
        catch (Exception exception) when (StoreFailures.CannotWrite(exception) || exception is InvalidOperationException)
        {
            LogStoreUnavailable(exception);
        }
    }

    /// <summary>Delivers one tenant's entries after the cursor up to <paramref name="head"/>, unless another process holds the lease.</summary>
    private async Task CatchUpAsync(ISink sink, SinkCursors cursors, IAuditRepository ledger, string tenant, long head, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await cursors.LeaseAsync(tenant, sink.Id, _owner, now, now + Lease, cancellationToken) is not { } delivered)
        {
            return;
        }

        while (delivered < head)
        {
            var entries = await ledger.QueryAsync(tenant, new AuditQuery(), delivered, Batch, cancellationToken);
            var contiguous = entries.TakeWhile((entry, index) => entry.Sequence == delivered + index + 1).ToList();
            if (contiguous.Count == 0)
            {
                break;
            }

            await DeliverAsync(sink, contiguous, cancellationToken);
            var last = contiguous[^1].Sequence;
            if (!await cursors.AdvanceAsync(tenant, sink.Id, _owner, last, time.GetUtcNow() + Lease, cancellationToken))
            {
                // The lease lapsed while the sink was slow and another process took over; it resumes from the stored cursor.
                LogLeaseLost(sink.Id, tenant);
                return;
            }

            delivered = last;
            health.Delivered(sink.Id);
            metrics.SinkDeliveries.Add(contiguous.Count, new KeyValuePair<string, object?>("sink", sink.Id));
        }
    }

    /// <summary>Whatever a sink throws counts as its failure (retried with backoff), never as the delivery loop's.</summary>
    private static async Task DeliverAsync(ISink sink, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        try
        {
            await sink.DeliverAsync(entries, cancellationToken);
        }
        catch (Exception exception) when (exception is not (SinkFailedException or OperationCanceledException))
        {
            throw new SinkFailedException($"{sink.Id} failed: {exception.Message}", exception);
        }
    }

    private TimeSpan NextWait(Dictionary<string, (int Failures, DateTimeOffset At)> retries)
    {
        var now = time.GetUtcNow();
        var wait = PollInterval;
        foreach (var (_, retry) in retries.Where(retry => retry.Value.At > now))
        {
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks, (retry.At - now).Ticks));
        }

        return wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sink {Sink} did not take its entries ({Failures} tries in a row); retrying later: {Why}")]
    private partial void LogDeliveryFailed(string sink, int failures, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sink {Sink} takes entries again")]
    private partial void LogRecovered(string sink);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sink {Sink}: the lease on tenant {Tenant} passed to another process")]
    private partial void LogLeaseLost(string sink, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sink delivery skipped a tick: the store is unavailable")]
    private partial void LogStoreUnavailable(Exception exception);
}
