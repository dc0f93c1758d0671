using JobEngine.Core.Audit;
using JobEngine.Core.Operators;
using JobEngine.Core.Quotas;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Audit;

namespace JobEngine.Infrastructure.Quotas;

/// <summary>The operator actions on quotas, each recorded in the ledger with the quota before and after.</summary>
public sealed class QuotaService(QuotaRepository quotas, AuditedTransaction audited, TimeProvider time)
{
    /// <summary>Creates or replaces the quota of a job type.</summary>
    public Task<Outcome<QuotaChange>> SetAsync(OperatorContext by, string jobType, int? maxActive, int? maxPerHour, CancellationToken cancellationToken)
    {
        string? before = null;
        return audited.RunAsync<QuotaChange>(
            async ct =>
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

                before = AuditStates.Of(quota);
                var updated = quota.Set(maxActive, maxPerHour, by, time.GetUtcNow());
                return updated.Succeeded ? new QuotaChange(quota, Created: false) : updated.Failure!;
            },
            change => Record(by, AuditEventTypes.QuotaUpdated, change.Quota,
                $"Quota set to maxActive={change.Quota.MaxActive}, maxPerHour={change.Quota.MaxPerHour}", before),
            cancellationToken);
    }

    public Task<Outcome<Quota>> PauseAsync(OperatorContext by, string jobType, CancellationToken cancellationToken) =>
        OperateAsync(by, jobType, AuditEventTypes.QuotaPaused, "Quota paused", (quota, now) => quota.Pause(by, now), cancellationToken);

    public Task<Outcome<Quota>> ResumeAsync(OperatorContext by, string jobType, CancellationToken cancellationToken) =>
        OperateAsync(by, jobType, AuditEventTypes.QuotaResumed, "Quota resumed", (quota, now) => quota.Resume(by, now), cancellationToken);

    private Task<Outcome<Quota>> OperateAsync(
        OperatorContext by, string jobType, string eventType, string description, Func<Quota, DateTimeOffset, Outcome<Quota>> action,
        CancellationToken cancellationToken) =>
        audited.ChangeAsync(
            ct => quotas.FindForUpdateAsync(by.TenantId, jobType, ct),
            quota => action(quota, time.GetUtcNow()),
            AuditStates.Of,
            (quota, before, _) => Record(by, eventType, quota, description, before),
            Failure.NotFound($"No quota is set for job type '{jobType}'; set one with PUT /api/v1/quotas/{jobType}."),
            cancellationToken);

    private static AuditRecord Record(OperatorContext by, string eventType, Quota quota, string description, string? before) =>
        AuditRecord.ForOperator(by, eventType, AuditResourceTypes.Quota, quota.JobType, description, before, AuditStates.Of(quota));
}

/// <summary>A quota after a set, and whether the set created it.</summary>
public sealed record QuotaChange(Quota Quota, bool Created);
