using JobEngine.Core.Audit;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Records token issuances and refusals in a unit of work of their own. OpenIddict tracks its
/// token entries in the request's DbContext; the ledger append must neither commit nor discard
/// them, so it runs on a separate context.
/// </summary>
internal sealed class TokenLedger(IServiceScopeFactory scopes)
{
    public async Task<Outcome<AuditEntry>> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditedTransaction>().AppendAsync(record, cancellationToken);
    }
}
