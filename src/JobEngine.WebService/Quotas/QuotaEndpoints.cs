using JobEngine.Core.Audit;
using JobEngine.Core.Jobs;
using JobEngine.Core.Operators;
using JobEngine.Core.Quotas;
using JobEngine.Core.Results;
using JobEngine.Core.Security;
using JobEngine.Infrastructure.Quotas;
using JobEngine.WebService.Errors;
using JobEngine.WebService.Jobs;
using JobEngine.WebService.Operators;
using JobEngine.WebService.Paging;
using JobEngine.WebService.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

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
            .RequireAuthorization(OrchestratorScopes.Quota)
            .WithMetadata(new OperatorActionMetadata(AuditResourceTypes.Quota, "jobType"))
            .AddEndpointFilter<RequireOperatorJustificationFilter>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        actions.MapPut("/", SetAsync);
        actions.MapPost("/pause", PauseAsync);
        actions.MapPost("/resume", ResumeAsync);
        return quotas;
    }

    private static async Task<Results<Ok<QuotaListResponse>, ProblemHttpResult>> ListAsync(
        string? limit, string? cursor, RequestTenant tenant, QuotaRepository quotas, CancellationToken cancellationToken)
    {
        var page = PageRequest.Parse(limit, cursor, CursorList);
        if (page.Value is not { } request)
        {
            return Problems.From(page.Failure!);
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
        string jobType, SetQuotaRequest request, CurrentOperator current, QuotaService service, CancellationToken cancellationToken)
    {
        if (OperatorActionInput.ValidateJobTypeAndComment(jobType, request.Comment, out var comment) is { } invalid)
        {
            return invalid;
        }

        var outcome = await service.SetAsync(current.WithComment(comment), jobType, request.MaxActive, request.MaxPerHour, cancellationToken);
        if (outcome.Value is not { } change)
        {
            return Problems.From(outcome.Failure!);
        }

        var response = QuotaResponse.From(change.Quota);
        return change.Created ? TypedResults.Created($"/api/v1/quotas/{jobType}", response) : TypedResults.Ok(response);
    }

    private static Task<Results<Ok<QuotaResponse>, ProblemHttpResult>> PauseAsync(
        string jobType, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] OperatorActionRequest? request,
        CurrentOperator current, QuotaService service, CancellationToken cancellationToken) =>
        ActAsync(jobType, request, current, by => service.PauseAsync(by, jobType, cancellationToken));

    private static Task<Results<Ok<QuotaResponse>, ProblemHttpResult>> ResumeAsync(
        string jobType, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] OperatorActionRequest? request,
        CurrentOperator current, QuotaService service, CancellationToken cancellationToken) =>
        ActAsync(jobType, request, current, by => service.ResumeAsync(by, jobType, cancellationToken));

    private static async Task<Results<Ok<QuotaResponse>, ProblemHttpResult>> ActAsync(
        string jobType, OperatorActionRequest? request, CurrentOperator current, Func<OperatorContext, Task<Outcome<Quota>>> action)
    {
        if (OperatorActionInput.ValidateJobTypeAndComment(jobType, request?.Comment, out var comment) is { } invalid)
        {
            return invalid;
        }

        var outcome = await action(current.WithComment(comment));
        return outcome.Value is { } quota ? TypedResults.Ok(QuotaResponse.From(quota)) : Problems.From(outcome.Failure!);
    }
}
