using JobEngine.Application.Audit;
using JobEngine.Core.Audit;
using JobEngine.Core.Results;

namespace JobEngine.Authority.TokenRequests;

/// <summary>
/// Records token issuances and refusals through the ledger writer that also writes operator
/// actions and denials: a burst of token requests shares the tenant's batches and durable commits
/// instead of waiting for one each (docs/benchmarks.md). A request is answered only once its
/// record is committed, and an operator token whose record fails is not issued. The writer uses
/// contexts of its own: OpenIddict tracks its entries in the request's DbContext, which the append
/// must not touch.
/// </summary>
internal sealed class TokenLedger(AuditedTransaction audited)
{
    public Task<Outcome<AuditEntry>> AppendAsync(AuditRecord record, CancellationToken cancellationToken) =>
        audited.AppendAsync(record, cancellationToken);
}
