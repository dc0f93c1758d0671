using JobEngine.Core.Operators;
using JobEngine.Core.Quotas;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Persistence;

namespace JobEngine.Infrastructure.Quotas;

/// <summary>The operator actions on quotas.</summary>
public sealed class QuotaService(QuotaRepository quotas, WriteTransaction transaction, TimeProvider time)
{
    /// <summary>Creates or replaces the quota of a job type.</summary>
    public Task<Outcome<QuotaChange>> SetAsync(OperatorContext by, string jobType, int? maxActive, int? maxPerHour, CancellationToken cancellationToken) =>
        transaction.RunAsync<QuotaChange>(async ct =>
        {
            var quota = await quotas.FindForUpdateAsync(by.TenantId, jobType, ct);
            if (quota is null)
            {
                var created = Quota.Create(by.TenantId, jobType, maxActive, maxPerHour, by, time.GetUtcNow());
                if (!created.Succeeded)
                {
                    return created.Failure!;
                }

                quotas.Add(created.Value!);
                return new QuotaChange(created.Value!, Created: true);
            }

            var updated = quota.Set(maxActive, maxPerHour, by, time.GetUtcNow());
            return updated.Succeeded ? new QuotaChange(quota, Created: false) : updated.Failure!;
        }, cancellationToken);

    public Task<Outcome<Quota>> PauseAsync(OperatorContext by, string jobType, CancellationToken cancellationToken) =>
        ChangeAsync(by, jobType, (quota, now) => quota.Pause(by, now), cancellationToken);

    public Task<Outcome<Quota>> ResumeAsync(OperatorContext by, string jobType, CancellationToken cancellationToken) =>
        ChangeAsync(by, jobType, (quota, now) => quota.Resume(by, now), cancellationToken);

    private Task<Outcome<Quota>> ChangeAsync(
        OperatorContext by, string jobType, Func<Quota, DateTimeOffset, Outcome<Quota>> change, CancellationToken cancellationToken) =>
        transaction.RunAsync(async ct =>
        {
            var quota = await quotas.FindForUpdateAsync(by.TenantId, jobType, ct);
            return quota is null
                ? Failure.NotFound($"No quota is set for job type '{jobType}'; set one with PUT /api/v1/quotas/{jobType}.")
                : change(quota, time.GetUtcNow());
        }, cancellationToken);
}

/// <summary>A quota after a set, and whether the set created it.</summary>
public sealed record QuotaChange(Quota Quota, bool Created);
