using JobEngine.Application.Jobs;
using JobEngine.Core.Approvals;
using JobEngine.Core.Audit;
using JobEngine.Core.Jobs;
using JobEngine.Core.Results;
using JobEngine.Core.Security;
using JobEngine.Infrastructure.Jobs;
using JobEngine.WebService.Approvals;
using JobEngine.WebService.Errors;
using JobEngine.WebService.Operators;
using JobEngine.WebService.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobEngine.WebService.Jobs;

internal static class BulkCancelEndpoints
{
    public static RouteGroupBuilder MapBulkCancelEndpoints(this RouteGroupBuilder jobs)
    {
        var bulk = jobs.MapGroup("/bulk-cancel");
        bulk.MapGet("/{batchId}", GetAsync).RequireAuthorization(OrchestratorScopes.Read)
            .ProducesProblem(StatusCodes.Status404NotFound);
        bulk.MapGroup("/")
            .AsOperatorActions(AuditResourceTypes.JobBatch, "batchId", OrchestratorScopes.Operate)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .MapPost("/", BulkCancelAsync)
            .Approvable(OperatorActionNames.JobsBulkCancel);
        return bulk;
    }

    /// <summary>Cancels the matching jobs in chunks and answers once all are done; more matches than <c>max</c> is 409 naming the count.</summary>
    private static Task<Results<Ok<BulkCancelResponse>, ProblemHttpResult>> BulkCancelAsync(
        OperatorRequest<BulkCancelRequest> request, BulkCancelService service, CancellationToken cancellationToken) =>
        OperatorEndpoint.RunAsync(request, (by, body) =>
            BulkCancelFilter.Create(body.JobType, body.Status, body.SubmittedBefore, body.Max).TryGet(out var filter, out var invalid)
                ? service.RunAsync(by, filter, cancellationToken)
                : Task.FromResult<Outcome<BulkCancel>>(invalid),
            BulkCancelResponse.From);

    private static async Task<Results<Ok<BulkCancelResponse>, ProblemHttpResult>> GetAsync(
        string batchId, RequestTenant tenant, BulkCancelRepository bulkCancels, CancellationToken cancellationToken)
    {
        var bulk = Guid.TryParse(batchId, out var id) ? await bulkCancels.GetAsync(tenant.Id, id, cancellationToken) : null;
        return bulk is null ? Problems.NotFound($"No bulk cancel {batchId}.") : TypedResults.Ok(BulkCancelResponse.From(bulk));
    }
}
