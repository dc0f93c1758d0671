using JobEngine.Application.Audit;

namespace JobEngine.WebService.Ledger;

/// <summary>
/// At shutdown, after the server stopped taking requests, lets the ledger writer write what is
/// still queued; what it cannot write before the host's shutdown timeout is refused, never acknowledged.
/// </summary>
internal sealed class LedgerWriterShutdown(LedgerWriter writer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => writer.StopAsync(cancellationToken);
}
