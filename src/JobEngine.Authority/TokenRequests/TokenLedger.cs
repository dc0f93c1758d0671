using System.Threading.Channels;
using JobEngine.Core.Audit;
using JobEngine.Core.Results;
using JobEngine.Application.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Records token issuances and refusals. Requests queue their records; one writer appends what
/// has queued while the previous batch committed, one transaction per tenant, so a burst of token
/// requests shares durable commits instead of waiting for one each (on SQLite every write is
/// serialised; docs/benchmarks.md). A request is answered only once its record is committed, and
/// an operator token whose record fails is not issued. The writer uses contexts of its own:
/// OpenIddict tracks its entries in the request's DbContext, which the append must not touch.
/// </summary>
internal sealed partial class TokenLedger(IServiceScopeFactory scopes, ILogger<TokenLedger> logger) : BackgroundService
{
    public const int MaxBatch = 64;
    public const int MaxQueued = 4096;

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public async Task<Outcome<AuditEntry>> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var pending = new Pending(record, new TaskCompletionSource<Outcome<AuditEntry>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            return Failure.Unavailable("Too many token records are waiting to be written. Try again later.");
        }

        return await pending.Written.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                foreach (var tenant in batch.GroupBy(pending => pending.Record.TenantId, StringComparer.Ordinal))
                {
                    await WriteAsync([.. tenant]);
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is answered below.
        }
        finally
        {
            _queue.Writer.TryComplete();
            var unavailable = Failure.Unavailable("The server is stopping; the record was not written.");
            foreach (var pending in batch)
            {
                pending.Written.TrySetResult(unavailable);
            }

            while (_queue.Reader.TryRead(out var left))
            {
                left.Written.TrySetResult(unavailable);
            }
        }
    }

    private async Task WriteAsync(Pending[] group)
    {
        Outcome<IReadOnlyList<AuditEntry>> outcome;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            outcome = await scope.ServiceProvider.GetRequiredService<AuditedTransaction>()
                .AppendAllAsync([.. group.Select(pending => pending.Record)], CancellationToken.None);
        }
        catch (Exception exception)
        {
            // Whatever went wrong, every waiting request gets an answer.
            LogBatchFailed(exception, group.Length);
            outcome = Failure.Unavailable("The audit entries could not be written to the store.");
        }

        for (var i = 0; i < group.Length; i++)
        {
            group[i].Written.TrySetResult(outcome.TryGet(out var entries, out var failure) ? entries[i] : failure);
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "A batch of {Count} token records could not be written")]
    private partial void LogBatchFailed(Exception exception, int count);

    private sealed record Pending(AuditRecord Record, TaskCompletionSource<Outcome<AuditEntry>> Written);
}
