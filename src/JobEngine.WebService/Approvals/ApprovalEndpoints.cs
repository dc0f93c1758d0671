using JobEngine.Application.Approvals;
using JobEngine.Core.Approvals;
using JobEngine.Core.Audit;
using JobEngine.Core.Results;
using JobEngine.Core.Security;
using JobEngine.Infrastructure.Approvals;
using JobEngine.WebService.Errors;
using JobEngine.WebService.Operators;
using JobEngine.WebService.Paging;
using JobEngine.WebService.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobEngine.WebService.Approvals;

internal static class ApprovalEndpoints
{
    private const string CursorList = "approvals";

    public static RouteGroupBuilder MapApprovalEndpoints(this RouteGroupBuilder api)
    {
        var approvals = api.MapGroup("/approvals").WithTags("Approvals");
        approvals.MapGet("/", ListAsync).RequireAuthorization(OrchestratorScopes.Read);
        approvals.MapGet("/{approvalId}", GetAsync).RequireAuthorization(OrchestratorScopes.Read)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var decisions = approvals.MapGroup("/{approvalId}")
            .AsOperatorActions(AuditResourceTypes.Approval, "approvalId", OrchestratorScopes.Approve)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        decisions.MapPost("/approve", ApproveAsync);
        decisions.MapPost("/reject", RejectAsync);

        // Withdrawing is the requester's own move, with the scope they asked with.
        approvals.MapGroup("/{approvalId}")
            .AsOperatorActions(AuditResourceTypes.Approval, "approvalId", OrchestratorScopes.Operate)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .MapPost("/withdraw", WithdrawAsync);
        return approvals;
    }

    private static async Task<Results<Ok<ApprovalListResponse>, ProblemHttpResult>> ListAsync(
        string? status, string? limit, string? cursor, RequestTenant tenant, ApprovalRepository approvals, CancellationToken cancellationToken)
    {
        if (!QueryEnum.Parse<ApprovalStatus>(status, "status").TryGet(out var wanted, out var invalid)
            || !PageRequest.Parse(limit, cursor, CursorList).TryGet(out var page, out invalid)
            || !page.AfterId().TryGet(out var after, out invalid))
        {
            return Problems.From(invalid);
        }

        var items = await approvals.ListAsync(tenant.Id, wanted, after, page.Limit, cancellationToken);
        var next = items.Count == page.Limit ? Cursor.Encode(CursorList, items[^1].Id.ToString()) : null;
        return TypedResults.Ok(new ApprovalListResponse([.. items.Select(ApprovalResponse.From)], next));
    }

    private static async Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> GetAsync(
        string approvalId, RequestTenant tenant, ApprovalService service, CancellationToken cancellationToken)
    {
        var request = Guid.TryParse(approvalId, out var id) ? await service.GetAsync(tenant.Id, id, cancellationToken) : null;
        return request is null ? Problems.NotFound($"No approval request {approvalId}.") : TypedResults.Ok(ApprovalResponse.From(request));
    }

    private static Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> ApproveAsync(
        string approvalId, OperatorRequest<OperatorActionRequest> request, ApprovalService service, CancellationToken cancellationToken) =>
        OperatorEndpoint.RunAsync(request, (by, _) => Find(approvalId, id => service.ApproveAsync(by, id, cancellationToken)), Respond);

    private static Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> RejectAsync(
        string approvalId, OperatorRequest<OperatorActionRequest> request, ApprovalService service, CancellationToken cancellationToken) =>
        OperatorEndpoint.RunAsync(request, (by, _) => Find(approvalId, id => service.RejectAsync(by, id, cancellationToken)), Respond);

    private static Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> WithdrawAsync(
        string approvalId, OperatorRequest<OperatorActionRequest> request, ApprovalService service, CancellationToken cancellationToken) =>
        OperatorEndpoint.RunAsync(request, (by, _) => Find(approvalId, id => service.WithdrawAsync(by, id, cancellationToken)), Respond);

    private static ApprovalResponse Respond(ApprovalDecision decision) => ApprovalResponse.From(decision.Request);

    /// <summary>An approval id that is no GUID names no request: 404, like any unknown id.</summary>
    private static Task<Outcome<ApprovalDecision>> Find(string approvalId, Func<Guid, Task<Outcome<ApprovalDecision>>> act) =>
        Guid.TryParse(approvalId, out var id)
            ? act(id)
            : Task.FromResult<Outcome<ApprovalDecision>>(Failure.NotFound($"No approval request {approvalId}."));
}
