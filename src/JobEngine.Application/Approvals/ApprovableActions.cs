using System.Text.Json;
using JobEngine.Application.Audit;
using JobEngine.Application.Jobs;
using JobEngine.Application.JobTypes;
using JobEngine.Application.Quotas;
using JobEngine.Core.Approvals;
using JobEngine.Core.Jobs;
using JobEngine.Core.Operators;
using JobEngine.Core.Results;

namespace JobEngine.Application.Approvals;

/// <summary>
/// Every operator action an approval policy can hold back, described once from what its request
/// named (the action, the route's resource, the body): the same use case's change that would
/// have run at once. Describing also checks the request, so a request the action would refuse
/// for its input is refused before anyone is asked to approve it.
/// </summary>
public sealed class ApprovableActions(JobService jobs, JobTypeService jobTypes, QuotaService quotas, BulkCancelService bulkCancels, AuditedTransaction audited)
{
    public Outcome<ReplayableAction> Describe(OperatorContext by, string action, string? resourceId, string arguments) => action switch
    {
        OperatorActionNames.JobCancel => OnJob(resourceId, id => audited.Change(by, jobs.Cancel(by, id))),
        OperatorActionNames.JobRetry => OnJob(resourceId, id => audited.Change(by, jobs.Retry(by, id))),
        OperatorActionNames.JobTypePause => OnJobType(resourceId, jobType => audited.Change(by, jobTypes.Pause(by, jobType))),
        OperatorActionNames.JobTypeResume => OnJobType(resourceId, jobType => audited.Change(by, jobTypes.Resume(by, jobType))),
        OperatorActionNames.QuotaPause => OnJobType(resourceId, jobType => audited.Change(by, quotas.Pause(by, jobType))),
        OperatorActionNames.QuotaResume => OnJobType(resourceId, jobType => audited.Change(by, quotas.Resume(by, jobType))),
        OperatorActionNames.QuotaUpdate => OnJobType(resourceId, jobType =>
            quotas.Set(by, jobType, Integer(arguments, "maxActive"), Integer(arguments, "maxPerHour"))),
        OperatorActionNames.JobsBulkCancel => BulkCancelFilter.Parse(arguments).TryGet(out var filter, out var invalid)
            ? new ReplayableAction(bulkCancels.Start(by, filter))
            : invalid,
        _ => Failure.Invalid("action", $"'{action}' is not an operator action."),
    };

    private static Outcome<ReplayableAction> OnJob(string? resourceId, Func<Guid, ChangeStep> change) =>
        Guid.TryParse(resourceId, out var jobId)
            ? new ReplayableAction(change(jobId), jobId)
            : Failure.NotFound($"No job {resourceId}.");

    private static Outcome<ReplayableAction> OnJobType(string? resourceId, Func<string, ChangeStep> change)
    {
        if (!JobType.IsValid(resourceId, out var error))
        {
            return Failure.Invalid("jobType", $"jobType {error}.");
        }

        return new ReplayableAction(change(resourceId!));
    }

    /// <summary>A member of the stored body (written by the API's own serializer, so well-formed), or null when absent.</summary>
    private static int? Integer(string arguments, string name)
    {
        using var document = JsonDocument.Parse(arguments);
        return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
    }
}

/// <summary>A held-back action, ready to run in an approval's batch: its change, and the job it locks if it acts on one.</summary>
public sealed record ReplayableAction(ChangeStep Change, Guid? JobId = null);
