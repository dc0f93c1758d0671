using JobEngine.Application.Approvals;
using Microsoft.Extensions.Options;

namespace JobEngine.WebService.Approvals;

/// <summary>
/// Records approval requests that passed their expiry without anyone looking at them. Safe with
/// many processes on one store: each expiry is decided with the request's row locked, so it is
/// recorded once, by whichever process comes first.
/// </summary>
internal sealed partial class ApprovalExpirySweep(
    IServiceScopeFactory scopes, IOptions<ApprovalOptions> options, TimeProvider time, ILogger<ApprovalExpirySweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ApprovalService>().ExpireDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again; a request looked at meanwhile is expired on that look.
                LogSweepFailed(exception);
            }
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "The approval expiry sweep failed; it runs again at its next tick")]
    private partial void LogSweepFailed(Exception exception);
}
