using JobEngine.Infrastructure.Diagnostics;
using JobEngine.Application.Jobs;
using JobEngine.Core.Jobs;
using JobEngine.Core.Results;
using JobEngine.Core.Security;
using JobEngine.Core.Text;
using JobEngine.Infrastructure.Jobs;
using JobEngine.WebService.Errors;
using JobEngine.WebService.Jobs;
using JobEngine.WebService.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace JobEngine.WebService.Workers;

internal static class WorkerEndpoints
{
    private const int DefaultLeaseSeconds = 60;
    private const int MaxJobTypesPerLease = 50;

    public static RouteGroupBuilder MapWorkerEndpoints(this RouteGroupBuilder api)
    {
        var workers = api.MapGroup("/").WithTags("Workers").RequireAuthorization(OrchestratorScopes.Work);
        workers.MapPost("/workers/lease", LeaseAsync);
        var leased = workers.MapGroup("/jobs/{jobId}")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        leased.MapPost("/heartbeat", HeartbeatAsync);
        leased.MapPost("/complete", CompleteAsync);
        leased.MapPost("/fail", FailAsync);
        return workers;
    }

    private static async Task<Results<Ok<LeaseResponse>, NoContent, ProblemHttpResult>> LeaseAsync(
        LeaseRequest request, RequestTenant tenant, JobLeasing leasing, JobEngineMetrics metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ValidateWorkerId(request.WorkerId) is { } workerError)
        {
            return workerError;
        }

        if (request.JobTypes is not { Length: > 0 and <= MaxJobTypesPerLease } jobTypes)
        {
            return Problems.Invalid("jobTypes", $"jobTypes must list 1 to {MaxJobTypesPerLease} job types.");
        }

        foreach (var jobType in jobTypes)
        {
            if (!JobType.IsValid(jobType, out var error))
            {
                return Problems.Invalid("jobTypes", $"jobTypes: '{jobType}' {error}.");
            }
        }

        if (ValidateLeaseSeconds(request.LeaseSeconds) is { } durationError)
        {
            return durationError;
        }

        var duration = TimeSpan.FromSeconds(request.LeaseSeconds ?? DefaultLeaseSeconds);
        var started = time.GetTimestamp();
        var outcome = await leasing.LeaseAsync(tenant.Id, request.WorkerId!, [.. jobTypes.Distinct(StringComparer.Ordinal)],
            duration, time.GetUtcNow(), cancellationToken);
        if (!outcome.TryGet(out var job, out var failure))
        {
            return Problems.From(failure);
        }

        var granted = new KeyValuePair<string, object?>("outcome", job is null ? "empty" : "granted");
        metrics.Leases.Add(1, granted);
        metrics.LeaseDuration.Record(time.GetElapsedTime(started).TotalSeconds, granted);

        return job is null
            ? TypedResults.NoContent()
            : TypedResults.Ok(new LeaseResponse(JobResponse.From(job), job.LeaseId!.Value, job.LeaseUntil!.Value));
    }

    private static async Task<Results<Ok<LeaseResponse>, ProblemHttpResult>> HeartbeatAsync(
        string jobId, HeartbeatRequest request, RequestTenant tenant, JobService jobs, CancellationToken cancellationToken)
    {
        if (ValidateLease(jobId, request.LeaseId, out var id) is { } invalid)
        {
            return invalid;
        }

        if (ValidateLeaseSeconds(request.LeaseSeconds) is { } durationError)
        {
            return durationError;
        }

        var outcome = await jobs.HeartbeatAsync(tenant.Id, id, request.LeaseId!.Value,
            TimeSpan.FromSeconds(request.LeaseSeconds ?? DefaultLeaseSeconds), cancellationToken);
        return outcome.TryGet(out var job, out var failure)
            ? TypedResults.Ok(new LeaseResponse(JobResponse.From(job), job.LeaseId!.Value, job.LeaseUntil!.Value))
            : Problems.From(failure);
    }

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> CompleteAsync(
        string jobId, CompleteRequest request, RequestTenant tenant, JobService jobs, IOptions<JobOptions> options,
        CancellationToken cancellationToken)
    {
        if (ValidateLease(jobId, request.LeaseId, out var id) is { } invalid)
        {
            return invalid;
        }

        string? result = null;
        if (request.Result.ValueKind != System.Text.Json.JsonValueKind.Undefined)
        {
            if (!options.Value.Limits.Compact(request.Result, "result").TryGet(out var bytes, out var tooLarge))
            {
                return Problems.From(tooLarge);
            }

            result = System.Text.Encoding.UTF8.GetString(bytes);
        }

        return ToResult(await jobs.CompleteAsync(tenant.Id, id, request.LeaseId!.Value, result, cancellationToken));
    }

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> FailAsync(
        string jobId, FailRequest request, RequestTenant tenant, JobService jobs, CancellationToken cancellationToken)
    {
        if (ValidateLease(jobId, request.LeaseId, out var id) is { } invalid)
        {
            return invalid;
        }

        if (request.Error is { Length: > JobLimits.MaxErrorLength })
        {
            return Problems.Invalid("error", $"error must be at most {JobLimits.MaxErrorLength} characters.");
        }

        if (request.Error is { } error && TextRule.TryFindForbidden(error, out var index))
        {
            return Problems.Invalid("error", $"error must not contain control characters ({TextRule.Describe(error, index)}).");
        }

        return ToResult(await jobs.FailAsync(tenant.Id, id, request.LeaseId!.Value, request.Error, cancellationToken));
    }

    private static Results<Ok<JobResponse>, ProblemHttpResult> ToResult(Outcome<Job> outcome) =>
        outcome.TryGet(out var job, out var failure) ? TypedResults.Ok(JobResponse.From(job)) : Problems.From(failure);

    private static ProblemHttpResult? ValidateLease(string jobId, Guid? leaseId, out Guid id)
    {
        if (!Guid.TryParse(jobId, out id))
        {
            return Problems.NotFound($"No job {jobId}.");
        }

        return leaseId is null ? Problems.Invalid("leaseId", "leaseId is required: the leaseId the lease returned.") : null;
    }

    private static ProblemHttpResult? ValidateWorkerId(string? workerId) =>
        string.IsNullOrWhiteSpace(workerId) || workerId.Length > JobLimits.MaxWorkerIdLength || TextRule.TryFindForbidden(workerId, out _)
            ? Problems.Invalid("workerId", $"workerId is required: 1 to {JobLimits.MaxWorkerIdLength} characters without control characters.")
            : null;

    private static ProblemHttpResult? ValidateLeaseSeconds(int? leaseSeconds) =>
        leaseSeconds is < JobLimits.MinLeaseSeconds or > JobLimits.MaxLeaseSeconds
            ? Problems.Invalid("leaseSeconds", $"leaseSeconds must be between {JobLimits.MinLeaseSeconds} and {JobLimits.MaxLeaseSeconds}.")
            : null;
}
