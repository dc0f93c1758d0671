using JobEngine.Infrastructure.Lockouts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JobEngine.Authority.Lockouts;

/// <summary>
/// Deletes, every few minutes, the failure counts whose window and lockout have passed, so that ids
/// and addresses that failed once do not accumulate. Every process purges; each delete is idempotent.
/// </summary>
internal sealed partial class AuthenticationFailurePurge(IServiceScopeFactory scopes, TimeProvider time, ILogger<AuthenticationFailurePurge> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PurgeAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<AuthenticationFailureStore>()
                .PurgeAsync(time.GetUtcNow(), FailureLimiter.Window, cancellationToken);
            if (!outcome.TryGet(out var purged, out var failure))
            {
                LogPurgeFailed(null, failure.Detail);
            }
            else if (purged > 0)
            {
                LogPurged(purged);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPurgeFailed(exception, exception.Message);
        }
    }

    [LoggerMessage(EventId = 1024, Level = LogLevel.Debug, Message = "Purged {Count} lapsed authentication failure counts")]
    private partial void LogPurged(int count);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Warning, Message = "Lapsed authentication failure counts could not be purged: {Reason}")]
    private partial void LogPurgeFailed(Exception? exception, string reason);
}
