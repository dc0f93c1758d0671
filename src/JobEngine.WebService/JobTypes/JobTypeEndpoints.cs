using JobEngine.Application.JobTypes;
using JobEngine.Core.Approvals;
using JobEngine.Core.Audit;
using JobEngine.Core.Security;
using JobEngine.WebService.Approvals;
using JobEngine.WebService.Operators;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobEngine.WebService.JobTypes;

internal static class JobTypeEndpoints
{
    public static RouteGroupBuilder MapJobTypeEndpoints(this RouteGroupBuilder api)
    {
        var actions = api.MapGroup("/job-types/{jobType}")
            .WithTags("Job types")
            .AsOperatorActions(AuditResourceTypes.JobType, "jobType", OrchestratorScopes.Operate)
            .ProducesProblem(StatusCodes.Status409Conflict);
        actions.MapPost("/pause", PauseAsync).Approvable(OperatorActionNames.JobTypePause);
        actions.MapPost("/resume", ResumeAsync).Approvable(OperatorActionNames.JobTypeResume);
        return actions;
    }

    private static Task<Results<Ok<JobTypeResponse>, ProblemHttpResult>> PauseAsync(
        string jobType, OperatorRequest<OperatorActionRequest> request, JobTypeService service, CancellationToken cancellationToken) =>
        OperatorEndpoint.RunAsync(request, (by, _) => JobTypeRoute.Act(jobType, () => service.PauseAsync(by, jobType, cancellationToken)),
            JobTypeResponse.From);

    private static Task<Results<Ok<JobTypeResponse>, ProblemHttpResult>> ResumeAsync(
        string jobType, OperatorRequest<OperatorActionRequest> request, JobTypeService service, CancellationToken cancellationToken) =>
        OperatorEndpoint.RunAsync(request, (by, _) => JobTypeRoute.Act(jobType, () => service.ResumeAsync(by, jobType, cancellationToken)),
            JobTypeResponse.From);
}
