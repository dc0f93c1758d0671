using JobEngine.Application.Jobs;
using JobEngine.Core.Approvals;
using JobEngine.Core.Audit;
using JobEngine.Core.Jobs;
using JobEngine.Core.Protocol;
using JobEngine.Core.Results;
using JobEngine.Core.Security;
using JobEngine.Infrastructure.Jobs;
using JobEngine.WebService.Approvals;
using JobEngine.WebService.Errors;
using JobEngine.WebService.Operators;
using JobEngine.WebService.Paging;
using JobEngine.WebService.Security;
using JobEngine.WebService.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobEngine.WebService.Jobs;

internal static class JobEndpoints
{
    private const string CursorList = "jobs";

    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapPost("/", SubmitAsync).RequireAuthorization(OrchestratorScopes.Submit)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        jobs.MapGet("/", ListAsync).RequireAuthorization(OrchestratorScopes.Read);
        jobs.MapGet("/{jobId}", GetAsync).RequireAuthorization(OrchestratorScopes.Read)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var actions = jobs.MapGroup("/{jobId}")
            .AsOperatorActions(AuditResourceTypes.Job, "jobId", OrchestratorScopes.Operate)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        actions.MapPost("/cancel", CancelAsync).Approvable(OperatorActionNames.JobCancel);
        actions.MapPost("/retry", RetryAsync).Approvable(OperatorActionNames.JobRetry);
        jobs.MapBulkCancelEndpoints();
        return jobs;
    }

    private static async Task<Results<Created<JobResponse>, Ok<JobResponse>, ProblemHttpResult>> SubmitAsync(
        SubmitJobRequest request, HttpContext http, RequestTenant tenant, JobService service, CancellationToken cancellationToken)
    {
        var submission = new JobSubmission(
            request.JobType, request.Payload, request.Priority, request.MaxAttempts, request.IdempotencyKey, request.NotBefore);
        var submittedBy = TokenClaims.From(http.User).Client;

        var outcome = await service.SubmitAsync(tenant.Id, submittedBy, submission, cancellationToken);
        if (!outcome.TryGet(out var submitted, out var failure))
        {
            return Problems.From(failure);
        }

        var response = JobResponse.From(submitted.Job);
        return submitted.Created
            ? TypedResults.Created($"{WireNames.Routes.Api}/jobs/{submitted.Job.Id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<JobListResponse>, ProblemHttpResult>> ListAsync(
        string? status, string? jobType, string? limit, string? cursor,
        RequestTenant tenant, JobRepository jobs, CancellationToken cancellationToken)
    {
        if (!QueryEnum.Parse<JobStatus>(status, "status").TryGet(out var wantedStatus, out var invalidStatus))
        {
            return Problems.From(invalidStatus);
        }

        if (jobType is not null && !JobType.IsValid(jobType, out var jobTypeError))
        {
            return Problems.Invalid("jobType", $"jobType {jobTypeError}.");
        }

        if (!PageRequest.Parse(limit, cursor, CursorList).TryGet(out var request, out var invalidPage)
            || !request.AfterId().TryGet(out var after, out invalidPage))
        {
            return Problems.From(invalidPage);
        }

        var items = await jobs.ListAsync(tenant.Id, wantedStatus, jobType, after, request.Limit, cancellationToken);
        var next = items.Count == request.Limit ? Cursor.Encode(CursorList, items[^1].Id.ToString()) : null;
        return TypedResults.Ok(new JobListResponse([.. items.Select(JobResponse.From)], next));
    }

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetAsync(
        string jobId, RequestTenant tenant, JobRepository jobs, CancellationToken cancellationToken)
    {
        var job = Guid.TryParse(jobId, out var id) ? await jobs.GetAsync(tenant.Id, id, cancellationToken) : null;
        return job is null ? Problems.NotFound($"No job {jobId}.") : TypedResults.Ok(JobResponse.From(job));
    }

    private static Task<Results<Ok<JobResponse>, ProblemHttpResult>> CancelAsync(
        string jobId, OperatorRequest<OperatorActionRequest> request, JobService service, CancellationToken cancellationToken) =>
        OperatorEndpoint.RunAsync(request, (by, _) => Find(jobId, id => service.CancelAsync(by, id, cancellationToken)), JobResponse.From);

    private static Task<Results<Ok<JobResponse>, ProblemHttpResult>> RetryAsync(
        string jobId, OperatorRequest<OperatorActionRequest> request, JobService service, CancellationToken cancellationToken) =>
        OperatorEndpoint.RunAsync(request, (by, _) => Find(jobId, id => service.RetryAsync(by, id, cancellationToken)), JobResponse.From);

    /// <summary>A job id that is not a GUID names no job: 404, like any unknown id.</summary>
    private static Task<Outcome<Job>> Find(string jobId, Func<Guid, Task<Outcome<Job>>> act) =>
        Guid.TryParse(jobId, out var id) ? act(id) : Task.FromResult<Outcome<Job>>(Failure.NotFound($"No job {jobId}."));
}
