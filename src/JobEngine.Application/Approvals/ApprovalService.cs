using JobEngine.Application.Audit;
using JobEngine.Application.Jobs;
using JobEngine.Core.Approvals;
using JobEngine.Core.Audit;
using JobEngine.Core.Jobs;
using JobEngine.Core.Operators;
using JobEngine.Core.Results;
using JobEngine.Infrastructure.Approvals;
using JobEngine.Infrastructure.Audit;

namespace JobEngine.Application.Approvals;

/// <summary>
/// The life of an approval request: asked for instead of an action a policy holds back, approved
/// by distinct people other than the requester (the last approval runs the action, replayed as
/// the requester's through the same use case, in the same transaction), or rejected, withdrawn
/// by its requester, or expired. Each step is one ledger entry in the transaction of the change.
/// </summary>
public sealed class ApprovalService(
    AuditedTransaction audited, ApprovableActions actions, ApprovalRepository approvals, BulkCancelService bulkCancels, TimeProvider time)
{
    /// <summary>Holds <paramref name="action"/> back for approval under <paramref name="policy"/>: refused now if the action would refuse its input.</summary>
    public Task<Outcome<ApprovalRequest>> RequestAsync(
        OperatorContext by, ApprovalPolicy policy, string action, string? resourceId, string arguments, CancellationToken cancellationToken)
    {
        if (!actions.Describe(by, action, resourceId, arguments).TryGet(out _, out var invalid))
        {
            return Task.FromResult<Outcome<ApprovalRequest>>(invalid);
        }

        var request = ApprovalRequest.Create(
            by.TenantId, action, resourceId, arguments, by.ActorId, OperatorContextJson.Write(by), policy.MinimumApprovers, time.GetUtcNow(), policy.ExpiresAfter);
        return audited.RunAsync<ApprovalRequest>(by.TenantId, (batch, _) =>
        {
            batch.Approvals.Add(request);
            return Task.FromResult<Outcome<AuditedChange>>(new AuditedChange(request, [Record(by, AuditEventTypes.ApprovalRequested,
                $"Approval requested for {action}{On(resourceId)} ({policy.MinimumApprovers} approver(s) needed)", null, request)]));
        }, cancellationToken);
    }

    /// <summary>
    /// Counts the approval of <paramref name="by"/>; the one that completes the request runs the
    /// action in the same transaction, exactly as it would run now: when it would refuse (a job
    /// finished meanwhile), the approval is refused the same way and nothing changes.
    /// </summary>
    public async Task<Outcome<ApprovalDecision>> ApproveAsync(OperatorContext by, Guid id, CancellationToken cancellationToken)
    {
        await ExpireIfDueAsync(by.TenantId, id, cancellationToken);
        BulkCancel? started = null;
        var outcome = await audited.RunAsync<ApprovalDecision>(by.TenantId, async (batch, ct) =>
        {
            if (await batch.Approvals.FindForUpdateAsync(by.TenantId, id, ct) is not { } request)
            {
                return NotFound(id);
            }

            var now = time.GetUtcNow();
            if (request.CheckApproval(by.ActorId, now) is { } refused)
            {
                return refused;
            }

            AuditedChange? action = null;
            if (request.CompletesWith(by.ActorId))
            {
                if (!(await RunActionAsync(batch, request, by.ActorId, ct)).TryGet(out action, out var actionRefused))
                {
                    return actionRefused;
                }

                started = action.Result as BulkCancel;
            }

            var before = AuditStates.Of(request);
            request.Approve(by.ActorId, now);
            await batch.AppendAsync(Record(by, AuditEventTypes.ApprovalApproved,
                $"Approved by {by.ActorId} ({request.Approvers.Count} of {request.MinimumApprovers})", before, request), ct);
            await AuditedTransaction.AppendAllAsync(batch, action?.Records ?? [], ct);
            return new ApprovalDecision(request, action?.Result);
        }, cancellationToken);

        // A bulk cancel's approval starts it; its chunks follow, each in a transaction of its own.
        if (outcome.Succeeded && started is not null)
        {
            await bulkCancels.ContinueAsync(started.TenantId, started.BatchId);
        }

        return outcome;
    }

    public Task<Outcome<ApprovalDecision>> RejectAsync(OperatorContext by, Guid id, CancellationToken cancellationToken) =>
        DecideAsync(by, id, AuditEventTypes.ApprovalRejected, $"Rejected by {by.ActorId}", (request, now) => request.Reject(by.ActorId, now), cancellationToken);

    public Task<Outcome<ApprovalDecision>> WithdrawAsync(OperatorContext by, Guid id, CancellationToken cancellationToken) =>
        DecideAsync(by, id, AuditEventTypes.ApprovalWithdrawn, $"Withdrawn by its requester {by.ActorId}",
            (request, now) => request.Withdraw(by.ActorId, now), cancellationToken);

    /// <summary>The request, recorded as expired first when it is past its expiry (so that what is shown is what the ledger says).</summary>
    public async Task<ApprovalRequest?> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken)
    {
        await ExpireIfDueAsync(tenantId, id, cancellationToken);
        return await approvals.GetAsync(tenantId, id, cancellationToken);
    }

    /// <summary>
    /// Records the request expired when it is pending past its expiry: exactly once, whichever
    /// process or request looks first, because the check runs with the request's row locked.
    /// </summary>
    public async Task ExpireIfDueAsync(string tenantId, Guid id, CancellationToken cancellationToken)
    {
        if (await approvals.GetAsync(tenantId, id, cancellationToken) is not { } seen || !seen.IsDue(time.GetUtcNow()))
        {
            return;
        }

        await audited.RunAsync<ApprovalRequest>(tenantId, async (batch, ct) =>
        {
            if (await batch.Approvals.FindForUpdateAsync(tenantId, id, ct) is not { } request)
            {
                return NotFound(id);
            }

            var before = AuditStates.Of(request);
            if (!request.Expire(time.GetUtcNow()).TryGet(out _, out var notDue))
            {
                return notDue;
            }

            var expired = AuditRecord.Create(tenantId, AuditEventTypes.ApprovalExpired, new Attribution(null, ActorTypes.System, null, null), null) with
            {
                ResourceType = AuditResourceTypes.Approval,
                ResourceId = id.ToString("D"),
                Description = $"Expired at {AuditEntryJson.FormatTimestamp(request.ExpiresAt)} without enough approvals",
                OldState = before,
                NewState = AuditStates.Of(request),
                RequestedBy = request.RequestedBy,
                Approvers = request.ApprovedBy,
            };
            await batch.AppendAsync(expired, ct);
            return request;
        }, cancellationToken);
    }

    /// <summary>Records every request of every tenant that is past its expiry (the background sweep).</summary>
    public async Task ExpireDueAsync(CancellationToken cancellationToken)
    {
        foreach (var (tenantId, id) in await approvals.DueAsync(time.GetUtcNow(), limit: 500, cancellationToken))
        {
            await ExpireIfDueAsync(tenantId, id, cancellationToken);
        }
    }

    private async Task<Outcome<AuditedChange>> RunActionAsync(LedgerBatch batch, ApprovalRequest request, string lastApprover, CancellationToken ct)
    {
        var grant = new ApprovalGrant(request.Id, request.RequestedBy, [.. request.Approvers, lastApprover]);
        var requester = OperatorContextJson.Read(request.Requester) with { Approval = grant };
        if (!actions.Describe(requester, request.Action, request.ResourceId, request.Arguments).TryGet(out var action, out var invalid))
        {
            return invalid;
        }

        if (action.JobId is { } jobId)
        {
            await batch.LockJobsAsync(request.TenantId, [jobId], ct);
        }

        return await action.Change(batch, ct);
    }

    private async Task<Outcome<ApprovalDecision>> DecideAsync(
        OperatorContext by, Guid id, string eventType, string description, Func<ApprovalRequest, DateTimeOffset, Outcome<ApprovalRequest>> decide,
        CancellationToken cancellationToken)
    {
        await ExpireIfDueAsync(by.TenantId, id, cancellationToken);
        return await audited.RunAsync<ApprovalDecision>(by.TenantId, async (batch, ct) =>
        {
            if (await batch.Approvals.FindForUpdateAsync(by.TenantId, id, ct) is not { } request)
            {
                return NotFound(id);
            }

            var before = AuditStates.Of(request);
            if (!decide(request, time.GetUtcNow()).TryGet(out _, out var refused))
            {
                return refused;
            }

            await batch.AppendAsync(Record(by, eventType, description, before, request), ct);
            return new ApprovalDecision(request, null);
        }, cancellationToken);
    }

    private static AuditRecord Record(OperatorContext by, string eventType, string description, string? before, ApprovalRequest request) =>
        AuditRecord.ForOperator(by, eventType, AuditResourceTypes.Approval, request.Id.ToString("D"), description, before, AuditStates.Of(request)) with
        {
            RequestedBy = request.RequestedBy,
            Approvers = request.ApprovedBy,
        };

    private static string On(string? resourceId) => resourceId is null ? "" : $" on {resourceId}";

    private static Failure NotFound(Guid id) => Failure.NotFound($"No approval request {id}.");
}

/// <summary>An approval request after a decision, and what the action it ran returned (when this decision ran it).</summary>
public sealed record ApprovalDecision(ApprovalRequest Request, object? Result);
