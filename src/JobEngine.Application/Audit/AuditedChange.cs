using JobEngine.Core.Audit;
using JobEngine.Infrastructure.Audit;
using JobEngine.Core.Results;

namespace JobEngine.Application.Audit;

/// <summary>
/// A change made in the ledger writer's batch and the records that describe it, not yet appended:
/// whoever runs it appends them (after entries of its own, such as an approval's). A change
/// refuses before it alters anything it loaded, so a refused one leaves the batch as it was.
/// </summary>
public sealed record AuditedChange(object Result, IReadOnlyList<AuditRecord> Records);

/// <summary>Makes an <see cref="AuditedChange"/> in <paramref name="batch"/>, or refuses.</summary>
public delegate Task<Outcome<AuditedChange>> ChangeStep(LedgerBatch batch, CancellationToken cancellationToken);
