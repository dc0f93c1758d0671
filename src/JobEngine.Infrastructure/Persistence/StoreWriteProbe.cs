using JobEngine.Core.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// Whether the store takes a durable write right now: a committed update of one probe row. The
/// answer is kept for a second, so that an anonymous caller polling readiness cannot turn it into
/// a stream of synchronous commits.
/// </summary>
public sealed class StoreWriteProbe(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _one = new(1, 1);
    private (DateTimeOffset At, Failure? Failure)? _last;

    /// <summary>Null when the store took the write; otherwise why not.</summary>
    public async Task<Failure?> ProbeAsync(CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_last is { } last && now - last.At < Reuse)
            {
                return last.Failure;
            }

            var failure = await WriteAsync(now, cancellationToken);
            _last = (now, failure);
            return failure;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<Failure?> WriteAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobEngineDbContext>();
        var outcome = await scope.ServiceProvider.GetRequiredService<WriteTransaction>().RunAsync<bool>(async ct =>
        {
            var probe = await db.StoreProbes.SingleOrDefaultAsync(row => row.ProbeId == StoreProbe.SingleId, ct);
            if (probe is null)
            {
                probe = new StoreProbe();
                db.StoreProbes.Add(probe);
            }

            probe.Touch(now);
            return true;
        }, cancellationToken);
        return outcome.TryGet(out _, out var failure) ? null : failure;
    }
}
