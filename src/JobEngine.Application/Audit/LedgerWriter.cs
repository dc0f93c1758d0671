using JobEngine.Core.Results;
using JobEngine.Infrastructure.Audit;
using JobEngine.Infrastructure.Diagnostics;
using JobEngine.Infrastructure.Ledger;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobEngine.Application.Audit;

/// <summary>
/// The one path by which anything is appended to a ledger. Requests queue a command and await
/// its own answer; a writer takes what the tenants have queued and runs it as one transaction
/// (<see cref="LedgerBatch"/>): each head held once (read and locked, or the one this process's
/// last batch left, locked by its update at the commit), each command's decision made in memory in
/// order, all rows written and committed at once, and only then is every command answered. A
/// command the domain refuses writes nothing. A failed batch is rolled back and runs again in
/// smaller transactions (each tenant's, then each command alone), so one bad command never fails
/// its neighbours. SQLite has one writer for its file, whose batch takes every waiting tenant in
/// turn (their commands share one commit and its fsync: the file cannot be split by tenant
/// anyway). PostgreSQL has several writers on the one queue: a batch holds one tenant, so that no
/// transaction spans tenants, a tenant is in at most one batch at a time, and any free writer takes
/// the next tenant's turn, so that a batch waiting for its head holds up no other tenant; the head
/// row keeps several processes' appends in order (a batch on a remembered head that another process
/// moved runs again on the head read). The queues are bounded per tenant (a full one answers
/// <see cref="FailureKind.Busy"/>), and at shutdown what is queued is written before the writers
/// stop; what they can no longer take is refused, never acknowledged.
/// </summary>
public sealed partial class LedgerWriter
{
    public const int MaxBatch = 256;

    /// <summary>Batches of as many tenants under way at once on PostgreSQL, each on a pooled connection of its own.</summary>
    public const int PostgresWriters = 16;

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<LedgerWriter> _logger;
    private readonly LedgerQueue _queue;
    private readonly Task[] _writers;
    private readonly Lock _starting = new();
    private readonly bool _batchesSpanTenants;
    private volatile bool _started;

    public LedgerWriter(
        IServiceScopeFactory scopes, IOptions<StorageOptions> storage, IOptions<LedgerOptions> ledger, JobEngineMetrics metrics, ILogger<LedgerWriter> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _batchesSpanTenants = !storage.Value.IsPostgres;
        _queue = new LedgerQueue(ledger.Value.WriterQueueLimit);
        _writers = new Task[storage.Value.IsPostgres ? PostgresWriters : 1];
        metrics.Meter.CreateObservableGauge("jobengine.ledger.queue.depth", _queue.Depth,
            "{command}", "Commands waiting for the ledger writer");
    }

    /// <summary>Queues <paramref name="work"/> for the ledger's writers and waits for its answer, given once its batch committed or failed.</summary>
    public Task<Outcome<T>> RunAsync<T>(
        string tenantId, Func<LedgerBatch, CancellationToken, Task<Outcome<T>>> work, CancellationToken cancellationToken, Guid? jobId = null)
    {
        var command = new LedgerCommand<T>(tenantId, jobId, work, cancellationToken);
        switch (_queue.TryEnqueue(command))
        {
            case LedgerQueue.Admission.Full:
                return Task.FromResult<Outcome<T>>(Failure.Busy(
                    "Too many changes of this tenant are waiting to be written to the audit ledger; nothing was taken. Try again in a moment."));
            case LedgerQueue.Admission.Closed:
                return Task.FromResult<Outcome<T>>(Failure.Unavailable("The server is stopping; nothing was changed. Try again later."));
        }

        EnsureWriters();
        return command.Answered.WaitAsync(cancellationToken);
    }

    /// <summary>How many commands of <paramref name="tenantId"/> wait for the writer (not those of a batch under way).</summary>
    public int Waiting(string tenantId) => _queue.Waiting(tenantId);

    /// <summary>
    /// Takes no more commands and waits until the writers wrote what was queued; when
    /// <paramref name="cancellationToken"/> ends the wait first, what is still queued is refused.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Close();

