using JobEngine.Core.Audit;
using JobEngine.Core.JobTypes;
using JobEngine.Core.Operators;
using JobEngine.Core.Results;
using JobEngine.Core.Security;
using JobEngine.Infrastructure.JobTypes;
using JobEngine.WebService.Errors;
using JobEngine.WebService.Jobs;
using JobEngine.WebService.Operators;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace JobEngine.WebService.JobTypes;

internal static class JobTypeEndpoints
{
    public static RouteGroupBuilder MapJobTypeEndpoints(this RouteGroupBuilder api)
    {
        var actions = api.MapGroup("/job-types/{jobType}")
            .WithTags("Job types")
            .RequireAuthorization(OrchestratorScopes.Operate)
            .WithMetadata(new OperatorActionMetadata(AuditResourceTypes.JobType, "jobType"))
            .AddEndpointFilter<RequireOperatorJustificationFilter>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        actions.MapPost("/pause", PauseAsync);
        actions.MapPost("/resume", ResumeAsync);
        return actions;
    }

    private static Task<Results<Ok<JobTypeResponse>, ProblemHttpResult>> PauseAsync(
        string jobType, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] OperatorActionRequest? request,
        CurrentOperator current, JobTypeService service, CancellationToken cancellationToken) =>
        ActAsync(jobType, request, current, by => service.PauseAsync(by, jobType, cancellationToken));

    private static Task<Results<Ok<JobTypeResponse>, ProblemHttpResult>> ResumeAsync(
        string jobType, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] OperatorActionRequest? request,
        CurrentOperator current, JobTypeService service, CancellationToken cancellationToken) =>
        ActAsync(jobType, request, current, by => service.ResumeAsync(by, jobType, cancellationToken));

    private static async Task<Results<Ok<JobTypeResponse>, ProblemHttpResult>> ActAsync(
        string jobType, OperatorActionRequest? request, CurrentOperator current,
        Func<OperatorContext, Task<Outcome<JobTypeControl>>> action)
    {
        if (OperatorActionInput.ValidateJobTypeAndComment(jobType, request?.Comment, out var comment) is { } invalid)
        {
            return invalid;
        }

        var outcome = await action(current.WithComment(comment));
        return outcome.Value is { } control ? TypedResults.Ok(JobTypeResponse.From(control)) : Problems.From(outcome.Failure!);
    }
}
