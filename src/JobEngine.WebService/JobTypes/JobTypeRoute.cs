using JobEngine.Core.Jobs;
using JobEngine.Core.Results;

namespace JobEngine.WebService.JobTypes;

/// <summary>A job type named in a route (job type and quota actions): acted on only when it is a valid name.</summary>
internal static class JobTypeRoute
{
    public static Task<Outcome<T>> Act<T>(string jobType, Func<Task<Outcome<T>>> act) =>
        JobType.IsValid(jobType, out var error)
            ? act()
            : Task.FromResult<Outcome<T>>(Failure.Invalid("jobType", $"jobType {error}."));
}