        // A command queued just before the close may not have started the writers yet.
        EnsureWriters();
        Task[] running;
        lock (_starting)
        {
            running = _writers;
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            var stopping = Failure.Unavailable("The server stopped before the change could be written; nothing was changed.");
            foreach (var command in _queue.TakeAll())
            {
                command.Refuse(stopping);
            }
        }
    }

    private void EnsureWriters()
    {
        if (_started)
        {
            return;
        }

        lock (_starting)
        {
            if (_started)
            {
                return;
            }

            // Started without the execution context of the request that happens to come first:
            // the writers serve every request, so their spans and log scopes must not be that one's.
            using var withoutFlow = ExecutionContext.IsFlowSuppressed() ? null : (AsyncFlowControl?)ExecutionContext.SuppressFlow();
            for (var i = 0; i < _writers.Length; i++)
            {
                _writers[i] = Task.Run(WriteAsync);
            }

            _started = true;
        }
    }

    private async Task WriteAsync()
    {
        while (await _queue.WaitAsync())
        {
            if (_queue.NextTenant() is not { } tenantId)
            {
                continue;
            }

            var turns = new List<string> { tenantId };
            try
            {
                await WriteTogetherAsync(tenantId, () => Take(turns));
            }
            catch (Exception exception)
            {
                // The loop must outlive anything a batch throws: the batch answered the commands it
                // took, and those it did not take are still queued for the tenant's next turn.
                LogWriterFault(exception, tenantId);
            }
            finally
            {
                foreach (var tenant in turns)
                {
                    _queue.Done(tenant);
                }
            }
        }
    }

    /// <summary>
    /// The live commands of the tenant whose turn it is (the first of <paramref name="turns"/>), and
    /// on SQLite those of the tenants waiting after it, each in its turn (added to
    /// <paramref name="turns"/>), up to <see cref="MaxBatch"/> in all.
    /// </summary>
    private List<LedgerCommand> Take(List<string> turns)
    {
        var commands = Live(_queue.Take(turns[0], MaxBatch));
        while (_batchesSpanTenants && commands.Count < MaxBatch && _queue.NextTenant() is { } next)
        {
            turns.Add(next);
            commands.AddRange(Live(_queue.Take(next, MaxBatch - commands.Count)));
        }

        return commands;
    }

    /// <summary>
    /// Runs the commands <paramref name="take"/> gives as one transaction, retried whole on a
    /// transient failure, and answers each once it committed. They are taken once, as soon as the
    /// head of <paramref name="firstTenant"/> is held, so that whatever queued while the previous
    /// batch committed joins this one (or, when beginning failed, to be run in smaller transactions).
    /// Any other failure runs them again in smaller transactions.
    /// </summary>
    private async Task WriteTogetherAsync(string firstTenant, Func<List<LedgerCommand>> take)
    {
        List<LedgerCommand>? commands = null;
        LedgerBatch? batch = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                batch = scope.ServiceProvider.GetRequiredService<LedgerBatch>();
                await batch.BeginAsync(CancellationToken.None);
                await batch.HoldHeadAsync(firstTenant, CancellationToken.None);
                commands ??= take();
                if (commands.Count == 0)
                {
                    return;
                }

                await RunAsync(batch, commands);
                await batch.CommitAsync(CancellationToken.None);
                break;
            }
            catch (Exception exception) when (batch?.Committed == true)
            {
                // What failed came after the commit (recording it, letting go of the scope): the commands are answered, never run again.
                LogAfterCommitFault(exception, TenantsOf(commands!));
                Answer(commands!);
                return;
            }
            catch (Exception exception) when (batch?.RecalledAHead == true && attempt < WriteTransaction.MaxAttempts && HeadMoved(exception))
            {
                // Another process appended onto a head this one remembered: run again on the heads read and locked.
                LogRecalledHeadsFailed(exception, firstTenant);
            }
            catch (Exception exception) when (attempt < WriteTransaction.MaxAttempts && TransientFailures.IsTransient(exception))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt));
            }
            catch (Exception exception)
            {
                await WriteSmallerAsync(commands ?? take(), exception);
                return;
            }
        }

        Answer(commands);
    }

    /// <summary>What a batch on a remembered head meets when another process moved it: the head's conditional update, or an entry's sequence taken.</summary>
    private static bool HeadMoved(Exception exception) =>
        exception is DbUpdateConcurrencyException || StoreFailures.IsUniqueViolation(exception);

    private static void Answer(List<LedgerCommand> committed)
    {
        foreach (var command in committed)
        {
            command.Answer();
        }
    }

    /// <summary>
    /// The commands of a failed transaction again: each tenant's in a transaction of its own when it
    /// held several tenants (so that one tenant's failure costs the others only their shared
    /// commit), each command alone when it held one, so that one bad command fails alone.
    /// </summary>
    private async Task WriteSmallerAsync(List<LedgerCommand> commands, Exception exception)
    {
        if (commands.Count == 0)
        {
            return;
        }

        if (commands.Count == 1)
        {
            Fail(commands[0], exception);
            return;
        }

        LogBatchFailed(exception, commands.Count, TenantsOf(commands));
        var tenants = commands.GroupBy(command => command.TenantId, StringComparer.Ordinal).ToList();
        if (tenants.Count > 1)
        {
            foreach (var tenant in tenants)
            {
                await WriteTogetherAsync(tenant.Key, () => [.. tenant]);
            }

            return;
        }

        foreach (var command in commands)
        {
            await WriteTogetherAsync(command.TenantId, () => [command]);
        }
    }

    private static string TenantsOf(List<LedgerCommand> commands) =>
        string.Join(", ", commands.Select(command => command.TenantId).Distinct(StringComparer.Ordinal));

    /// <summary>Each tenant's commands in turn (they were taken tenant by tenant): its head held, its jobs locked at once, then each command in order.</summary>
    private static async Task RunAsync(LedgerBatch batch, List<LedgerCommand> commands)
    {
        foreach (var tenant in commands.GroupBy(command => command.TenantId, StringComparer.Ordinal))
        {
            using var activity = JobEngineTracing.StartLedgerBatch(tenant.Key, tenant.Select(command => command.Origin));
            activity?.SetTag("jobengine.ledger.commands", tenant.Count());
            await batch.HoldHeadAsync(tenant.Key, CancellationToken.None);
            await batch.LockJobsAsync(tenant.Key, [.. tenant.Select(command => command.JobId).OfType<Guid>().Distinct()], CancellationToken.None);
            foreach (var command in tenant)
            {
                batch.Mark();
                if (!await command.RunAsync(batch, CancellationToken.None))
                {
                    batch.Forget();
                }
            }
        }
    }

    /// <summary>The commands whose callers still wait; the others are answered as canceled and not run.</summary>
    private static List<LedgerCommand> Live(List<LedgerCommand> taken)
    {
        var live = new List<LedgerCommand>(taken.Count);
        foreach (var command in taken)
        {
            if (command.Abandoned.IsCancellationRequested)
            {
                command.Cancel();
            }
            else
            {
                live.Add(command);
            }
        }

        return live;
    }

    private void Fail(LedgerCommand command, Exception exception)
    {
        if (StoreFailures.CannotWrite(exception) && !StoreFailures.IsUniqueViolation(exception))
        {
            LogStoreWriteFailed(exception, command.TenantId);
            command.Refuse(Failure.Unavailable("The store cannot take writes right now; nothing was changed. Try again later."));
        }
        else
        {
            command.Fail(exception);
        }
    }

    [LoggerMessage(EventId = 2007, Level = LogLevel.Debug,
        Message = "A chain head of the ledger batch starting with tenant {Tenant} moved since this process remembered it; the batch runs again on the heads read")]
    private partial void LogRecalledHeadsFailed(Exception exception, string tenant);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "A ledger batch of {Count} commands of tenants {Tenants} failed; they run again in smaller transactions")]
    private partial void LogBatchFailed(Exception exception, int count, string tenants);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "The store could not be written; the ledger command of tenant {Tenant} was not applied")]
    private partial void LogStoreWriteFailed(Exception exception, string tenant);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Critical, Message = "The ledger writer failed on a batch starting with tenant {Tenant}")]
    private partial void LogWriterFault(Exception exception, string tenant);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error,
        Message = "A ledger batch of tenants {Tenants} committed, and what came after its commit failed; its commands were answered")]
    private partial void LogAfterCommitFault(Exception exception, string tenants);
}
