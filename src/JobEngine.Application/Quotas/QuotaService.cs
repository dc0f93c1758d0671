using JobEngine.Application.Audit;
using JobEngine.Core.Audit;
using JobEngine.Core.Operators;
using JobEngine.Core.Quotas;
using JobEngine.Core.Results;

namespace JobEngine.Application.Quotas;

/// <summary>The operator actions on quotas, each recorded in the ledger with the quota before and after.</summary>
public sealed class QuotaService(AuditedTransaction audited, TimeProvider time)
{
    /// <summary>Creates or replaces the quota of a job type: the one action that may create its resource.</summary>
    public Task<Outcome<QuotaChange>> SetAsync(OperatorContext by, string jobType, int? maxActive, int? maxPerHour, CancellationToken cancellationToken) =>
        audited.RunAsync<QuotaChange>(by.TenantId, Set(by, jobType, maxActive, maxPerHour), cancellationToken);

    public ChangeStep Set(OperatorContext by, string jobType, int? maxActive, int? maxPerHour) =>
        async (batch, ct) =>
        {
            var quotas = batch.Quotas;
            var stamp = by.StampAt(time.GetUtcNow());
            string? before = null;
            QuotaChange change;
            if (await quotas.FindForUpdateAsync(by.TenantId, jobType, ct) is { } quota)
            {
                before = AuditStates.Of(quota);
                if (!quota.Set(maxActive, maxPerHour, stamp).TryGet(out _, out var refused))
                {
                    return refused;
                }

                change = new QuotaChange(quota, Created: false);
            }
            else
            {
                if (!Quota.Create(by.TenantId, jobType, maxActive, maxPerHour, stamp).TryGet(out var created, out var invalid))
                {
                    return invalid;
                }

                quotas.Add(created);
                change = new QuotaChange(created, Created: true);
            }

            return new AuditedChange(change, [AuditRecord.ForOperator(by, AuditEventTypes.QuotaUpdated, AuditResourceTypes.Quota, jobType,
                $"Quota set to maxActive={change.Quota.MaxActive}, maxPerHour={change.Quota.MaxPerHour}", before, AuditStates.Of(change.Quota))]);
        };

    public Task<Outcome<Quota>> PauseAsync(OperatorContext by, string jobType, CancellationToken cancellationToken) =>
        audited.ActAsync(by, Pause(by, jobType), cancellationToken);

    public Task<Outcome<Quota>> ResumeAsync(OperatorContext by, string jobType, CancellationToken cancellationToken) =>
        audited.ActAsync(by, Resume(by, jobType), cancellationToken);

    public OperatorAction<Quota> Pause(OperatorContext by, string jobType) =>
        Action(by, jobType, AuditEventTypes.QuotaPaused, "Quota paused", (quota, stamp) => quota.Pause(stamp));

    public OperatorAction<Quota> Resume(OperatorContext by, string jobType) =>
        Action(by, jobType, AuditEventTypes.QuotaResumed, "Quota resumed", (quota, stamp) => quota.Resume(stamp));

    private OperatorAction<Quota> Action(
        OperatorContext by, string jobType, string eventType, string description, Func<Quota, OperatorStamp, Outcome<Quota>> decide) =>
        new(eventType, AuditResourceTypes.Quota, jobType, description)
        {
            Load = (batch, ct) => batch.Quotas.FindForUpdateAsync(by.TenantId, jobType, ct),
            Decide = decide,
            Snapshot = AuditStates.Of,
            NotFound = Failure.NotFound($"No quota is set for job type '{jobType}'; set one with PUT /api/v1/quotas/{jobType}."),
        };
}

/// <summary>A quota after a set, and whether the set created it.</summary>
public sealed record QuotaChange(Quota Quota, bool Created);
