using JobEngine.Application.Jobs;
using JobEngine.Infrastructure.Jobs;

namespace JobEngine.WebService.Jobs;

/// <summary>
/// At start-up, takes up every bulk cancel an interrupted process left unfinished and runs its
/// remaining chunks. Several processes starting at once may each take one up; its chunks stay
/// exact (see <see cref="BulkCancelService.ContinueAsync"/>).
/// </summary>
internal sealed partial class BulkCancelResumption(IServiceScopeFactory scopes, ILogger<BulkCancelResumption> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var unfinished = await scope.ServiceProvider.GetRequiredService<BulkCancelRepository>().UnfinishedAsync(stoppingToken);
            var bulkCancels = scope.ServiceProvider.GetRequiredService<BulkCancelService>();
            foreach (var (tenantId, batchId) in unfinished)
            {
                LogResuming(tenantId, batchId);
                if (!(await bulkCancels.ContinueAsync(tenantId, batchId)).TryGet(out var bulk, out var failure))
                {
                    LogNotFinished(tenantId, batchId, failure.Detail);
                    continue;
                }

                LogFinished(tenantId, batchId, bulk.Canceled);
            }
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // Whatever is left stays recorded as unfinished and is taken up at the next start.
            LogResumptionFailed(exception);
        }
    }

    [LoggerMessage(EventId = 2311, Level = LogLevel.Information, Message = "Resuming the unfinished bulk cancel {BatchId} of tenant {Tenant}")]
    private partial void LogResuming(string tenant, Guid batchId);

    [LoggerMessage(EventId = 2312, Level = LogLevel.Information, Message = "The bulk cancel {BatchId} of tenant {Tenant} finished: {Canceled} jobs canceled")]
    private partial void LogFinished(string tenant, Guid batchId, int canceled);

    [LoggerMessage(EventId = 2313, Level = LogLevel.Warning, Message = "The bulk cancel {BatchId} of tenant {Tenant} could not be finished now: {Why}")]
    private partial void LogNotFinished(string tenant, Guid batchId, string why);

    [LoggerMessage(EventId = 2314, Level = LogLevel.Error, Message = "Resuming unfinished bulk cancels failed; they are taken up at the next start")]
    private partial void LogResumptionFailed(Exception exception);
}
