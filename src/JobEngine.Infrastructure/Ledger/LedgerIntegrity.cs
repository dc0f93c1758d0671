using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace JobEngine.Infrastructure.Ledger;

/// <summary>
/// The tenants whose ledger no longer extends its newest signed checkpoint, as this process has
/// found them (at start-up, or before signing). Such a ledger fails closed: operator actions are
/// refused, readiness fails, nothing more is signed, until an operator has investigated and
/// restarted the process. Each process finds it on its own: every one checks at start-up and signs.
/// </summary>
public sealed class LedgerIntegrity
{
    private readonly ConcurrentDictionary<string, string> _violations = new(StringComparer.Ordinal);

    public bool Holds => _violations.IsEmpty;

    public IReadOnlyDictionary<string, string> Violations => _violations;

    public void Violated(string tenantId, string why) => _violations.TryAdd(tenantId, why);

    public bool TryGetViolation(string tenantId, [NotNullWhen(true)] out string? why) => _violations.TryGetValue(tenantId, out why);
}
