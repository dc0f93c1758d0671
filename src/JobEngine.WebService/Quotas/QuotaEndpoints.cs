using JobEngine.Application.Quotas;
using JobEngine.Core.Approvals;
using JobEngine.Core.Audit;
using JobEngine.Core.Jobs;
using JobEngine.Core.Protocol;
using JobEngine.Core.Security;
using JobEngine.Infrastructure.Quotas;
using JobEngine.WebService.Approvals;
using JobEngine.WebService.Errors;
using JobEngine.WebService.JobTypes;
using JobEngine.WebService.Operators;
using JobEngine.WebService.Paging;
using JobEngine.WebService.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobEngine.WebService.Quotas;

internal static class QuotaEndpoints
{
    private const string CursorList = "quotas";

    public static RouteGroupBuilder MapQuotaEndpoints(this RouteGroupBuilder api)
    {
        var quotas = api.MapGroup("/quotas").WithTags("Quotas");
        quotas.MapGet("/", ListAsync).RequireAuthorization(OrchestratorScopes.Read);
        quotas.MapGet("/{jobType}", GetAsync).RequireAuthorization(OrchestratorScopes.Read)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var actions = quotas.MapGroup("/{jobType}")
            .AsOperatorActions(AuditResourceTypes.Quota, "jobType", OrchestratorScopes.Quota)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        actions.MapPut("/", SetAsync).Approvable(OperatorActionNames.QuotaUpdate);
        actions.MapPost("/pause", PauseAsync).Approvable(OperatorActionNames.QuotaPause);
        actions.MapPost("/resume", ResumeAsync).Approvable(OperatorActionNames.QuotaResume);
        return quotas;
    }

    private static async Task<Results<Ok<QuotaListResponse>, ProblemHttpResult>> ListAsync(
        string? limit, string? cursor, RequestTenant tenant, QuotaRepository quotas, CancellationToken cancellationToken)
    {
        if (!PageRequest.Parse(limit, cursor, CursorList).TryGet(out var request, out var invalidPage))
        {
            return Problems.From(invalidPage);
        }

        var items = await quotas.ListAsync(tenant.Id, request.AfterKey, request.Limit, cancellationToken);
        var next = items.Count == request.Limit ? Cursor.Encode(CursorList, items[^1].JobType) : null;
        return TypedResults.Ok(new QuotaListResponse([.. items.Select(QuotaResponse.From)], next));
    }

    private static async Task<Results<Ok<QuotaResponse>, ProblemHttpResult>> GetAsync(
        string jobType, RequestTenant tenant, QuotaRepository quotas, CancellationToken cancellationToken)
    {
        var quota = JobType.IsValid(jobType, out _) ? await quotas.GetAsync(tenant.Id, jobType, cancellationToken) : null;
        return quota is null ? Problems.NotFound($"No quota is set for job type '{jobType}'.") : TypedResults.Ok(QuotaResponse.From(quota));
    }

    private static async Task<Results<Ok<QuotaResponse>, Created<QuotaResponse>, ProblemHttpResult>> SetAsync(
        string jobType, OperatorRequest<SetQuotaRequest> request, QuotaService service, CancellationToken cancellationToken)
    {
        if (!request.TryGet(out var by, out var body, out var refusal))
        {
            return refusal;
        }

        var outcome = await JobTypeRoute.Act(jobType, () => service.SetAsync(by, jobType, body.MaxActive, body.MaxPerHour, cancellationToken));
        if (!outcome.TryGet(out var change, out var failure))
        {
            return Problems.From(failure);
        }

        var response = QuotaResponse.From(change.Quota);
        return change.Created ? TypedResults.Created($"{WireNames.Routes.Api}/quotas/{jobType}", response) : TypedResults.Ok(response);
    }

    private static Task<Results<Ok<QuotaResponse>, ProblemHttpResult>> PauseAsync(
        string jobType, OperatorRequest<OperatorActionRequest> request, QuotaService service, CancellationToken cancellationToken) =>
        OperatorEndpoint.RunAsync(request, (by, _) => JobTypeRoute.Act(jobType, () => service.PauseAsync(by, jobType, cancellationToken)),
            QuotaResponse.From);

    private static Task<Results<Ok<QuotaResponse>, ProblemHttpResult>> ResumeAsync(
        string jobType, OperatorRequest<OperatorActionRequest> request, QuotaService service, CancellationToken cancellationToken) =>
        OperatorEndpoint.RunAsync(request, (by, _) => JobTypeRoute.Act(jobType, () => service.ResumeAsync(by, jobType, cancellationToken)),
            QuotaResponse.From);
}
