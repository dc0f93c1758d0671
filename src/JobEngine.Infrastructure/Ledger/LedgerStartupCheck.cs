using JobEngine.Infrastructure.Ledger.Witnesses;
using JobEngine.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JobEngine.Infrastructure.Ledger;

/// <summary>
/// At start-up, checks every tenant that has a signed checkpoint, in the store or in a directory
/// witness: its ledger must still extend the newest one. A tenant that fails is remembered as violated (<see cref="LedgerIntegrity"/>);
/// the server still starts, so that auditors can read and verify, but fails closed for it.
/// </summary>
public sealed class LedgerStartupCheck(JobEngineDbContext db, Checkpoints checkpoints, WitnessedCheckpoints witnessed)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var tenants = witnessed.Tenants();
        tenants.UnionWith(await db.Checkpoints.AsNoTracking().Select(checkpoint => checkpoint.TenantId).Distinct().ToListAsync(cancellationToken));
        foreach (var tenant in tenants)
        {
            await checkpoints.CheckAsync(tenant, cancellationToken);
        }
    }
}
